import 'server-only';
import { resolveObligationNotice } from '@/db/queries/agreement-progress';
import { registerResolver } from '@/lib/notify/resolvers';

// Loaded by lib/notify/register.ts so every worker process has them.
registerResolver('obligation.due_soon', (db, notice) => resolveObligationNotice(db, notice));
registerResolver('obligation.overdue', (db, notice) => resolveObligationNotice(db, notice));
