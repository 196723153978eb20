import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { getDb } from '@/db/client';
import type { Db } from '@/db/types';
import { writeAudit } from '@/db/queries/audit';
import type { Actor } from '@/lib/auth/actor';
import { getActor } from '@/lib/auth/session';
import { DATA_EXCEPTION_MESSAGE, ForbiddenError, isDataException, NotFoundError, RuleError, sqlState } from '@/lib/errors';
import { can, type Permission } from '@/lib/permissions';
import { portalErrorResult } from '@/lib/portal/errors';

export type FieldErrors = Record<string, string[]>;
/** The one result shape every server action returns. `values` lets the form keep what was typed. */
export type ActionResult<T = unknown> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors: FieldErrors; values?: Record<string, string> };

export function formValues(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) if (typeof v === 'string' && !k.startsWith('$ACTION')) out[k] = v;
  return out;
}

export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_form';
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * Turn a thrown error into a result a person can act on. Unknown errors are logged with a reference
 * and shown as a generic message: never a stack trace.
 */
export function errorResult(err: unknown, values?: Record<string, string>): ActionResult<never> {
  if (err instanceof z.ZodError) {
    return { ok: false, message: 'Some fields need attention.', fieldErrors: zodFieldErrors(err), values };
  }
  if (err instanceof RuleError) return { ok: false, message: err.message, fieldErrors: err.fieldErrors, values };
  if (err instanceof NotFoundError || err instanceof ForbiddenError) return { ok: false, message: err.message, fieldErrors: {}, values };
  const state = sqlState(err);
  if (state === '23505') return { ok: false, message: 'That record already exists.', fieldErrors: {}, values };
  if (state === '23P01') return { ok: false, message: 'That time was just taken. Pick another option.', fieldErrors: {}, values };
  if (isDataException(err)) return { ok: false, message: DATA_EXCEPTION_MESSAGE, fieldErrors: {}, values };
  const ref = Math.random().toString(36).slice(2, 10);
  console.error(`[action error ${ref}]`, err);
  return { ok: false, message: `Something went wrong on our side (reference ${ref}). Nothing was changed. Please try again.`, fieldErrors: {}, values };
}

/**
 * What a form may show again after an error: everything typed except secrets (any field whose
 * name ends in "password", and one-time codes and secrets by their exact names — so "zipCode" or
 * "chargeCode" are kept).
 */
export function keptValues(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([k]) => !/password$/i.test(k) && !/^(code|otp|totp|secret|token|recoveryCode)$/i.test(k)));
}

type Ctx = { db: Db; actor: Actor };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An action refused by the data layer — the row is out of scope ("not found") or the role may not
 * do it — is denied access and goes on the audit log: the permission as the action, outcome
 * `denied`, and the record ids the form named (id-shaped fields only, never free text). The
 * action's own transaction has rolled back, so this is its own statement. It never changes the
 * answer: a failure to write it is logged, and the person still gets "not found".
 */
export async function auditRefusal(db: Db, actor: Actor, permission: string, err: NotFoundError | ForbiddenError, input: Record<string, string>) {
  const ids = Object.fromEntries(
    Object.entries(input)
      .filter(([k, v]) => /(^id|Id)$/.test(k) && UUID.test(v))
      .slice(0, 10),
  );
  try {
    await writeAudit(db, actor, { action: permission, outcome: 'denied', details: { reason: err instanceof NotFoundError ? 'not_found' : 'forbidden', ...(Object.keys(ids).length ? { ids } : {}) } });
  } catch (auditErr) {
    console.error('[audit of a refused action failed]', auditErr);
  }
}

/**
 * Wrap a server action: parse the form with zod (all field errors, not the first) → require a
 * session → check the role permission → run → one result shape. Row scope is the data layer's job.
 */
export function defineAction<S extends z.ZodType, T>(opts: {
  schema: S;
  permission: Permission;
  run: (ctx: Ctx, input: z.output<S>) => Promise<T>;
}) {
  return async function action(_prev: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> {
    const input = formValues(formData);
    const values = keptValues(input);
    let actor: Actor | null = null;
    let ctx: Ctx | null = null;
    try {
      actor = await getActor();
      // No session means no role to go by: the language cookie decides, as on the sign-in page.
      if (!actor) return { ok: false, message: (await getTranslations('actions'))('sessionEnded'), fieldErrors: {}, values };
      const db = await getDb();
      ctx = { db, actor };
      if (!can(actor.role, opts.permission)) {
        await writeAudit(db, actor, { action: opts.permission, outcome: 'denied' });
        return { ok: false, message: new NotFoundError().message, fieldErrors: {}, values };
      }
      // After an admin reset, only the account's own screens work until a new password is chosen.
      if (actor.mustChangePassword && opts.permission !== 'account.manageOwn') {
        return { ok: false, message: 'Choose a new password first (Account → Password).', fieldErrors: {}, values };
      }
      const parsed = opts.schema.safeParse(input);
      if (!parsed.success) return actor.role === 'participant' ? portalErrorResult(parsed.error, values) : errorResult(parsed.error, values);
      const data = await opts.run({ db, actor }, parsed.data);
      return { ok: true, data };
    } catch (err) {
      unstable_rethrow(err);
      if (ctx && (err instanceof NotFoundError || err instanceof ForbiddenError)) await auditRefusal(ctx.db, ctx.actor, opts.permission, err, input);
      // Actions shared with staff screens (signing the agreement, answering the offer): a
      // participant reads the refusal in their own language.
      return actor?.role === 'participant' ? portalErrorResult(err, values) : errorResult(err, values);
    }
  };
}
