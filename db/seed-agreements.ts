import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { agreementItems, agreements, agreementSignatures, agreementTemplates, boardMemberships, caseAssignments, cases, participants, progressEntries, proofFiles, users, type AgreementTemplateItem } from './schema';
import { addDays, defaultPeriod, TREATMENT_TEXT } from '@/lib/domain/agreement-rules';
import { localIsoDate } from '@/lib/domain/local-date';
import { getStorage, sha256Hex } from '@/lib/storage';
import type { Db } from './types';

/** A 1×1 PNG: the demo's proof photo. */
const DEMO_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

type Item = Omit<typeof agreementItems.$inferInsert, 'agreementId' | 'jurisdictionId' | 'caseId' | 'lineageId' | 'position'>;

/**
 * Demo agreements: every Jackson case in progress has a signed agreement (participant + board
 * chair), with items from the menu and some progress — verified, waiting for review (one with a
 * proof photo) and rejected with a reason. The case of the second demo participant
 * (participant2@demo.test) is the showcase; cases that started long ago have an item past due, so
 * the boards' dashboards show overdue obligations. Each board gets a "Standard" template.
 * Deterministic: ordered by case number, dates from each case's own status change.
 */
export async function seedAgreements(tx: Db, ctx: { jurisdictionId: string; timeZone: string; now: Date; passwordHash: string }) {
  await seedJourneyParticipant(tx, ctx);
  const rows = await tx
    .select({ c: cases, p: participants, boardId: caseAssignments.boardId, userEmail: users.email })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .innerJoin(caseAssignments, and(eq(caseAssignments.caseId, cases.id), isNull(caseAssignments.endedAt)))
    .leftJoin(users, eq(users.id, participants.userId))
    .where(and(eq(cases.jurisdictionId, ctx.jurisdictionId), eq(cases.status, 'in_progress')))
    .orderBy(asc(cases.externalCaseNumber));
  const chairs = new Map((await tx.select({ boardId: boardMemberships.boardId, userId: boardMemberships.userId, name: users.name }).from(boardMemberships).innerJoin(users, eq(users.id, boardMemberships.userId)).where(eq(boardMemberships.role, 'chair'))).map((m) => [m.boardId, m]));
  const today = localIsoDate(ctx.now, ctx.timeZone);
  const templated = new Set<string>();

  for (const [n, { c, p, boardId, userEmail }] of rows.entries()) {
    const chair = chairs.get(boardId);
    if (!chair) continue;
    const showcase = userEmail === 'participant2@demo.test';
    // Start when the case went in progress, but never in the future and within the last 85 days.
    let startsOn = localIsoDate(c.statusChangedAt, ctx.timeZone);
    if (startsOn > today) startsOn = today;
    if (startsOn < addDays(today, -85)) startsOn = addDays(today, -85);
    if (showcase) startsOn = addDays(today, -30);
    const period = defaultPeriod(startsOn, 90);
    const hours = showcase ? 20 : [10, 15, 20][n % 3];
    const items: Item[] = [
      { kind: 'check_in_hearing', title: 'Mid-term check-in with the board', targetQuantity: 1, unit: 'hearings', dueOn: period.checkInOn, verification: 'Attendance recorded at the hearing' },
      { kind: 'check_in_hearing', title: 'Closing meeting with the board', targetQuantity: 1, unit: 'hearings', dueOn: period.endsOn, verification: 'Attendance recorded at the hearing' },
      { kind: 'community_service_hours', title: `${hours} hours of community service`, details: 'At a nonprofit of your choice, approved by the coordinator.', targetQuantity: hours, unit: 'hours', dueOn: addDays(startsOn, 75), verification: 'Timesheet signed by the site supervisor' },
      { kind: 'reflection_letter', title: 'Letter about what happened and what you learned', targetQuantity: 1, unit: 'letters', dueOn: addDays(startsOn, 21), verification: 'Handed to the chair at the check-in' },
    ];
    if (n % 2 === 0 || showcase) items.push({ kind: 'treatment_assessment', title: 'Treatment assessment', details: TREATMENT_TEXT.en, targetQuantity: 1, unit: 'items', dueOn: addDays(startsOn, 30), verification: 'Attestation from the provider' });
    if (n % 5 === 1) items.push({ kind: 'restitution', title: 'Pay back the store', targetQuantity: 6000, unit: 'cents', amountCents: 6000, paymentPlan: '$20 a month for three months', noCostAlternative: '8 more hours of community service', dueOn: addDays(startsOn, 80), verification: 'Receipt from the coordinator' });

    const [a] = await tx
      .insert(agreements)
      .values({ jurisdictionId: c.jurisdictionId, caseId: c.id, number: 1, status: 'signed', language: p.preferredLanguage, ...period, offenseLevel: 'felony_low', createdByUserId: chair.userId, signedAt: new Date(`${startsOn}T23:30:00Z`), version: 3 })
      .returning();
    const inserted = await tx
      .insert(agreementItems)
      .values(items.map((i, k) => ({ ...i, agreementId: a.id, jurisdictionId: c.jurisdictionId, caseId: c.id, lineageId: randomUUID(), position: k + 1 })))
      .returning();
    const signedAt = new Date(`${startsOn}T23:30:00Z`);
    await tx.insert(agreementSignatures).values([
      { agreementId: a.id, jurisdictionId: c.jurisdictionId, signerRole: 'participant', typedName: `${p.firstName} ${p.lastName}`, signedByUserId: p.userId ?? chair.userId, method: p.userId ? 'own_account' : 'hearing_device', agreementVersion: 2, signedAt },
      { agreementId: a.id, jurisdictionId: c.jurisdictionId, signerRole: 'chair', typedName: chair.name, signedByUserId: chair.userId, method: 'own_account', agreementVersion: 2, signedAt },
    ]);

    // Progress: some hours verified; on the showcase, more hours waiting for review with a photo,
    // a rejected entry, and the letter done.
    const svc = inserted.find((i) => i.kind === 'community_service_hours')!;
    const letter = inserted.find((i) => i.kind === 'reflection_letter')!;
    const loggedBy = p.userId ?? chair.userId;
    const role = p.userId ? ('participant' as const) : ('volunteer' as const);
    const day = (d: number) => (addDays(startsOn, d) > today ? today : addDays(startsOn, d));
    const entry = (item: typeof svc, o: Partial<typeof progressEntries.$inferInsert>) => ({ jurisdictionId: c.jurisdictionId, caseId: c.id, itemId: item.id, lineageId: item.lineageId, loggedByUserId: loggedBy, loggedByRole: role, onBehalf: !p.userId, ...o }) as typeof progressEntries.$inferInsert;
    const verified = { status: 'verified' as const, reviewedByUserId: chair.userId, reviewedAt: new Date(`${day(12)}T18:00:00Z`) };
    await tx.insert(progressEntries).values([
      entry(svc, { occurredOn: day(7), quantity: 4, place: 'Harvesters Community Food Network', supervisorContact: 'M. Ortiz, 816-555-0140', ...verified }),
      ...(n % 3 !== 2 ? [entry(svc, { occurredOn: day(14), quantity: 2, place: 'Harvesters Community Food Network', supervisorContact: 'M. Ortiz, 816-555-0140', ...verified })] : []),
      ...(showcase || n % 4 === 0 ? [entry(letter, { occurredOn: day(18), quantity: 1, note: 'Handed in at the library.', ...verified })] : []),
    ]);
    if (showcase) {
      await tx.insert(progressEntries).values(entry(svc, { occurredOn: day(20), quantity: 3, place: 'Kansas City Public Library, Lucile H. Bluford branch', supervisorContact: 'D. Kim, dkim@example.org', status: 'rejected', reviewedByUserId: chair.userId, reviewedAt: new Date(`${day(22)}T18:00:00Z`), rejectionReason: 'The timesheet photo is unreadable; please upload it again.' }));
      const [pending] = await tx.insert(progressEntries).values(entry(svc, { occurredOn: day(27), quantity: 3, place: 'Kansas City Public Library, Lucile H. Bluford branch', supervisorContact: 'D. Kim, dkim@example.org', note: 'New photo of the signed timesheet.' })).returning();
      const key = `proof/${c.jurisdictionId}/${c.id}/demo-timesheet.png`;
      await getStorage().put(key, DEMO_PNG).catch(() => undefined); // already there from an earlier seed of the same data dir
      await tx.insert(proofFiles).values({ jurisdictionId: c.jurisdictionId, caseId: c.id, progressEntryId: pending.id, storageKey: key, contentType: 'image/png', byteSize: DEMO_PNG.length, sha256: sha256Hex(DEMO_PNG), originalName: 'timesheet.png', uploadedByUserId: loggedBy });
    }

    if (!templated.has(boardId)) {
      templated.add(boardId);
      const tpl: AgreementTemplateItem[] = items
        .filter((i) => i.kind !== 'check_in_hearing' && i.kind !== 'restitution')
        .map((i) => ({ kind: i.kind, title: i.title, details: i.details ?? '', targetQuantity: i.targetQuantity, unit: i.unit, amountCents: null, paymentPlan: null, costCents: 0, noCostAlternative: null, verification: i.verification, dueDays: Math.round((Date.parse(i.dueOn) - Date.parse(startsOn)) / 86_400_000) }));
      await tx.insert(agreementTemplates).values({ jurisdictionId: c.jurisdictionId, boardId, name: 'Standard (service, letter, assessment)', items: tpl, createdByUserId: chair.userId });
    }
  }
}

