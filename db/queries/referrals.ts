import 'server-only';
// In select-list subqueries the outer row is named literally ("cases"."id"): drizzle leaves a
// column unqualified when the query has one table, and inside the subquery that name would bind
// to the inner table instead.
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { caseCharges, cases, chargeCodes, jurisdictions, participants, referralFacts, type ScreeningPolicy } from '@/db/schema';
import { actorUserId, type Actor } from '@/lib/auth/actor';
import { columnForPath, parseReferralCsv, type CsvFileProblem } from '@/lib/intake/csv';
import { referralSchema, type Referral } from '@/lib/intake/referral-schema';
import { ForbiddenError, InvalidInputError, RuleError } from '@/lib/errors';
import { can } from '@/lib/permissions';
import type { Db } from '../types';
import { writeAudit } from './audit';
import { recordCaseEvent } from './case-events';
import { refreshCaseFacts } from './case-facts';
import { currentScreeningSummary, getCurrentPolicy, screenReferredCase, type ScreeningSummary } from './screening';

export { referralSchema } from '@/lib/intake/referral-schema';

export type ReferralChannel = 'form' | 'csv' | 'api';

/** Reference data one referral needs; an import loads it once for all its rows. */
export type ReferralContext = {
  charges: Map<string, { code: string; description: string; severity: string; violent: boolean; weapon: boolean }>;
  policy: ScreeningPolicy | null;
  offerDeadlineDays: number;
};

export async function loadReferralContext(db: Db, jurisdictionId: string): Promise<ReferralContext> {
  const [rows, policy, [j]] = await Promise.all([
    db.select().from(chargeCodes).where(eq(chargeCodes.jurisdictionId, jurisdictionId)),
    getCurrentPolicy(db, jurisdictionId),
    db.select({ settings: jurisdictions.settings }).from(jurisdictions).where(eq(jurisdictions.id, jurisdictionId)),
  ]);
  return { charges: new Map(rows.map((r) => [r.code, r])), policy, offerDeadlineDays: j?.settings.offerDeadlineDays ?? 10 };
}

/** The jurisdiction's charge table, for the form's choices. */
export async function listChargeCodes(db: Db, actor: Actor) {
  return db.select().from(chargeCodes).where(eq(chargeCodes.jurisdictionId, actor.jurisdictionId)).orderBy(asc(chargeCodes.code));
}

/** Agencies this office has referred from, for the form's suggestions. */
export async function listReferringAgencies(db: Db, actor: Actor) {
  const rows = await db.selectDistinct({ a: cases.referringAgency }).from(cases).where(eq(cases.jurisdictionId, actor.jurisdictionId)).orderBy(asc(cases.referringAgency)).limit(30);
  return rows.map((r) => r.a);
}

export type ParticipantMatch = { id: string; firstName: string; lastName: string; dateOfBirth: string; zip: string; caseCount: number; caseNumbers: string[] };

const identityKey = (first: string, last: string, dob: string) => `${first.trim().toLowerCase()}|${last.trim().toLowerCase()}|${dob}`;

/** People of the jurisdiction with the same name and date of birth (case-insensitive), oldest first. */
export async function findParticipantMatches(db: Db, jurisdictionId: string, who: { firstName: string; lastName: string; dateOfBirth: string }): Promise<ParticipantMatch[]> {
  return db
    .select({
      id: participants.id,
      firstName: participants.firstName,
      lastName: participants.lastName,
      dateOfBirth: participants.dateOfBirth,
      zip: participants.zip,
      caseCount: sql<number>`(select count(*)::int from ${cases} c where c.participant_id = "participants"."id")`,
      caseNumbers: sql<string[]>`coalesce((select array_agg(c.external_case_number order by c.referred_at) from ${cases} c where c.participant_id = "participants"."id"), '{}')`,
    })
    .from(participants)
    .where(
      and(
        eq(participants.jurisdictionId, jurisdictionId),
        eq(sql`lower(${participants.lastName})`, who.lastName.trim().toLowerCase()),
        eq(sql`lower(${participants.firstName})`, who.firstName.trim().toLowerCase()),
        eq(participants.dateOfBirth, who.dateOfBirth),
      ),
    )
    .orderBy(asc(participants.createdAt), asc(participants.id));
}

