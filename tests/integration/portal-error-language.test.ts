/**
 * A participant reads the refusals of the actions they use in their own language (issue 7): the
 * data layer throws rule errors with a stable code, and the portal's error wording turns the code
 * into the participant's language — also for the actions shared with staff screens (signing the
 * agreement, answering the offer, logging progress with a proof file). The actions are called
 * in-process on a copy of the demo seed, as the demo participant with a signed agreement
 * (participant2@demo.test), with Next's request replaced by the language the test chooses.
 * Also: logging progress with no proof file chosen is accepted (issue 7, point 4), through the
 * same multipart form path the browser uses.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OpenDb } from '@/db/open';
import { agreementItems, agreements, cases, participants, progressEntries, users } from '@/db/schema';
import type { Actor } from '@/lib/auth/actor';
import { createTestDb } from '../helpers/test-db';

const state = vi.hoisted(() => ({ locale: 'es' as 'en' | 'es', actor: null as unknown }));

vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {}, unstable_cache: (f: unknown) => f }));
vi.mock('next-intl/server', async () => {
  const { createTranslator } = await import('use-intl/core');
  const all = { en: (await import('@/lib/i18n/messages/en.json')).default, es: (await import('@/lib/i18n/messages/es.json')).default };
  const t = (ns?: string | { namespace?: string }) => createTranslator({ locale: state.locale, messages: all[state.locale], namespace: (typeof ns === 'string' ? ns : ns?.namespace) as never });
  return { getTranslations: async (ns?: string | { namespace?: string }) => t(ns), getLocale: async () => state.locale, getMessages: async () => all[state.locale] };
});
vi.mock('@/lib/auth/session', async (importOriginal) => {
  const orig = await importOriginal<typeof import('@/lib/auth/session')>();
  return { ...orig, getActor: async () => state.actor, peekActor: async () => state.actor, clientIp: async () => '203.0.113.9', userAgent: async () => 'test' };
});

let t: OpenDb;
let actor: Actor;
let caseId: string;
let caseVersion: number;
let agreement: { id: string; version: number };
let hoursItem: string;
let countItem: string;

const form = (fields: Record<string, string | Blob>, file?: File) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) fd.append('proof', file);
  return fd;
};
/** What a browser sends for a file input with nothing chosen: a part with an empty file name and no bytes. */
const noFileChosen = () => new File([], '', { type: 'application/octet-stream' });

beforeAll(async () => {
  t = await createTestDb('demo');
  (globalThis as unknown as { __commonGroundDb?: { opening?: Promise<OpenDb> } }).__commonGroundDb = { opening: Promise.resolve(t) };
  const [u] = await t.db.select().from(users).where(eq(users.email, 'participant2@demo.test'));
  await t.db.update(users).set({ locale: 'es' }).where(eq(users.id, u.id));
  actor = { userId: u.id, role: u.role, jurisdictionId: u.jurisdictionId, name: u.name, email: u.email, locale: 'es', ip: '203.0.113.9' } as Actor;
  state.actor = actor;
  const [c] = await t.db.select({ id: cases.id, version: cases.version }).from(cases).innerJoin(participants, eq(participants.id, cases.participantId)).where(eq(participants.userId, u.id));
  caseId = c.id;
  caseVersion = c.version;
  const [a] = await t.db.select({ id: agreements.id, version: agreements.version }).from(agreements).where(and(eq(agreements.caseId, c.id), eq(agreements.status, 'signed')));
  agreement = a;
  const items = await t.db.select().from(agreementItems).where(eq(agreementItems.agreementId, a.id));
  hoursItem = items.find((i) => i.unit === 'hours')!.id;
  countItem = (items.find((i) => i.unit !== 'hours' && i.unit !== 'cents') ?? items.find((i) => i.unit === 'hours'))!.id;
});
afterAll(async () => {
  await t?.close();
});

