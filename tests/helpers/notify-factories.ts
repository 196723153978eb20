import { supportContacts } from '@/db/schema';
import type { Db } from '@/db/types';
import { SmsHttpTransport, SmtpTransport, DemoTransport, PortalTransport, type Transports } from '@/lib/notify/transports';
import { makeCase, makeJurisdiction, makeParticipant } from './factories';
import type { SmsProvider, SmtpStandIn } from './notify-providers';

export async function makeSupportContact(db: Db, o: Partial<typeof supportContacts.$inferInsert> & { jurisdictionId: string; participantId: string }) {
  const [s] = await db.insert(supportContacts).values({ name: 'Maria Case-Worker', relationship: 'Case worker', phone: '(816) 555-0177', ...o }).returning();
  return s;
}

/** A jurisdiction, a participant (with the given contact details and language) and an open case. */
export async function makeNoticeSetup(db: Db, o: { phone?: string | null; email?: string | null; lang?: 'en' | 'es'; timeZone?: string; quietHours?: { start: string; end: string } } = {}) {
  const j = await makeJurisdiction(db, {
    timeZone: o.timeZone ?? 'America/Chicago',
    settings: {
      divertsCases: true,
      offerDeadlineDays: 10,
      firstHearingTargetDays: 14,
      firstHearingAlertDays: 10,
      agreementLengthDays: 90,
      panelQuorum: 3,
      smsQuietHours: o.quietHours ?? { start: '21:00', end: '08:00' },
      helpPhone: '(816) 555-0142',
      programName: 'Common Ground',
    },
  });
  const p = await makeParticipant(db, {
    jurisdictionId: j.id,
    firstName: 'Jordan',
    lastName: 'Rivera',
    phone: o.phone === undefined ? '816-555-1234' : o.phone,
    email: o.email === undefined ? 'jordan@example.test' : o.email,
    preferredLanguage: o.lang ?? 'en',
  });
  const c = await makeCase(db, { jurisdictionId: j.id, participantId: p.id, status: 'hearing_scheduled' });
  return { j, p, c };
}

export function testTransports(o: { sms?: SmsProvider; smtp?: SmtpStandIn }): Transports {
  const demo = new DemoTransport();
  return {
    email: o.smtp ? new SmtpTransport(o.smtp.url, 'notices@common-ground.test') : demo,
    sms: o.sms ? new SmsHttpTransport({ baseUrl: o.sms.url, accountSid: o.sms.accountSid, authToken: o.sms.authToken, from: o.sms.from }) : demo,
    portal: new PortalTransport(),
  };
}

/** A hearing's notice data, starting at the given instant. */
export function hearingData(startsAt: Date, o: Record<string, unknown> = {}) {
  return {
    hearingId: 'h-1',
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    location: 'Northeast Branch Library',
    address: '6000 Wilson Rd, Kansas City, MO 64123',
    boardName: 'Northeast',
    sequence: 0,
    ...o,
  };
}
