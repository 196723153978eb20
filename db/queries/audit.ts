import 'server-only';
import { and, desc, eq, gte, ilike, isNull, lt, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { auditLog, auditOutcomeEnum, users } from '@/db/schema';
import { ForbiddenError } from '@/lib/errors';
import { can } from '@/lib/permissions';
import { actorUserId, type Actor } from '@/lib/auth/actor';
import { filterDay } from '@/lib/domain/url-dates';
import { auditAtCommit } from '../commit-hooks';
import type { Db } from '../types';

export type AuditInput = {
  action: string;
  entityType?: string;
  entityId?: string;
  outcome?: 'success' | 'failure' | 'denied';
  details?: Record<string, unknown>;
};

/**
 * Append one audit row. Call inside the same transaction as the change it records: there the row is
 * inserted just before COMMIT (db/commit-hooks.ts), so the chain's shared lock is held briefly.
 */
export async function writeAudit(db: Db, actor: Actor | null, input: AuditInput & { jurisdictionId?: string | null; ip?: string | null }) {
  const row = {
    actorUserId: actorUserId(actor),
    actorRole: actor?.role ?? null,
    actorApiTokenId: actor?.apiToken?.id ?? null,
    jurisdictionId: input.jurisdictionId ?? actor?.jurisdictionId ?? null,
    action: textSafe(input.action),
    entityType: textSafe(input.entityType ?? null),
    // The entity id of a refused request is whatever was in the URL, which may hold a NUL.
    entityId: textSafe(input.entityId ?? null),
    outcome: input.outcome ?? 'success',
    ip: textSafe(input.ip ?? actor?.ip ?? null),
    details: jsonbSafe(input.details ?? {}),
  } as const;
  if (!auditAtCommit(db, row)) await db.insert(auditLog).values(row);
}

/** PostgreSQL text refuses NUL too (SQLSTATE 22021); same visible replacement as in details. */
function textSafe<T extends string | null>(value: T): T {
  return (typeof value === 'string' ? value.replaceAll('\u0000', '\ufffd') : value) as T;
}

/**
 * jsonb refuses the NUL character (SQLSTATE 22P05). An audit entry must never fail because of what
 * someone typed, so NUL inside recorded strings is replaced with U+FFFD, visibly, not dropped.
 */
export function jsonbSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? v.replaceAll('\u0000', '\ufffd') : v))) as T;
}

