import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { actorFromUser } from '@/lib/auth/actor';
import { cases, participants, users } from './schema';
import { attestTreatmentStatus, createProvider, linkLiaison, referToTreatment, signConsent } from './queries/treatment';
import type { Db } from './types';

/**
 * Demo treatment data for Jackson County: three providers (the demo provider account is ReDiscover's
 * liaison), and the demo participant (participant@demo.test) referred to ReDiscover, intake attended,
 * with a signed consent naming the prosecutor's office and the program until final disposition —
 * so prosecutor@demo.test sees the status with the §2.32 notice. The second demo participant has no
 * consent: nobody but the program's referral form shows anything on that case.
 */
export async function seedTreatment(db: Db, o: { jurisdictionId: string; now: Date }) {
  const byEmail = async (email: string) => {
    const [u] = await db.select().from(users).where(and(eq(users.email, email), eq(users.jurisdictionId, o.jurisdictionId)));
    return actorFromUser(u);
  };
  const coordinator = await byEmail('coordinator@demo.test');
  const liaison = await byEmail('provider@demo.test');
  const participant = await byEmail('participant@demo.test');
  const rediscover = await createProvider(db, coordinator, {
    name: 'ReDiscover',
    services: ['assessment', 'outpatient', 'intensive_outpatient', 'peer_support'],
    languages: ['en', 'es'],
    addressLine: '901 NE Independence Ave, Lee’s Summit',
    zip: '64086',
    phone: '816-555-0140',
    acceptingNewClients: true,
    acceptsMedicaid: true,
    slidingScale: true,
    noCostOption: true,
    costNote: 'Medicaid and most private plans; county-funded slots at no cost',
  });
  await createProvider(db, coordinator, {
    name: 'Swope Health Behavioral',
    services: ['assessment', 'outpatient', 'medication'],
    languages: ['en'],
    addressLine: '3801 Blue Pkwy, Kansas City',
    zip: '64130',
    phone: '816-555-0141',
    acceptingNewClients: true,
    acceptsMedicaid: true,
    slidingScale: true,
    costNote: 'Sliding scale from $0',
  });
  await createProvider(db, coordinator, {
    name: 'Centro de Recuperación Westside',
    services: ['assessment', 'peer_support', 'recovery_housing'],
    languages: ['es', 'en'],
    addressLine: '1015 Avenida Cesar E Chavez, Kansas City',
    zip: '64108',
    phone: '816-555-0142',
    acceptingNewClients: false,
    noCostOption: true,
    costNote: 'No cost',
  });
  await linkLiaison(db, coordinator, { providerId: rediscover.id, userId: liaison.userId });

  const DAY = 86_400_000;
  // The demo participant's case (the seed gives each demo participant exactly one).
  const [demoCase] = await db
    .select({ id: cases.id, name: sql<string>`${participants.firstName} || ' ' || ${participants.lastName}` })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .where(eq(participants.userId, participant.userId));
  const referral = await referToTreatment(db, coordinator, { caseId: demoCase.id, providerId: rediscover.id }, new Date(o.now.getTime() - 6 * DAY));
  const s1 = await attestTreatmentStatus(db, liaison, { referralId: referral.id, to: 'intake_scheduled', version: referral.version }, new Date(o.now.getTime() - 5 * DAY));
  await attestTreatmentStatus(db, liaison, { referralId: referral.id, to: 'attended_intake', version: s1.version }, new Date(o.now.getTime() - 2 * DAY));
  await signConsent(db, participant, { caseId: demoCase.id, recipients: ['prosecutor_office', 'program'], expiry: 'final_disposition', signature: demoCase.name }, new Date(o.now.getTime() - 6 * DAY));
}