describe('a Spanish participant reads refusals in Spanish', () => {
  it('signing an agreement that is already signed', async () => {
    const { signAgreementAction } = await import('@/app/(board)/board/cases/[caseId]/agreement-actions');
    state.locale = 'es';
    const r = await signAgreementAction(null, form({ agreementId: agreement.id, version: String(agreement.version), signerRole: 'participant', typedName: actor.name, confirm: 'on' }));
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toBe('Este acuerdo todavía no está listo para firmar. El programa le avisará cuando lo esté.');
    // A stale version reads as "the agreement changed", in Spanish.
    const stale = await signAgreementAction(null, form({ agreementId: agreement.id, version: String(agreement.version + 7), signerRole: 'participant', typedName: actor.name, confirm: 'on' }));
    expect(stale.ok ? '' : stale.message).toBe('El acuerdo cambió desde que lo abrió. Léalo de nuevo antes de firmar.');
    // The same refusal for an English participant keeps its English words.
    state.locale = 'en';
    const en = await signAgreementAction(null, form({ agreementId: agreement.id, version: String(agreement.version + 7), signerRole: 'participant', typedName: actor.name, confirm: 'on' }));
    expect(en.ok ? '' : en.message).toBe('The agreement changed since you opened it. Read it again before signing.');
    state.locale = 'es';
  });

  it('answering an offer that is no longer open, and a record that is not theirs', async () => {
    const { answerOfferAction } = await import('@/app/(participant)/portal/offer-actions');
    const r = await answerOfferAction(null, form({ caseId, answer: 'accept', version: String(caseVersion) }));
    expect(r.ok ? '' : r.message).toBe('Su caso ya no tiene una oferta abierta: ya fue respondida o venció.');
    const missing = await answerOfferAction(null, form({ caseId: '00000000-0000-4000-8000-000000000000', answer: 'accept' }));
    expect(missing.ok ? '' : missing.message).toBe('No se encontró, o usted no tiene acceso.');
  });

  it('logging progress: an empty proof file, a day in the future, a missing field', async () => {
    const { logProgressAction } = await import('@/app/(board)/board/cases/[caseId]/agreement-actions');
    const empty = await logProgressAction(null, form({ itemId: countItem, occurredOn: '2026-01-05', quantity: '1', place: 'Centro' }, new File([], 'recibo.jpg', { type: 'image/jpeg' })));
    expect(empty.ok).toBe(false);
    if (!empty.ok) {
      expect(empty.message).toBe('Ese archivo está vacío. Elija la foto o el PDF otra vez.');
      expect(empty.fieldErrors.proof).toEqual(['Ese archivo está vacío. Elija la foto o el PDF otra vez.']);
    }
    const future = await logProgressAction(null, form({ itemId: hoursItem, occurredOn: '2099-01-01', quantity: '2', place: 'Centro' }));
    expect(future.ok).toBe(false);
    if (!future.ok) {
      expect(future.message).toBe('Revise las respuestas marcadas abajo.');
      expect(future.fieldErrors.occurredOn).toEqual(['Elija el día en que lo hizo (hoy o antes).']);
    }
    const noQuantity = await logProgressAction(null, form({ itemId: hoursItem, occurredOn: '2026-01-05', quantity: '', place: 'Centro' }));
    expect(noQuantity.ok ? '' : noQuantity.message).toBe('Revise las respuestas marcadas abajo.');
    expect(JSON.stringify(noQuantity)).not.toMatch(/Enter how much|Some fields need attention/);
  });

  it('logging progress after the session ended: told in Spanish, and what was typed comes back', async () => {
    const { logProgressAction } = await import('@/app/(board)/board/cases/[caseId]/agreement-actions');
    const signedIn = state.actor;
    state.actor = null;
    try {
      const r = await logProgressAction(null, form({ itemId: hoursItem, occurredOn: '2026-01-05', quantity: '2', place: 'Centro' }));
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.message).toBe('Su sesión terminó. Por favor entre de nuevo. Lo que escribió se guarda abajo.');
        expect(r.values).toMatchObject({ quantity: '2', place: 'Centro' });
      }
    } finally {
      state.actor = signedIn;
    }
  });

  it('the portal’s own actions word their rule errors in Spanish too', async () => {
    const { submitSurveyAction } = await import('@/app/(participant)/portal/actions');
    const r = await submitSurveyAction(null, form({ hearingId: '00000000-0000-4000-8000-000000000000', respect: '5', neutrality: '5', voice: '5', understanding: '5', trust: '5' }));
    expect(r.ok ? '' : r.message).toBe('No se encontró, o usted no tiene acceso.');
  });
});

describe('logging progress without a proof file', () => {
  it('is accepted when no file was chosen (an absent file is not an empty file)', async () => {
    const { logProgressAction } = await import('@/app/(board)/board/cases/[caseId]/agreement-actions');
    const before = (await t.db.select().from(progressEntries).where(eq(progressEntries.itemId, hoursItem))).length;
    const r = await logProgressAction(null, form({ itemId: hoursItem, occurredOn: '2026-01-05', quantity: '2', place: 'Centro comunitario' }, noFileChosen()));
    expect(r).toMatchObject({ ok: true });
    // And with no proof part at all (a form posted without the file input).
    const r2 = await logProgressAction(null, form({ itemId: hoursItem, occurredOn: '2026-01-06', quantity: '1', place: 'Centro comunitario' }));
    expect(r2).toMatchObject({ ok: true });
    const after = (await t.db.select().from(progressEntries).where(eq(progressEntries.itemId, hoursItem))).length;
    expect(after).toBe(before + 2);
  });

  it('goes through the multipart parsing a browser post takes: no file chosen is accepted', async () => {
    const { logProgressAction } = await import('@/app/(board)/board/cases/[caseId]/agreement-actions');
    const fd = form({ itemId: hoursItem, occurredOn: '2026-01-07', quantity: '1', place: 'Centro comunitario' }, noFileChosen());
    // Encode and decode as multipart/form-data, as the request body arrives at the server.
    const parsed = await new Request('http://localhost/portal/obligations', { method: 'POST', body: fd }).formData();
    const proof = parsed.get('proof');
    expect(proof === null || typeof proof === 'string' || (proof as File).size === 0).toBe(true);
    const r = await logProgressAction(null, parsed);
    expect(r).toMatchObject({ ok: true });
  });
});