/** The form found a person with the same name and date of birth: the prosecutor must say who it is. */
export class ParticipantMatchRequired extends RuleError {
  constructor(readonly matches: ParticipantMatch[]) {
    super('A person with this name and date of birth was referred before. Confirm whether this is the same person.');
    this.name = 'ParticipantMatchRequired';
  }
}

/** Thrown inside the transaction when another request already created this case number. */
class AlreadyReferred extends Error {}

export type ReferralResult = {
  created: boolean;
  caseId: string;
  externalCaseNumber: string;
  status: string;
  screening: ScreeningSummary | null;
  participant: { id: string; linked: boolean };
};

/** Field errors for charge codes not in the jurisdiction's table. */
function chargeErrors(r: Referral, ctx: ReferralContext): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  r.charges.forEach((code, i) => {
    if (!ctx.charges.has(code)) out[`charges.${i}`] = [`“${code}” is not in this office’s charge table.`];
  });
  return out;
}

/**
 * The one way a referral enters the system (form, CSV row, API call). In one transaction:
 * the participant (linked to the same person when name and date of birth match; never duplicated
 * silently), the case (idempotent on the jurisdiction's external case number), charges, facts, a
 * `referred` event and audit row, then screening and the lifecycle moves it leads to.
 *
 * `participantChoice`: the form's confirmation — an existing participant's id, or 'new' for a
 * different person with the same name and birth date. Without it, the form is asked to confirm
 * a match; CSV and API link to the oldest match automatically and say so in the result.
 */
