/**
 * "Still due?" resolvers. Just before sending, the worker asks the resolver registered for the
 * notice's template to re-read the current state: `{ send: false, reason }` skips the notice (the
 * hearing moved, was cancelled, the obligation was done), `{ send: true, data }` sends it with
 * fresh data (the venue changed its room). So a reminder is computed from the state at send time,
 * never from what was true when it was enqueued.
 *
 * Features register theirs at module load, e.g. scheduling:
 *   registerResolver('hearing.reminder', async (db, n) => …)
 * and lib/notify/register.ts imports those modules so the worker always has them.
 */
import 'server-only';
import type { Db } from '@/db/types';
import type { Notice } from '@/db/schema/notifications';

export type NoticeForResolver = Pick<
  Notice,
  'id' | 'jurisdictionId' | 'caseId' | 'templateKey' | 'data' | 'subjectType' | 'subjectId' | 'recipientKind' | 'recipientId' | 'channel' | 'locale' | 'sendAfter'
>;
export type ResolverResult = { send: false; reason: string } | { send: true; data: Record<string, unknown> };
export type Resolver = (db: Db, notice: NoticeForResolver) => Promise<ResolverResult>;

// Shared through globalThis: Next.js may load this module in more than one bundle of one process.
const store = globalThis as unknown as { __cgNoticeResolvers?: Map<string, Resolver> };
const registry: Map<string, Resolver> = (store.__cgNoticeResolvers ??= new Map());

/** Register the resolver of a template (one per template). Returns a function that removes it. */
export function registerResolver(templateKey: string, resolver: Resolver): () => void {
  registry.set(templateKey, resolver);
  return () => {
    if (registry.get(templateKey) === resolver) registry.delete(templateKey);
  };
}

export function resolverFor(templateKey: string): Resolver | undefined {
  return registry.get(templateKey);
}