/**
 * participant3@demo.test: a participant whose hearing was just held on the Northeast board (chaired
 * by volunteer@demo.test), with no agreement yet — the starting point of the agreement journey
 * (tests/e2e/agreements.spec.ts) and of a live demo of drafting and signing. The first
 * hearing-held case on Northeast is used; if the random mix put none there, the first hearing-held
 * case is moved to Northeast.
 */
async function seedJourneyParticipant(tx: Db, ctx: { jurisdictionId: string; passwordHash: string }) {
  const [chair] = await tx
    .select({ boardId: boardMemberships.boardId })
    .from(boardMemberships)
    .innerJoin(users, eq(users.id, boardMemberships.userId))
    .where(and(eq(users.email, 'volunteer@demo.test'), eq(boardMemberships.role, 'chair')));
  if (!chair) return;
  const held = await tx
    .select({ c: cases, boardId: caseAssignments.boardId, assignmentId: caseAssignments.id, userId: participants.userId })
    .from(cases)
    .innerJoin(participants, eq(participants.id, cases.participantId))
    .innerJoin(caseAssignments, and(eq(caseAssignments.caseId, cases.id), isNull(caseAssignments.endedAt)))
    .where(and(eq(cases.jurisdictionId, ctx.jurisdictionId), eq(cases.status, 'hearing_held')))
    .orderBy(asc(cases.externalCaseNumber));
  const pick = held.find((h) => h.boardId === chair.boardId && !h.userId) ?? held.find((h) => !h.userId);
  if (!pick) return;
  if (pick.boardId !== chair.boardId) {
    await tx.update(caseAssignments).set({ endedAt: pick.c.statusChangedAt }).where(eq(caseAssignments.id, pick.assignmentId));
    await tx.insert(caseAssignments).values({ caseId: pick.c.id, boardId: chair.boardId, reason: 'Demo: moved to Northeast for the agreement walkthrough', assignedAt: pick.c.statusChangedAt });
  }
  const [p] = await tx.select().from(participants).where(eq(participants.id, pick.c.participantId));
  const [u] = await tx
    .insert(users)
    .values({ jurisdictionId: ctx.jurisdictionId, email: 'participant3@demo.test', name: `${p.firstName} ${p.lastName}`, role: 'participant', passwordHash: ctx.passwordHash })
    .returning({ id: users.id });
  await tx.update(participants).set({ userId: u.id, email: 'participant3@demo.test' }).where(eq(participants.id, p.id));
}