export async function createReferral(
  db: Db,
  actor: Actor,
  input: unknown,
  opts: { channel: ReferralChannel; participantChoice?: string; context?: ReferralContext; /** The caller already looked the number up (CSV). */ checkedNew?: boolean },
): Promise<ReferralResult> {
  if (!can(actor.role, 'case.refer')) throw new ForbiddenError();
  const r = referralSchema.parse(input);
  const jid = actor.jurisdictionId;
  const ctx = opts.context ?? (await loadReferralContext(db, jid));
  const bad = chargeErrors(r, ctx);
  if (Object.keys(bad).length) throw new InvalidInputError('Some charge codes are not in this office’s charge table.', bad);

  if (!opts.checkedNew) {
    const existing = await findByExternalNumber(db, jid, r.externalCaseNumber);
    if (existing) return existing;
  }

  try {
    return await db.transaction(async (tx) => {
      // Two referrals of the same new person at once must not create two participants.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cg.participant:${jid}:${identityKey(r.participant.firstName, r.participant.lastName, r.participant.dateOfBirth)}`}))`);
      const matches = await findParticipantMatches(tx, jid, r.participant);
      let participantId: string | null = null;
      if (opts.participantChoice && opts.participantChoice !== 'new') {
        const chosen = matches.find((m) => m.id === opts.participantChoice);
        if (!chosen) throw new ParticipantMatchRequired(matches);
        participantId = chosen.id;
      } else if (!opts.participantChoice && matches.length) {
        if (opts.channel === 'form') throw new ParticipantMatchRequired(matches);
        participantId = matches[0].id;
      }
      const linked = participantId !== null;
      const p = r.participant;
      if (participantId) {
        // People move and change numbers: the newest referral's contact details win; identity and
        // self-reported demographics already on file are kept unless this referral knows better.
        const demographics = { zip: participants.zip, race: participants.race, ethnicity: participants.ethnicity, sex: participants.sex };
        const [before] = await tx.select(demographics).from(participants).where(eq(participants.id, participantId));
        const [after] = await tx
          .update(participants)
          .set({
            zip: p.zip,
            ...(p.phone ? { phone: p.phone } : {}),
            ...(p.email ? { email: p.email } : {}),
            ...(p.addressLine ? { addressLine: p.addressLine } : {}),
            ...(p.preferredLanguage !== 'en' ? { preferredLanguage: p.preferredLanguage } : {}),
            ...(p.race !== 'unknown' ? { race: p.race } : {}),
            ...(p.ethnicity !== 'unknown' ? { ethnicity: p.ethnicity } : {}),
            ...(p.sex !== 'unknown' ? { sex: p.sex } : {}),
            version: sql`${participants.version} + 1`,
          })
          .where(eq(participants.id, participantId))
          .returning(demographics);
        // The participant's earlier cases carry the ZIP (neighbourhood) and demographics in their
        // dashboard rows too: when those changed, refresh them in this transaction as well.
        if (before.zip !== after.zip || before.race !== after.race || before.ethnicity !== after.ethnicity || before.sex !== after.sex) {
          const earlier = await tx.select({ id: cases.id }).from(cases).where(eq(cases.participantId, participantId));
          for (const e of earlier) await refreshCaseFacts(tx, e.id);
        }
      } else {
        const [row] = await tx
          .insert(participants)
          .values({
            jurisdictionId: jid,
            firstName: p.firstName,
            lastName: p.lastName,
            dateOfBirth: p.dateOfBirth,
            phone: p.phone ?? null,
            email: p.email ?? null,
            addressLine: p.addressLine ?? null,
            zip: p.zip,
            preferredLanguage: p.preferredLanguage,
            race: p.race,
            ethnicity: p.ethnicity,
            sex: p.sex,
          })
          .returning({ id: participants.id });
        participantId = row.id;
      }

      // The unique (jurisdiction, external case number) key is the idempotency guard: of several
      // identical requests racing, exactly one inserts; the others roll back and return its case.
      const [c] = await tx
        .insert(cases)
        .values({
          jurisdictionId: jid,
          participantId,
          externalCaseNumber: r.externalCaseNumber,
          policeReportNumber: r.policeReportNumber ?? null,
          referringAgency: r.referringAgency,
          incidentDate: r.incidentDate,
          referredByUserId: actorUserId(actor),
          summary: r.summary,
        })
        .onConflictDoNothing({ target: [cases.jurisdictionId, cases.externalCaseNumber] })
        .returning({ id: cases.id, version: cases.version });
      if (!c) throw new AlreadyReferred();

      const chargeRows = r.charges.map((code) => {
        const ch = ctx.charges.get(code)!;
        return { caseId: c.id, code: ch.code, description: ch.description, severity: ch.severity, violent: ch.violent, weapon: ch.weapon };
      });
      await tx.insert(caseCharges).values(chargeRows);
      await tx.insert(referralFacts).values({ caseId: c.id, channel: opts.channel, ...r.facts });
      const target = { caseId: c.id, jurisdictionId: jid };
      await recordCaseEvent(tx, actor, target, { type: 'referred', externalCaseNumber: r.externalCaseNumber, via: opts.channel, linkedParticipant: linked });
      await writeAudit(tx, actor, { action: 'case.refer', entityType: 'case', entityId: c.id, details: { via: opts.channel, externalCaseNumber: r.externalCaseNumber, linkedParticipant: linked } });
      const screened = await screenReferredCase(tx, actor, { id: c.id, jurisdictionId: jid, participantId, incidentDate: r.incidentDate, version: c.version }, ctx.policy, {
        facts: r.facts,
        charges: chargeRows,
        newParticipant: !linked,
        offerDeadlineDays: ctx.offerDeadlineDays,
      });
      await refreshCaseFacts(tx, c.id); // dashboard rollup, same transaction
      return { created: true, caseId: c.id, externalCaseNumber: r.externalCaseNumber, status: screened.status, screening: screened.screening, participant: { id: participantId, linked } };
    });
  } catch (err) {
    if (err instanceof AlreadyReferred) {
      const again = await findByExternalNumber(db, jid, r.externalCaseNumber);
      if (again) return again;
    }
    throw err;
  }
}

async function findByExternalNumber(db: Db, jurisdictionId: string, externalCaseNumber: string): Promise<ReferralResult | null> {
  const [c] = await db
    .select({ id: cases.id, status: cases.status, participantId: cases.participantId })
    .from(cases)
    .where(and(eq(cases.jurisdictionId, jurisdictionId), eq(cases.externalCaseNumber, externalCaseNumber)));
  if (!c) return null;
  return { created: false, caseId: c.id, externalCaseNumber, status: c.status, screening: await currentScreeningSummary(db, c.id), participant: { id: c.participantId, linked: false } };
}

/* ----------------------------------------------------------------------------------------------
 * CSV import: preview (nothing saved), then import the valid rows
 * -------------------------------------------------------------------------------------------- */

export const MAX_CSV_ROWS = 5000;
const IMPORT_CHUNK = 50;

export type CsvRowIssue = { column: string; message: string };
export type CsvPreviewRow = {
  line: number;
  externalCaseNumber: string;
  name: string;
  outcome: 'ready' | 'invalid' | 'already_imported';
  issues: CsvRowIssue[];
  /** An existing participant this row will be linked to (exact name + date of birth). */
  linksTo: { id: string; caseNumbers: string[] } | null;
};
export type CsvPreview = { fileProblems: CsvFileProblem[]; unknownColumns: string[]; rows: CsvPreviewRow[]; counts: { total: number; ready: number; invalid: number; alreadyImported: number } };

