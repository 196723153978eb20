import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDb } from '@/db/open';
import { createReferral, importReferralCsv, previewReferralCsv } from '@/db/queries/referrals';
import { cases, participants } from '@/db/schema';
import { csvColumns, csvTemplateHeader, parseReferralCsv } from '@/lib/intake/csv';
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

describe('CSV import: the file as written is the file as read', () => {
  /** A small valid file (row 1's summary spans two lines, so data rows start on lines 2, 4, 5). */
  const small = (prefix: string) => generateReferralCsv({ rows: 3, bad: 0, prefix }).text;

  it('a row with more values than the header (an unquoted comma) is reported by line, never cut short', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const lines = small('EXTRA').split('\n');
    expect(lines[3]).toMatch(/,"Small quantity, personal use\."$/);
    lines[3] = lines[3].replace(/"Small quantity, personal use\."$/, 'Found with pipe, admitted daily use');
    const text = lines.join('\n');

    const parsed = parseReferralCsv(text);
    expect(parsed.problems).toEqual([{ line: 4, message: `This row has ${csvColumns.length + 1} values but the header has ${csvColumns.length} columns: put quotes around a value that contains a comma.` }]);

    const preview = await previewReferralCsv(t.db, prosecutor, text);
    expect(preview.counts.ready).toBe(0);
    expect(preview.fileProblems).toEqual(parsed.problems);
    const result = await importReferralCsv(t.db, prosecutor, text);
    expect(result).toMatchObject({ created: 0, fileProblems: parsed.problems });

    // Quoted, the same value is read whole.
    const fixed = text.replace('Found with pipe, admitted daily use', '"Found with pipe, admitted daily use"');
    const ok = parseReferralCsv(fixed);
    expect(ok.problems).toEqual([]);
    expect(ok.rows[1]).toMatchObject({ line: 4, raw: { summary: 'Found with pipe, admitted daily use' } });
  });

  it('every row with too many values is listed, on its own line even after a multi-line value; trailing empty values are harmless', () => {
    const header = 'external_case_number,first_name,summary';
    const text = `${header}\nA1,Ann,"two\nlines"\nA2,Bob,one, two\nA3,Cy,fine,\nA4,Di,x,y,z\n`;
    const parsed = parseReferralCsv(text);
    // (Line 1's missing-columns problem aside: this short header is only here to count values.)
    expect(parsed.problems.filter((p) => p.line !== 1).map((p) => [p.line, p.message.slice(0, 48)])).toEqual([
      [4, 'This row has 4 values but the header has 3 colum'],
      [6, 'This row has 5 values but the header has 3 colum'],
    ]);
    expect(parsed.rows.map((r) => r.line)).toEqual([2, 4, 5, 6]);
  });

  it('blank lines before the header are skipped, as csv-parse skips them, and line numbers stay the file’s own', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const text = `\n\n${small('BLANK')}`;
    const parsed = parseReferralCsv(text);
    expect(parsed.problems).toEqual([]);
    expect(parsed.unknownColumns).toEqual([]);
    expect(parsed.rows.map((r) => r.line)).toEqual([4, 6, 7]);
    const preview = await previewReferralCsv(t.db, prosecutor, text);
    expect(preview.fileProblems).toEqual([]);
    expect(preview.counts).toMatchObject({ total: 3, ready: 3 });

    // Same with a byte-order mark and Windows line endings.
    const windows = parseReferralCsv(`\uFEFF\r\n${small('BLANKWIN').replace(/\n/g, '\r\n')}`);
    expect(windows.problems).toEqual([]);
    expect(windows.rows.map((r) => r.line)).toEqual([3, 5, 6]);

    // A header that really lacks columns is still refused, at the line it is on.
    const missing = parseReferralCsv('\nname,zip\nBob,64127\n');
    expect(missing.problems).toEqual([{ line: 2, message: expect.stringMatching(/^Missing columns: external_case_number, referring_agency/) }]);
  });

  it('a column named twice in the header refuses the file, naming the column', async () => {
    const { prosecutor } = await makeIntakeJurisdiction(t.db);
    const text = small('DUP').replace(/,summary\n/, ',summary,ZIP\n');
    const header = text.split('\n')[0];
    expect(header.endsWith(',summary,ZIP')).toBe(true);
    const parsed = parseReferralCsv(text);
    expect(parsed.problems).toEqual([{ line: 1, message: 'The header names the column zip more than once: keep one zip column and delete the other.' }]);
    const preview = await previewReferralCsv(t.db, prosecutor, text);
    expect(preview.fileProblems).toEqual(parsed.problems);
    const result = await importReferralCsv(t.db, prosecutor, text);
    expect(result.created).toBe(0);

    const two = parseReferralCsv('zip,phone,zip,Phone,notes,notes\n');
    expect(two.problems.find((p) => /more than once/.test(p.message))?.message).toBe('The header names the columns zip, phone more than once: keep one of each and delete the others.');
    expect(two.unknownColumns).toEqual(['notes']); // an ignored column may repeat: nothing is read from it
  });

  it('keeps reading what it already read: BOM, CRLF, CR-only, quoted newlines, empty and header-only files, unclosed quotes', () => {
    const base = small('KEEP');
    const lf = parseReferralCsv(base);
    expect(lf.problems).toEqual([]);
    expect(lf.rows.map((r) => r.line)).toEqual([2, 4, 5]);
    expect(lf.rows[0].raw.summary).toBe('Stopped on foot.\nSmall bag, personal use.');
    for (const variant of [`\uFEFF${base}`, base.replace(/\n/g, '\r\n'), base.replace(/\n/g, '\r')]) {
      const p = parseReferralCsv(variant);
      expect(p.problems).toEqual([]);
      expect(p.rows.map((r) => r.line)).toEqual([2, 4, 5]);
      expect(p.rows.map((r) => r.input)).toEqual(lf.rows.map((r) => r.input));
    }
    expect(parseReferralCsv('').problems).toEqual([{ line: 1, message: expect.stringMatching(/^Missing columns: /) }]);
    expect(parseReferralCsv(`${csvTemplateHeader}\n`)).toEqual({ rows: [], problems: [], unknownColumns: [] });
    expect(parseReferralCsv(`${csvTemplateHeader}\nA1,"unclosed\n`).problems[0].message).toMatch(/could not be read as CSV/);
  });
});
