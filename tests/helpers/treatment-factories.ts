import { createApiToken } from '@/db/queries/api-tokens';
import { createProvider, linkLiaison, referToTreatment, signConsent } from '@/db/queries/treatment';
import type { Db } from '@/db/types';
import { actorOf, addMember, makeCase, makeParticipant, makeUser } from './factories';
import { makeOutcomesWorld } from './outcomes-factories';

/**
 * A jurisdiction with staff, a volunteer on the Northeast board, two providers each with a liaison,
 * an admin with an API token, and one participant (with a portal account) whose case is on the
 * Northeast board and in the program.
 */
export async function makeTreatmentWorld(db: Db) {
  const w = await makeOutcomesWorld(db);
  const admin = actorOf(await makeUser(db, { jurisdictionId: w.j.id, role: 'admin' }));
  const volunteerUser = await makeUser(db, { jurisdictionId: w.j.id, role: 'volunteer' });
  await addMember(db, w.boards.northeast.id, volunteerUser.id);
  const volunteer = actorOf(volunteerUser);
  const outsider = actorOf(await makeUser(db, { jurisdictionId: w.j.id, role: 'volunteer' }));
  const base = { services: ['assessment', 'outpatient'] as ('assessment' | 'outpatient')[], languages: ['en', 'es'], addressLine: '1000 E 24th St, Kansas City', zip: '64108', phone: '816-555-0100', acceptingNewClients: true };
  const rediscover = await createProvider(db, w.coordinator, { ...base, name: 'ReDiscover Test' });
  const swope = await createProvider(db, w.coordinator, { ...base, name: 'Swope Test' });
  const liaisonA = actorOf(await makeUser(db, { jurisdictionId: w.j.id, role: 'provider' }));
  const liaisonB = actorOf(await makeUser(db, { jurisdictionId: w.j.id, role: 'provider' }));
  await linkLiaison(db, w.coordinator, { providerId: rediscover.id, userId: liaisonA.userId });
  await linkLiaison(db, w.coordinator, { providerId: swope.id, userId: liaisonB.userId });
  const token = (await createApiToken(db, admin, { name: 'Office CMS' })).token;
  return { ...w, admin, volunteer, outsider, providers: { rediscover, swope }, liaisonA, liaisonB, token };
}

export type TreatmentWorld = Awaited<ReturnType<typeof makeTreatmentWorld>>;

/** A participant with a portal account and a case in the program on the Northeast board. */
export async function makeTreatmentCase(db: Db, w: TreatmentWorld, o: { status?: 'hearing_held' | 'in_progress' } = {}) {
  const user = await makeUser(db, { jurisdictionId: w.j.id, role: 'participant' });
  const p = await makeParticipant(db, { jurisdictionId: w.j.id, userId: user.id, firstName: 'Jordan', lastName: `Rivera${user.id.slice(0, 4)}` });
  const c = await makeCase(db, { jurisdictionId: w.j.id, participantId: p.id, status: o.status ?? 'in_progress', boardId: w.boards.northeast.id });
  return { c, p, participant: actorOf(user), patientName: `${p.firstName} ${p.lastName}` };
}

export async function referAndConsent(
  db: Db,
  w: TreatmentWorld,
  k: Awaited<ReturnType<typeof makeTreatmentCase>>,
  o: { recipients?: ('prosecutor_office' | 'program' | 'board')[]; expiry?: 'final_disposition' | 'date'; expiresOn?: string; providerId?: string } = {},
) {
  const referral = await referToTreatment(db, w.coordinator, { caseId: k.c.id, providerId: w.providers.rediscover.id });
  const consent = await signConsent(db, k.participant, {
    caseId: k.c.id,
    recipients: o.recipients ?? ['prosecutor_office', 'program'],
    expiry: o.expiry ?? 'final_disposition',
    expiresOn: o.expiresOn ?? '',
    providerId: o.providerId ?? '',
    signature: k.patientName,
  });
  return { referral, consent };
}
