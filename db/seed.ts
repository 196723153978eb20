import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { count, sql } from 'drizzle-orm';
import {
  boardAreas,
  boardMemberships,
  boards,
  caseAssignments,
  caseCharges,
  caseEvents,
  cases,
  chargeCodes,
  jurisdictions,
  participants,
  users,
  type JurisdictionSettings,
} from './schema';
import { hashPassword } from '@/lib/auth/password';
import type { CaseStatus, ReturnReason } from '@/lib/domain/case-lifecycle';
import type { CaseEventPayload } from '@/lib/domain/case-events';
import { withAdvisoryLock } from './migrate';
import { seedIntake, seedOfferParticipant } from './seed-intake';
import { seedNotify } from './seed-notify';
import { seedScheduling } from './seed-scheduling';
import { seedOutcomes } from './seed-outcomes';
import { seedAgreements } from './seed-agreements';
import { seedPortal } from './seed-portal';
import { seedSecurity } from './seed-security';
import { seedTreatment } from './seed-treatment';
import { chargeTable, type DemoCharge, firstNames, lastNames, referringAgencies, volunteerNames } from './seed-data/demo-people';
import type { Db, Engine } from './types';

export { DEMO_PASSWORD } from './seed-data/demo-accounts';
import { DEMO_PASSWORD } from './seed-data/demo-accounts';
const SEED_LOCK_KEY = 727_002;

/** Seed the demo jurisdictions when the database has none. Safe to call from several instances. */
export async function seedDemoIfEmpty(db: Db, engine: Engine): Promise<boolean> {
  const run = async () => {
    const [{ n }] = await db.select({ n: count() }).from(jurisdictions);
    if (n > 0) return false;
    await seedDemo(db);
    return true;
  };
  return engine === 'postgres' ? withAdvisoryLock(db, SEED_LOCK_KEY, run) : run();
}

/** Small deterministic PRNG so every fresh demo looks the same (and tests can rely on it). */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    weighted: <T,>(pairs: readonly (readonly [T, number])[]): T => {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of pairs) if ((r -= w) < 0) return v;
      return pairs[pairs.length - 1][0];
    },
  };
}

type ZipRow = { zip: string; county: string; area: string; suggested_board: string };

export function readZipAreas(): ZipRow[] {
  const file = path.join(process.cwd(), 'db', 'seed-data', 'jackson-county-zips.csv');
  return parse(fs.readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true, trim: true }) as ZipRow[];
}

const baseSettings: JurisdictionSettings = {
  divertsCases: true,
  offerDeadlineDays: 10,
  firstHearingTargetDays: 14,
  firstHearingAlertDays: 10,
  agreementLengthDays: 90,
  panelQuorum: 3,
  smsQuietHours: { start: '21:00', end: '08:00' },
  helpPhone: '(816) 555-0142',
  programName: 'Common Ground',
};

/** The path a case takes to reach each status; returned cases carry the branch they left from. */
const pathTo: Record<string, CaseStatus[]> = {
  referred: ['referred'],
  needs_review: ['referred', 'needs_review'],
  ineligible: ['referred', 'ineligible'],
  eligible: ['referred', 'eligible'],
  offered: ['referred', 'eligible', 'offered'],
  accepted: ['referred', 'eligible', 'offered', 'accepted'],
  assigned: ['referred', 'eligible', 'offered', 'accepted', 'assigned'],
  hearing_scheduled: ['referred', 'eligible', 'offered', 'accepted', 'assigned', 'hearing_scheduled'],
  hearing_held: ['referred', 'eligible', 'offered', 'accepted', 'assigned', 'hearing_scheduled', 'hearing_held'],
  in_progress: ['referred', 'eligible', 'offered', 'accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress'],
  completed: ['referred', 'eligible', 'offered', 'accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress', 'completed'],
};
const returnPaths: Record<ReturnReason, CaseStatus[]> = {
  ineligible: ['referred', 'ineligible', 'returned'],
  declined: ['referred', 'eligible', 'offered', 'returned'],
  no_response: ['referred', 'eligible', 'offered', 'returned'],
  withdrawn: ['referred', 'eligible', 'offered', 'accepted', 'assigned', 'hearing_scheduled', 'returned'],
  unsuccessful: ['referred', 'eligible', 'offered', 'accepted', 'assigned', 'hearing_scheduled', 'hearing_held', 'in_progress', 'returned'],
};

