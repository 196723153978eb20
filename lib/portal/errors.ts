import 'server-only';
import { getLocale, getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { errorResult, type ActionResult } from '@/lib/actions';
import { ForbiddenError, NotFoundError, RuleError } from '@/lib/errors';

/**
 * A thrown error as the participant's portal shows it, in their language: a rule error by its
 * stable `code` (`portalApp.errors.rule.<code>`), a field error by the portal's sentence for that
 * field, "not found" and "forbidden" alike as not found (no hint that a record exists), anything
 * unexpected as the generic sentence. A rule error without a code keeps its English message in
 * English and reads as "please check" in another language, never as English text.
 */
export async function portalErrorResult(err: unknown, values?: Record<string, string>): Promise<ActionResult<never>> {
  const t = await getTranslations('portalApp.errors');
  const english = (await getLocale()) === 'en';
  const fieldMessage = (key: string, original?: string) => (t.has(`fields.${key}`) ? t(`fields.${key}` as 'fields.message') : english && original ? original : t('fixField'));
  const fields = (fe: Record<string, string[]>) => {
    const out: Record<string, string[]> = {};
    for (const [key, msgs] of Object.entries(fe)) for (const m of msgs) {
      const msg = fieldMessage(key, m);
      if (!out[key]?.includes(msg)) (out[key] ??= []).push(msg);
    }
    return out;
  };
  if (err instanceof z.ZodError) {
    const fe: Record<string, string[]> = {};
    for (const issue of err.issues) (fe[String(issue.path[0] ?? '_form')] ??= []).push(issue.message);
    return { ok: false, message: t('fixFields'), fieldErrors: fields(fe), values };
  }
  if (err instanceof RuleError) {
    const known = err.code && t.has(`rule.${err.code}`);
    const message = known ? t(`rule.${err.code}` as 'rule.stale') : english ? err.message : Object.keys(err.fieldErrors).length ? t('fixFields') : t('generic');
    const fe: Record<string, string[]> = {};
    // A rule about one field (the proof file) reads the same beside the field.
    for (const [key, msgs] of Object.entries(err.fieldErrors)) fe[key] = known && msgs.length === 1 && msgs[0] === err.message ? [message] : fields({ [key]: msgs })[key];
    return { ok: false, message, fieldErrors: fe, values };
  }
  if (err instanceof NotFoundError || err instanceof ForbiddenError) return { ok: false, message: t('notFound'), fieldErrors: {}, values };
  const r = errorResult(err, values);
  return r.ok ? r : { ...r, message: r.message.startsWith('Something went wrong') ? t('generic') : english ? r.message : t('generic') };
}