type CheckedRow = CsvPreviewRow & { referral?: Referral };

function zodIssues(err: z.ZodError): CsvRowIssue[] {
  return err.issues.map((i) => ({ column: columnForPath(i.path.join('.')), message: i.message }));
}

/** Validate every row exactly as an import would, without saving anything. */
async function checkCsv(db: Db, actor: Actor, text: string, ctx: ReferralContext): Promise<{ preview: CsvPreview; checked: CheckedRow[] }> {
  const parsed = parseReferralCsv(text);
  const fileProblems = [...parsed.problems];
  if (parsed.rows.length > MAX_CSV_ROWS) fileProblems.push({ line: null, message: `The file has ${parsed.rows.length} rows; import at most ${MAX_CSV_ROWS} at a time.` });
  if (parsed.rows.length === 0 && fileProblems.length === 0) fileProblems.push({ line: null, message: 'The file has no referral rows under its header line.' });
  if (fileProblems.length) return { preview: { fileProblems, unknownColumns: parsed.unknownColumns, rows: [], counts: { total: parsed.rows.length, ready: 0, invalid: 0, alreadyImported: 0 } }, checked: [] };

  const firstLine = new Map<string, number>();
  const checked: CheckedRow[] = parsed.rows.map((row) => {
    const base = {
      line: row.line,
      externalCaseNumber: (row.raw.external_case_number ?? '').trim(),
      name: `${(row.raw.first_name ?? '').trim()} ${(row.raw.last_name ?? '').trim()}`.trim(),
      linksTo: null,
    };
    const res = referralSchema.safeParse(row.input);
    const issues: CsvRowIssue[] = res.success ? [] : zodIssues(res.error);
    if (res.success) for (const [path, msgs] of Object.entries(chargeErrors(res.data, ctx))) for (const m of msgs) issues.push({ column: columnForPath(path), message: m });
    if (base.externalCaseNumber) {
      const seen = firstLine.get(base.externalCaseNumber);
      if (seen !== undefined) issues.push({ column: 'external_case_number', message: `The same case number is already on line ${seen} of this file.` });
      else firstLine.set(base.externalCaseNumber, row.line);
    }
    return { ...base, outcome: issues.length ? 'invalid' : 'ready', issues, referral: res.success ? res.data : undefined };
  });

  const numbers = checked.filter((r) => r.outcome === 'ready').map((r) => r.externalCaseNumber);
  const existing = new Set<string>();
  for (let i = 0; i < numbers.length; i += 1000) {
    const rows = await db
      .select({ n: cases.externalCaseNumber })
      .from(cases)
      .where(and(eq(cases.jurisdictionId, actor.jurisdictionId), inArray(cases.externalCaseNumber, numbers.slice(i, i + 1000))));
    for (const r of rows) existing.add(r.n);
  }
  const ready = checked.filter((r) => r.outcome === 'ready' && r.referral);
  const keys = [...new Set(ready.map((r) => identityKey(r.referral!.participant.firstName, r.referral!.participant.lastName, r.referral!.participant.dateOfBirth)))];
  const matchByKey = new Map<string, { id: string; caseNumbers: string[] }>();
  for (let i = 0; i < keys.length; i += 1000) {
    const rows = await db
      .select({
        id: participants.id,
        key: sql<string>`lower(${participants.firstName}) || '|' || lower(${participants.lastName}) || '|' || ${participants.dateOfBirth}::text`,
        caseNumbers: sql<string[]>`coalesce((select array_agg(c.external_case_number order by c.referred_at) from ${cases} c where c.participant_id = "participants"."id"), '{}')`,
      })
      .from(participants)
      .where(and(eq(participants.jurisdictionId, actor.jurisdictionId), inArray(sql`lower(${participants.firstName}) || '|' || lower(${participants.lastName}) || '|' || ${participants.dateOfBirth}::text`, keys.slice(i, i + 1000))))
      .orderBy(asc(participants.createdAt), asc(participants.id));
    for (const r of rows) if (!matchByKey.has(r.key)) matchByKey.set(r.key, { id: r.id, caseNumbers: r.caseNumbers });
  }
  for (const r of checked) {
    if (r.outcome !== 'ready' || !r.referral) continue;
    if (existing.has(r.externalCaseNumber)) {
      r.outcome = 'already_imported';
      continue;
    }
    const p = r.referral.participant;
    r.linksTo = matchByKey.get(identityKey(p.firstName, p.lastName, p.dateOfBirth)) ?? null;
  }
  const counts = {
    total: checked.length,
    ready: checked.filter((r) => r.outcome === 'ready').length,
    invalid: checked.filter((r) => r.outcome === 'invalid').length,
    alreadyImported: checked.filter((r) => r.outcome === 'already_imported').length,
  };
  const rows = checked.map((r) => ({ line: r.line, externalCaseNumber: r.externalCaseNumber, name: r.name, outcome: r.outcome, issues: r.issues, linksTo: r.linksTo }));
  return { preview: { fileProblems, unknownColumns: parsed.unknownColumns, rows, counts }, checked };
}