/** Newest audit rows of the admin's jurisdiction. */
export async function listRecentAudit(db: Db, actor: Actor, limit = 50) {
  if (!can(actor.role, 'audit.read')) throw new ForbiddenError();
  return db
    .select({
      id: auditLog.id,
      occurredAt: auditLog.occurredAt,
      action: auditLog.action,
      outcome: auditLog.outcome,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      actorEmail: users.email,
      ip: auditLog.ip,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(eq(auditLog.jurisdictionId, actor.jurisdictionId))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

// Control characters cannot be typed into a search box, and PostgreSQL text cannot hold NUL: such a
// filter is dropped as invalid (and reported) rather than sent to the database.
const filterText = (max: number) => z.string().trim().max(max).regex(/^[^\u0000-\u001f\u007f]*$/).optional();

export const auditFilterSchema = z.object({
  actor: filterText(254),
  action: filterText(100),
  entityType: filterText(50),
  entityId: filterText(100),
  outcome: z.enum(auditOutcomeEnum.enumValues).optional(),
  // Year 0 and 9999-12-31 (searched up to the next day, in year 10000) would fail in the query.
  from: filterDay.optional(),
  to: filterDay.optional(),
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditFilter = z.input<typeof auditFilterSchema>;

/** Read a filter from query parameters, dropping (and reporting) the invalid ones instead of failing. */
export function parseAuditFilter(params: Record<string, string | string[] | undefined>): { filter: z.output<typeof auditFilterSchema>; invalid: string[] } {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(auditFilterSchema.shape)) {
    const v = params[key];
    if (typeof v === 'string' && v.trim() !== '') raw[key] = v;
  }
  const invalid: string[] = [];
  for (const key of Object.keys(raw)) {
    const field = auditFilterSchema.shape[key as keyof typeof auditFilterSchema.shape];
    if (!field.safeParse(raw[key]).success) {
      invalid.push(key);
      delete raw[key];
    }
  }
  return { filter: auditFilterSchema.parse(raw), invalid };
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Rows an admin may see: their jurisdiction's, plus system rows with no jurisdiction (sign-in
 * attempts for unknown emails), which belong to no office.
 */
function auditConditions(actor: Actor, f: z.output<typeof auditFilterSchema>): SQL[] {
  const c: SQL[] = [or(eq(auditLog.jurisdictionId, actor.jurisdictionId), isNull(auditLog.jurisdictionId))!];
  if (f.actor) c.push(ilike(users.email, `%${likeEscape(f.actor)}%`));
  if (f.action) c.push(ilike(auditLog.action, `${likeEscape(f.action)}%`));
  if (f.entityType) c.push(eq(auditLog.entityType, f.entityType));
  if (f.entityId) c.push(eq(auditLog.entityId, f.entityId));
  if (f.outcome) c.push(eq(auditLog.outcome, f.outcome));
  if (f.from) c.push(gte(auditLog.occurredAt, new Date(`${f.from}T00:00:00Z`)));
  if (f.to) c.push(lt(auditLog.occurredAt, new Date(new Date(`${f.to}T00:00:00Z`).getTime() + 86_400_000)));
  return c;
}

const auditColumns = {
  id: auditLog.id,
  chainSeq: auditLog.chainSeq,
  occurredAt: auditLog.occurredAt,
  actorUserId: auditLog.actorUserId,
  actorEmail: users.email,
  actorRole: auditLog.actorRole,
  jurisdictionId: auditLog.jurisdictionId,
  action: auditLog.action,
  entityType: auditLog.entityType,
  entityId: auditLog.entityId,
  outcome: auditLog.outcome,
  ip: auditLog.ip,
  details: auditLog.details,
  hash: auditLog.hash,
};

/** One page of the audit log, newest first, keyset-paginated on id (`before` = last id seen). */
export async function searchAudit(db: Db, actor: Actor, filter: AuditFilter) {
  if (!can(actor.role, 'audit.read')) throw new ForbiddenError();
  const f = auditFilterSchema.parse(filter);
  const conditions = auditConditions(actor, f);
  if (f.before) conditions.push(lt(auditLog.id, f.before));
  const rows = await db
    .select(auditColumns)
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(f.limit + 1);
  const items = rows.slice(0, f.limit);
  return { items, nextBefore: rows.length > f.limit ? items[items.length - 1].id : null };
}

/** Audit entity types about treatment (42 CFR Part 2): kept on screen for admins, never exported. */
export const TREATMENT_AUDIT_ENTITY_TYPES = ['treatment_provider', 'treatment_referral', 'part2_consent', 'treatment_status'] as const;

export const AUDIT_EXPORT_MAX_ROWS = 100_000;

/**
 * Every row matching the filter, in batches, for the CSV export. The export is itself audited
 * (with its filter) once the first batch has been read and before it leaves, so an interrupted
 * download is still on record and an export that could not start (bad filter, failed query) is not.
 */
export type AuditRow = Awaited<ReturnType<typeof searchAudit>>['items'][number];

export async function* exportAudit(db: Db, actor: Actor, filter: AuditFilter): AsyncGenerator<AuditRow[]> {
  if (!can(actor.role, 'audit.read')) throw new ForbiddenError();
  const f = auditFilterSchema.parse({ ...filter, limit: 200 });
  // Treatment rows (referrals, consents, providers) never leave in a file: 42 CFR Part 2.
  const noTreatment = or(isNull(auditLog.entityType), notInArray(auditLog.entityType, [...TREATMENT_AUDIT_ENTITY_TYPES]))!;
  // Agreement rows written before items were logged neutral named the treatment item (kind, title).
  const noTreatmentItem = sql`coalesce(${auditLog.details}->>'kind', '') not in ('treatment_assessment', 'treatment_program')`;
  let before: number | undefined = f.before;
  let sent = 0;
  let audited = false;
  while (sent < AUDIT_EXPORT_MAX_ROWS) {
    const conditions = auditConditions(actor, f);
    conditions.push(noTreatment, noTreatmentItem);
    if (before) conditions.push(lt(auditLog.id, before));
    const rows = await db
      .select(auditColumns)
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(...conditions))
      .orderBy(desc(auditLog.id))
      .limit(Math.min(1000, AUDIT_EXPORT_MAX_ROWS - sent));
    if (!audited) {
      await writeAudit(db, actor, { action: 'audit.export', entityType: 'audit_log', details: { filter: { ...f, limit: undefined, before: undefined } } });
      audited = true;
    }
    if (!rows.length) return;
    yield rows;
    sent += rows.length;
    before = rows[rows.length - 1].id;
  }
}
