import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { getLiaisonProvider, listReferralsForProvider, viewTreatmentAsRecipient } from '@/db/queries/treatment';
import { cases, participants } from '@/db/schema';
import { actorOf, userByEmail } from '../helpers/factories';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('demo');
});
afterAll(async () => t?.close());

const caseOf = async (email: string) => {
  const u = await userByEmail(t.db, email);
  const [c] = await t.db.select({ id: cases.id }).from(cases).innerJoin(participants, eq(participants.id, cases.participantId)).where(eq(participants.userId, u.id));
  return c.id;
};

describe('treatment demo', () => {
  it('the demo provider sees the demo participant’s referral; the demo prosecutor sees its status under consent, not the other participant’s', async () => {
    const provider = actorOf(await userByEmail(t.db, 'provider@demo.test'));
    expect((await getLiaisonProvider(t.db, provider))?.name).toBe('ReDiscover');
    const referrals = await listReferralsForProvider(t.db, provider);
    expect(referrals.map((r) => [r.firstName, r.status])).toEqual([['Jordan', 'attended_intake']]);
    const prosecutor = actorOf(await userByEmail(t.db, 'prosecutor@demo.test'));
    const view = await viewTreatmentAsRecipient(t.db, prosecutor, await caseOf('participant@demo.test'), 'staff_case_page');
    expect(view?.referrals.map((r) => [r.providerName, r.status])).toEqual([['ReDiscover', 'attended_intake']]);
    expect(await viewTreatmentAsRecipient(t.db, prosecutor, await caseOf('participant2@demo.test'), 'staff_case_page')).toBeNull();
    // Not named: the board.
    const volunteer = actorOf(await userByEmail(t.db, 'volunteer@demo.test'));
    expect(await viewTreatmentAsRecipient(t.db, volunteer, await caseOf('participant@demo.test'), 'board_case_page')).toBeNull();
  });
});