/** Show what an import would do, row by row: errors by line and column, links, duplicates. */
export async function previewReferralCsv(db: Db, actor: Actor, text: string): Promise<CsvPreview> {
  if (!can(actor.role, 'case.refer')) throw new ForbiddenError();
  const ctx = await loadReferralContext(db, actor.jurisdictionId);
  return (await checkCsv(db, actor, text, ctx)).preview;
}

export type CsvImportResult = {
  created: number;
  linked: number;
  alreadyImported: number;
  failed: { line: number; externalCaseNumber: string; issues: CsvRowIssue[] }[];
  fileProblems: CsvFileProblem[];
  byStatus: Record<string, number>;
};

/**
 * Import the valid rows of a CSV file (each its own transaction, so one bad row never blocks the
 * rest) and report every row that was not saved by line and column. Re-importing the same file
 * creates nothing new: each row is idempotent on its case number.
 */
export async function importReferralCsv(db: Db, actor: Actor, text: string): Promise<CsvImportResult> {
  if (!can(actor.role, 'case.refer')) throw new ForbiddenError();
  const ctx = await loadReferralContext(db, actor.jurisdictionId);
  const { preview, checked } = await checkCsv(db, actor, text, ctx);
  const result: CsvImportResult = { created: 0, linked: 0, alreadyImported: preview.counts.alreadyImported, failed: [], fileProblems: preview.fileProblems, byStatus: {} };
  if (preview.fileProblems.length) return result;
  for (const row of checked) if (row.outcome === 'invalid') result.failed.push({ line: row.line, externalCaseNumber: row.externalCaseNumber, issues: row.issues });
  const ready = checked.filter((r) => r.outcome === 'ready' && r.referral);
  // Rows are saved in chunks: one transaction per chunk (one commit, not one per row), each row in
  // its own savepoint so a row that fails leaves the rest of its chunk saved. Chunks stay small
  // because the embedded database has a single connection that other requests are waiting for.
  for (let i = 0; i < ready.length; i += IMPORT_CHUNK) {
    await db.transaction(async (tx) => {
      for (const row of ready.slice(i, i + IMPORT_CHUNK)) {
        try {
          const r = await createReferral(tx, actor, row.referral, { channel: 'csv', context: ctx, checkedNew: true });
          if (!r.created) {
            result.alreadyImported++;
            continue;
          }
          result.created++;
          if (r.participant.linked) result.linked++;
          result.byStatus[r.status] = (result.byStatus[r.status] ?? 0) + 1;
        } catch (err) {
          if (err instanceof z.ZodError) result.failed.push({ line: row.line, externalCaseNumber: row.externalCaseNumber, issues: zodIssues(err) });
          else if (err instanceof InvalidInputError) {
            result.failed.push({ line: row.line, externalCaseNumber: row.externalCaseNumber, issues: Object.entries(err.fieldErrors).flatMap(([p, ms]) => ms.map((m) => ({ column: columnForPath(p), message: m }))) });
          } else throw err;
        }
      }
    });
  }
  result.failed.sort((a, b) => a.line - b.line);
  await writeAudit(db, actor, { action: 'case.import_csv', details: { created: result.created, linked: result.linked, alreadyImported: result.alreadyImported, failed: result.failed.length } });
  return result;
}

/** How many cases a participant has in this jurisdiction (used by tests and the form). */
export async function countCasesOf(db: Db, participantId: string) {
  const [{ n }] = await db.select({ n: count() }).from(cases).where(eq(cases.participantId, participantId));
  return n;
}
