import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { contactPreferences, participants, smsOptOuts, supportContacts, users, type NoticeChannel, type RecipientKind } from '@/db/schema';
import type { Locale } from '@/db/schema/users';
import { normalizeEmail, normalizePhone } from '@/lib/notify/phone';
import type { Db } from '../types';

/** Who a notice goes to, with the addresses known right now. */
export type Recipient = {
  kind: RecipientKind;
  id: string;
  jurisdictionId: string;
  /** How the message greets them. */
  greetingName: string;
  displayName: string;
  email: string | null;
  phone: string | null;
  locale: Locale;
  /** Support contacts: the participant the notice is about ("Jordan R."). */
  onBehalfOf: string | null;
  /** Portal account, when the person has one. */
  portalUserId: string | null;
  /** For support contacts: receives notices and is still active. */
  active: boolean;
};

export type RecipientRef = { kind: RecipientKind; id: string };
export const recipientKey = (r: RecipientRef) => `${r.kind}:${r.id}`;

/** Load many recipients at once (the worker resolves a whole batch with three queries). */
export async function loadRecipients(db: Db, refs: RecipientRef[]): Promise<Map<string, Recipient>> {
  const ids = (k: RecipientKind) => [...new Set(refs.filter((r) => r.kind === k).map((r) => r.id))];
  const [pIds, uIds, sIds] = [ids('participant'), ids('user'), ids('support_contact')];
  const out = new Map<string, Recipient>();
  const [ps, us, ss] = await Promise.all([
    pIds.length ? db.select().from(participants).where(inArray(participants.id, pIds)) : Promise.resolve([]),
    uIds.length ? db.select().from(users).where(inArray(users.id, uIds)) : Promise.resolve([]),
    sIds.length
      ? db
          .select({ s: supportContacts, pFirst: participants.firstName, pLast: participants.lastName })
          .from(supportContacts)
          .innerJoin(participants, eq(participants.id, supportContacts.participantId))
          .where(inArray(supportContacts.id, sIds))
      : Promise.resolve([]),
  ]);
  for (const p of ps) {
    out.set(`participant:${p.id}`, {
      kind: 'participant',
      id: p.id,
      jurisdictionId: p.jurisdictionId,
      greetingName: p.firstName,
      displayName: `${p.firstName} ${p.lastName}`,
      email: p.email,
      phone: p.phone,
      locale: p.preferredLanguage,
      onBehalfOf: null,
      portalUserId: p.userId,
      active: true,
    });
  }
  for (const u of us) {
    out.set(`user:${u.id}`, {
      kind: 'user',
      id: u.id,
      jurisdictionId: u.jurisdictionId,
      greetingName: u.name.split(' ')[0] || u.name,
      displayName: u.name,
      email: u.email,
      phone: null,
      locale: u.locale,
      onBehalfOf: null,
      portalUserId: u.id,
      active: u.active,
    });
  }
  for (const { s, pFirst, pLast } of ss) {
    out.set(`support_contact:${s.id}`, {
      kind: 'support_contact',
      id: s.id,
      jurisdictionId: s.jurisdictionId,
      greetingName: s.name.split(' ')[0] || s.name,
      displayName: s.name,
      email: s.email,
      phone: s.phone,
      locale: s.locale,
      onBehalfOf: `${pFirst} ${pLast.slice(0, 1)}.`,
      portalUserId: null,
      active: s.active && s.receivesNotices,
    });
  }
  return out;
}

export type AddressCheck = { ok: true; address: string } | { ok: false; code: 'no_address' | 'invalid_address'; message: string };

/** The address a channel would use for this recipient now. */
export function addressFor(r: Recipient, channel: NoticeChannel): AddressCheck {
  if (channel === 'portal') {
    return r.portalUserId ? { ok: true, address: `portal:${r.portalUserId}` } : { ok: false, code: 'no_address', message: 'No portal account' };
  }
  const raw = channel === 'email' ? r.email : r.phone;
  if (!raw?.trim()) return { ok: false, code: 'no_address', message: channel === 'email' ? 'No email address on file' : 'No phone number on file' };
  const norm = channel === 'email' ? normalizeEmail(raw) : normalizePhone(raw);
  return norm ? { ok: true, address: norm } : { ok: false, code: 'invalid_address', message: `${channel === 'email' ? 'Email address' : 'Phone number'} "${raw}" is not valid` };
}

/** Channel switches of many people; a person without a row has every channel on. */
export async function loadPreferences(db: Db, refs: RecipientRef[]) {
  const out = new Map<string, { email: boolean; sms: boolean }>();
  if (refs.length === 0) return out;
  const rows = await db
    .select()
    .from(contactPreferences)
    .where(inArray(contactPreferences.personId, [...new Set(refs.map((r) => r.id))]));
  for (const p of rows) out.set(`${p.personKind}:${p.personId}`, { email: p.emailEnabled, sms: p.smsEnabled });
  return out;
}

/** The subset of these E.164 numbers that replied STOP (and not START since). */
export async function loadOptedOut(db: Db, phones: string[]): Promise<Set<string>> {
  if (phones.length === 0) return new Set();
  const rows = await db
    .select({ phone: smsOptOuts.phone })
    .from(smsOptOuts)
    .where(and(inArray(smsOptOuts.phone, [...new Set(phones)]), eq(smsOptOuts.optedOut, true)));
  return new Set(rows.map((r) => r.phone));
}