const DAY = 86_400_000;

export async function seedDemo(db: Db, now = new Date()): Promise<void> {
  const r = rng(20261127);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const zipRows = readZipAreas();

  await db.transaction(async (tx) => {
    const [jackson, platte, clay] = await tx
      .insert(jurisdictions)
      .values([
        { slug: 'jackson', name: 'Jackson County, MO', timeZone: 'America/Chicago', settings: baseSettings },
        { slug: 'platte', name: 'Platte County, MO', timeZone: 'America/Chicago', settings: { ...baseSettings, divertsCases: false } },
        { slug: 'clay', name: 'Clay County, MO', timeZone: 'America/Chicago', settings: { ...baseSettings, divertsCases: false } },
      ])
      .returning();

    await tx.insert(chargeCodes).values([jackson, platte, clay].flatMap((j) => chargeTable.map((c) => ({ ...c, jurisdictionId: j.id }))));

    // Boards from the ZIP list, plus a Spanish-speaking board (Santa Cruz precedent).
    const boardNames = [...new Set(zipRows.filter((z) => z.county === 'Jackson' && z.suggested_board).map((z) => z.suggested_board))];
    const boardRows = await tx
      .insert(boards)
      .values([
        ...boardNames.map((name) => ({ jurisdictionId: jackson.id, name, language: 'en' as const, monthlyCapacity: 12 })),
        { jurisdictionId: jackson.id, name: 'Westside en Español', language: 'es' as const, monthlyCapacity: 8 },
      ])
      .returning();
    const boardByName = new Map(boardRows.map((b) => [b.name, b]));
    const jacksonZips = zipRows.filter((z) => z.county === 'Jackson' && z.suggested_board);
    await tx.insert(boardAreas).values(
      jacksonZips.map((z) => ({ boardId: boardByName.get(z.suggested_board)!.id, jurisdictionId: jackson.id, zip: z.zip, neighborhood: z.area })),
    );

    // Staff accounts.
    const staff = await tx
      .insert(users)
      .values([
        { jurisdictionId: jackson.id, email: 'admin@demo.test', name: 'Avery Admin', role: 'admin' as const, passwordHash },
        { jurisdictionId: jackson.id, email: 'coordinator@demo.test', name: 'Carmen Coordinator', role: 'coordinator' as const, passwordHash },
        { jurisdictionId: jackson.id, email: 'prosecutor@demo.test', name: 'Paul Prosecutor', role: 'prosecutor' as const, passwordHash },
        { jurisdictionId: jackson.id, email: 'prosecutor2@demo.test', name: 'Priya Prosecutor', role: 'prosecutor' as const, passwordHash },
        { jurisdictionId: jackson.id, email: 'provider@demo.test', name: 'Renee Provider (ReDiscover)', role: 'provider' as const, passwordHash },
        { jurisdictionId: platte.id, email: 'prosecutor.platte@demo.test', name: 'Pat Platte', role: 'prosecutor' as const, passwordHash },
        { jurisdictionId: clay.id, email: 'prosecutor.clay@demo.test', name: 'Casey Clay', role: 'prosecutor' as const, passwordHash },
      ])
      .returning();
    const prosecutors = staff.filter((u) => u.role === 'prosecutor' && u.jurisdictionId === jackson.id);

    // 20 volunteers, spread so every board has at least a quorum and a chair.
    const volunteers = await tx
      .insert(users)
      .values(
        volunteerNames.map((name, i) => ({
          jurisdictionId: jackson.id,
          email: i === 0 ? 'volunteer@demo.test' : `volunteer${i + 1}@demo.test`,
          name,
          role: 'volunteer' as const,
          locale: [6, 9, 12, 15].includes(i) ? ('es' as const) : ('en' as const),
          passwordHash,
        })),
      )
      .returning();
    // Northeast first so the demo volunteer (index 0) chairs the board of the demo participant's ZIP.
    const englishBoards = boardRows.filter((b) => b.language === 'en').sort((a, b) => Number(b.name === 'Northeast') - Number(a.name === 'Northeast'));
    const spanishBoard = boardRows.find((b) => b.language === 'es')!;
    const memberships: (typeof boardMemberships.$inferInsert)[] = [];
    volunteers.forEach((v, i) => {
      const board = v.locale === 'es' ? spanishBoard : englishBoards[i % englishBoards.length];
      const isChair = memberships.every((m) => m.boardId !== board.id || m.role !== 'chair');
      memberships.push({ boardId: board.id, userId: v.id, role: isChair ? 'chair' : 'member', termStart: '2026-01-01', termEnd: isChair ? '2026-12-31' : '2028-12-31' });
    });
    // Boards with fewer than 3 members borrow from the pool so each can seat a panel.
    for (const b of englishBoards) {
      let members = memberships.filter((m) => m.boardId === b.id).length;
      for (let k = 0; members < 3 && k < volunteers.length; k++) {
        const v = volunteers[(k * 7 + b.name.length) % volunteers.length];
        if (v.locale === 'es' || memberships.some((m) => m.boardId === b.id && m.userId === v.id)) continue;
        memberships.push({ boardId: b.id, userId: v.id, role: 'member', termStart: '2026-01-01', termEnd: '2028-12-31' });
        members++;
      }
    }
    await tx.insert(boardMemberships).values(memberships);

    // ~100 Jackson cases across the lifecycle, plus a handful in Platte (screened, never diverted).
    const statusMix: (readonly [string, number])[] = [
      ['referred', 4], ['needs_review', 5], ['ineligible', 4], ['eligible', 4], ['offered', 8], ['accepted', 4],
      ['assigned', 8], ['hearing_scheduled', 12], ['hearing_held', 4], ['in_progress', 22], ['completed', 15],
      ['returned:ineligible', 4], ['returned:declined', 3], ['returned:no_response', 2], ['returned:withdrawn', 2], ['returned:unsuccessful', 3],
    ];
    const raceMix = [['black', 62], ['white', 22], ['multiracial', 4], ['asian', 2], ['other', 4], ['unknown', 6]] as const;
    const byBoard = (zip: string) => boardByName.get(jacksonZips.find((z) => z.zip === zip)!.suggested_board)!;

    type Plan = { status: string; zip: string; userEmail?: string; lang?: 'en' | 'es' };
    const plans: Plan[] = [
      // The demo participants: one on the volunteer's board, one on another board.
      { status: 'hearing_scheduled', zip: '64124', userEmail: 'participant@demo.test' },
      { status: 'in_progress', zip: '64111', userEmail: 'participant2@demo.test' },
    ];
    // Referrals come mostly from Kansas City proper (641xx), as KCPD's do.
    const zipWeights = jacksonZips.map((z) => [z.zip, z.zip.startsWith('641') ? 4 : 1] as const);
    while (plans.length < 102) plans.push({ status: r.weighted(statusMix), zip: r.weighted(zipWeights) });

    const participantUsers = await tx
      .insert(users)
      .values([
        { jurisdictionId: jackson.id, email: 'participant@demo.test', name: 'Jordan Rivera', role: 'participant' as const, passwordHash },
        { jurisdictionId: jackson.id, email: 'participant2@demo.test', name: 'Taylor Brooks', role: 'participant' as const, passwordHash },
      ])
      .returning();

    const participantRows = await tx
      .insert(participants)
      .values(
        plans.map((p, i) => {
          const hispanic = r.next() < 0.1;
          const first = i === 0 ? 'Jordan' : i === 1 ? 'Taylor' : hispanic ? r.pick(firstNames.slice(10, 18)) : r.pick(firstNames);
          const last = i === 0 ? 'Rivera' : i === 1 ? 'Brooks' : hispanic ? r.pick(lastNames.slice(10, 15)) : r.pick(lastNames);
          const age = r.weighted([[r.int(18, 24), 40], [r.int(25, 34), 35], [r.int(35, 60), 25]] as const);
          const dob = new Date(now.getTime() - age * 365.25 * DAY - r.int(0, 364) * DAY);
          return {
            jurisdictionId: jackson.id,
            firstName: first,
            lastName: last,
            dateOfBirth: dob.toISOString().slice(0, 10),
            phone: `816555${String(1000 + i).padStart(4, '0')}`,
            email: i < 2 ? participantUsers[i].email : null,
            addressLine: `${r.int(100, 9999)} ${r.pick(['Prospect', 'Independence', 'Troost', 'Benton', 'Linwood', 'Wabash'])} Ave`,
            zip: p.zip,
            preferredLanguage: (hispanic && r.next() < 0.6 ? 'es' : 'en') as 'en' | 'es',
            race: (i === 0 ? 'multiracial' : r.weighted(raceMix)) as (typeof raceMix)[number][0],
            ethnicity: (hispanic ? 'hispanic' : r.next() < 0.1 ? 'unknown' : 'not_hispanic') as 'hispanic' | 'unknown' | 'not_hispanic',
            sex: r.weighted([['male', 78], ['female', 20], ['unknown', 2]] as const),
            userId: i < 2 ? participantUsers[i].id : null,
          };
        }),
      )
      .returning();

    const caseValues = plans.map((p, i) => {
      const referredAt = new Date(now.getTime() - r.int(i < 2 ? 20 : 1, 150) * DAY - r.int(0, 86_399) * 1000);
      const [base, reason] = p.status.split(':') as [string, ReturnReason | undefined];
      const steps = reason ? returnPaths[reason] : pathTo[base];
      const status = steps[steps.length - 1];
      const ageDays = (now.getTime() - referredAt.getTime()) / DAY;
      const stepGap = ageDays / (steps.length + 1);
      const charge = reason === 'ineligible' || base === 'ineligible' ? r.pick(chargeTable.filter((c) => c.weapon || c.violent)) : r.weighted<DemoCharge>([[chargeTable[0], 60], [chargeTable[1], 15], [chargeTable[2], 20], [chargeTable[3], 5]]);
      return {
        plan: p,
        steps,
        stepGap,
        charge,
        withParaphernalia: r.next() < 0.35,
        row: {
          jurisdictionId: jackson.id,
          participantId: participantRows[i].id,
          externalCaseNumber: `JC-2026-${String(4100 + i).padStart(6, '0')}`,
          policeReportNumber: `KCPD-26-${String(r.int(10000, 99999))}`,
          referringAgency: r.pick(referringAgencies),
          incidentDate: new Date(referredAt.getTime() - r.int(1, 20) * DAY).toISOString().slice(0, 10),
          referredAt,
          referredByUserId: r.pick(prosecutors).id,
          summary:
            charge.weapon || charge.violent
              ? 'Referral screened out: the report lists a weapon or violence.'
              : `Stopped in ${jacksonZips.find((z) => z.zip === p.zip)!.area}; small quantity for personal use. No weapon, no violence reported.`,
          status,
          statusChangedAt: new Date(referredAt.getTime() + stepGap * (steps.length - 1) * DAY),
          returnReason: reason ?? null,
          closedAt: status === 'completed' || status === 'returned' ? new Date(referredAt.getTime() + stepGap * (steps.length - 1) * DAY) : null,
          firstHearingAt: steps.includes('hearing_held') ? new Date(referredAt.getTime() + stepGap * steps.indexOf('hearing_held') * DAY) : null,
        },
      };
    });
    const caseRows = await tx.insert(cases).values(caseValues.map((c) => c.row)).returning({ id: cases.id });

    const chargeRows: (typeof caseCharges.$inferInsert)[] = [];
    const assignmentRows: (typeof caseAssignments.$inferInsert)[] = [];
    const eventRows: (typeof caseEvents.$inferInsert)[] = [];
    caseValues.forEach((c, i) => {
      const caseId = caseRows[i].id;
      const { code, description, severity, violent } = c.charge;
      chargeRows.push({ caseId, code, description, severity, violent });
      if (c.withParaphernalia && c.charge.code !== '579.074') chargeRows.push({ caseId, ...pickCharge('579.074') });
      const at = (k: number) => new Date(c.row.referredAt.getTime() + c.stepGap * k * DAY);
      const push = (k: number, payload: CaseEventPayload) =>
        eventRows.push({ caseId, jurisdictionId: jackson.id, type: payload.type, payload, occurredAt: at(k), actorUserId: c.row.referredByUserId, actorRole: 'prosecutor' });
      push(0, { type: 'referred', externalCaseNumber: c.row.externalCaseNumber, via: 'seed' });
      c.steps.forEach((to, k) => {
        if (k === 0) return;
        const isReturn = to === 'returned';
        push(k, { type: 'status_changed', from: c.steps[k - 1], to, reason: isReturn ? c.row.returnReason : null });
        if (to === 'assigned') {
          const board = c.plan.lang === 'es' ? spanishBoard : byBoard(c.plan.zip);
          assignmentRows.push({ caseId, boardId: board.id, assignedAt: at(k), reason: `Serves ZIP ${c.plan.zip}`, endedAt: null });
          push(k, { type: 'board_assigned', boardId: board.id, boardName: board.name, reason: `Serves ZIP ${c.plan.zip}` });
        }
      });
    });
    await tx.insert(caseCharges).values(chargeRows);
    if (assignmentRows.length) await tx.insert(caseAssignments).values(assignmentRows);
    // Chunked: one statement with thousands of parameters is slow on PGlite.
    for (let k = 0; k < eventRows.length; k += 500) await tx.insert(caseEvents).values(eventRows.slice(k, k + 500));

    // Platte County screens referrals but diverts nothing: its cases are returned as ineligible.
    const platteZips = zipRows.filter((z) => z.county === 'Platte');
    const platteParticipants = await tx
      .insert(participants)
      .values(platteZips.slice(0, 4).map((z, i) => ({ jurisdictionId: platte.id, firstName: r.pick(firstNames), lastName: r.pick(lastNames), dateOfBirth: `199${i}-0${i + 1}-15`, zip: z.zip })))
      .returning();
    await tx.insert(cases).values(
      platteParticipants.map((p, i) => ({
        jurisdictionId: platte.id,
        participantId: p.id,
        externalCaseNumber: `PC-2026-${1000 + i}`,
        referringAgency: 'Kansas City Police Department',
        incidentDate: '2026-10-01',
        referredAt: new Date(now.getTime() - (i + 3) * DAY),
        summary: 'Possession-only referral. This office does not divert drug cases.',
        status: 'returned' as const,
        returnReason: 'ineligible' as const,
        closedAt: new Date(now.getTime() - (i + 2) * DAY),
      })),
    );
    await seedIntake(tx, { jackson, platte, clay, admin: staff[0], coordinator: staff[1], now });
    await seedNotify(tx, { jurisdiction: jackson });
    await seedScheduling(tx, { jurisdictionId: jackson.id, now });
    await seedTreatment(tx, { jurisdictionId: jackson.id, now });
    await seedAgreements(tx, { jurisdictionId: jackson.id, timeZone: jackson.timeZone, now, passwordHash });
    await seedPortal(tx, { jurisdictionId: jackson.id });
    await seedOutcomes(tx, { jurisdictionIds: [jackson.id, platte.id, clay.id], jacksonId: jackson.id, passwordHash });
    await seedOfferParticipant(tx, { jurisdictionId: jackson.id, passwordHash, now });
  });
  await seedSecurity(db, now);
  await db.execute(sql`analyze`);
}

function pickCharge(code: string) {
  const c = chargeTable.find((x) => x.code === code)!;
  return { code: c.code, description: c.description, severity: c.severity, violent: c.violent };
}
