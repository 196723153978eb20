import 'server-only';
import { resolveHearingReminder } from '@/db/queries/hearing-notices';
import { registerResolver } from '@/lib/notify/resolvers';

// Loaded by lib/notify/register.ts so every worker process has it.
registerResolver('hearing.reminder', (db, notice) => resolveHearingReminder(db, notice));
