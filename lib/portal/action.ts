import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { writeAudit } from '@/db/queries/audit';
import { auditRefusal, formValues, keptValues, type ActionResult } from '@/lib/actions';
import type { Actor } from '@/lib/auth/actor';
import { getActor } from '@/lib/auth/session';
import { ForbiddenError, NotFoundError } from '@/lib/errors';
import { can, type Permission } from '@/lib/permissions';
import { portalErrorResult } from '@/lib/portal/errors';
import type { Db } from '@/db/types';

/**
 * `defineAction` for the participant's pages: the same steps (session → permission → parse → run →
 * one result shape), with every message in the participant's language. A field error becomes the
 * portal's sentence for that field; a rule the participant broke arrives as a code and is worded here.
 */
export function definePortalAction<S extends z.ZodType, T>(opts: { schema: S; permission: Permission; prepare?: (raw: Record<string, string>) => unknown; run: (ctx: { db: Db; actor: Actor }, input: z.output<S>) => Promise<T>; success?: string }) {
  return async function action(_prev: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> {
    const t = await getTranslations('portalApp.errors');
    const raw = formValues(formData);
    const values = keptValues(raw);
    let ctx: { db: Db; actor: Actor } | null = null;
    try {
      const actor = await getActor();
      if (!actor) return { ok: false, message: t('sessionEnded'), fieldErrors: {}, values };
      const db = await getDb();
      ctx = { db, actor };
      if (!can(actor.role, opts.permission)) {
        await writeAudit(db, actor, { action: opts.permission, outcome: 'denied' });
        return { ok: false, message: t('notFound'), fieldErrors: {}, values };
      }
      const parsed = opts.schema.safeParse(opts.prepare ? opts.prepare(raw) : raw);
      if (!parsed.success) {
        const fieldErrors: Record<string, string[]> = {};
        for (const issue of parsed.error.issues) {
          const key = String(issue.path[0] ?? '_form');
          const msg = t.has(`fields.${key}`) ? t(`fields.${key}` as 'fields.message') : t('fixField');
          if (!fieldErrors[key]?.includes(msg)) (fieldErrors[key] ??= []).push(msg);
        }
        return { ok: false, message: t('fixFields'), fieldErrors, values };
      }
      const data = await opts.run({ db, actor }, parsed.data);
      return { ok: true, data, ...(opts.success ? { message: (await getTranslations('portalApp'))(opts.success as 'helpSent') } : {}) };
    } catch (err) {
      unstable_rethrow(err);
      if (ctx && (err instanceof NotFoundError || err instanceof ForbiddenError)) await auditRefusal(ctx.db, ctx.actor, opts.permission, err, raw);
      return portalErrorResult(err, values);
    }
  };
}
