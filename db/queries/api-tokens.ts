import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { apiTokens, users } from '@/db/schema';
import { actorUserId, type Actor } from '@/lib/auth/actor';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { can } from '@/lib/permissions';
import type { Db } from '../types';
import { writeAudit } from './audit';

export const API_TOKEN_PREFIX = 'cg_';

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** 256 random bits, URL-safe. */
export function generateApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export async function listApiTokens(db: Db, actor: Actor) {
  if (!can(actor.role, 'apiToken.manage')) throw new ForbiddenError();
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      createdBy: users.email,
    })
    .from(apiTokens)
    .leftJoin(users, eq(users.id, apiTokens.createdByUserId))
    .where(eq(apiTokens.jurisdictionId, actor.jurisdictionId))
    .orderBy(sql`${apiTokens.revokedAt} is not null`, desc(apiTokens.createdAt));
}

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(3, { error: 'Name the token after the system that will use it (at least 3 characters).' }).max(100),
});

/** Create a token; the only time its value is ever shown is in this function's result. */
export async function createApiToken(db: Db, actor: Actor, input: z.input<typeof createApiTokenSchema>, fixedToken?: string) {
  if (!can(actor.role, 'apiToken.manage')) throw new ForbiddenError();
  const { name } = createApiTokenSchema.parse(input);
  const token = fixedToken ?? generateApiToken();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({ jurisdictionId: actor.jurisdictionId, name, tokenHash: hashApiToken(token), prefix: token.slice(0, 10), createdByUserId: actorUserId(actor) })
      .returning({ id: apiTokens.id, name: apiTokens.name });
    await writeAudit(tx, actor, { action: 'api_token.create', entityType: 'api_token', entityId: row.id, details: { name } });
    return { ...row, token };
  });
}

export const revokeApiTokenSchema = z.object({ tokenId: z.uuid() });

export async function revokeApiToken(db: Db, actor: Actor, input: z.input<typeof revokeApiTokenSchema>) {
  if (!can(actor.role, 'apiToken.manage')) throw new ForbiddenError();
  const { tokenId } = revokeApiTokenSchema.parse(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date(), revokedByUserId: actorUserId(actor) })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.jurisdictionId, actor.jurisdictionId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, name: apiTokens.name });
    if (!row) throw new NotFoundError('That active token');
    await writeAudit(tx, actor, { action: 'api_token.revoke', entityType: 'api_token', entityId: row.id, details: { name: row.name } });
    return row;
  });
}

/** "Last used" is shown to the minute; writing it on every call made each API read a write too. */
export const API_TOKEN_LAST_USED_RESOLUTION_MS = 60_000;

/**
 * The actor a bearer token stands for, or null when it is missing, unknown or revoked. The token
 * acts as the office (role prosecutor) of its own jurisdiction only. Its last use is recorded at
 * most once a minute: a busy integration would otherwise update the one token row on every request,
 * and concurrent requests would queue on that row's lock.
 */
export async function resolveApiToken(db: Db, token: string, ip: string | null = null, now = new Date()): Promise<Actor | null> {
  if (!token.startsWith(API_TOKEN_PREFIX) || token.length > 200) return null;
  const [row] = await db
    .select({ id: apiTokens.id, name: apiTokens.name, jurisdictionId: apiTokens.jurisdictionId, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, hashApiToken(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  const staleBefore = new Date(now.getTime() - API_TOKEN_LAST_USED_RESOLUTION_MS);
  if (!row.lastUsedAt || row.lastUsedAt < staleBefore) {
    // The same condition in SQL, so of several requests that all saw a stale value only one writes.
    await db
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore))));
  }
  return { userId: `api-token:${row.id}`, role: 'prosecutor', jurisdictionId: row.jurisdictionId, name: `API token “${row.name}”`, email: '', locale: 'en', ip, apiToken: { id: row.id, name: row.name } };
}
