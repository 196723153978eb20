import { csvColumns } from '@/lib/intake/csv';

/**
 * Makes a referral CSV on the fly (rather than committing a big fixture): `rows` data rows, of
 * which `bad` carry one known mistake each, spread through the file. Returns the text and, for each
 * bad row, the line and the column the import must report.
 */
export function generateReferralCsv(opts: { rows: number; bad: number; prefix?: string; zip?: string }) {
  const prefix = opts.prefix ?? 'CSV';
  const mistakes: { column: string; apply: (r: Record<string, string>, i: number) => void }[] = [
    { column: 'zip', apply: (r) => (r.zip = '6412') },
    { column: 'incident_date', apply: (r) => (r.incident_date = '10/02/2026') },
    { column: 'charges', apply: (r) => (r.charges = '579.015;123.456') },
    { column: 'first_name', apply: (r) => (r.first_name = '') },
    { column: 'weapon_involved', apply: (r) => (r.weapon_involved = 'maybe') },
    { column: 'drug_quantity_grams', apply: (r) => (r.drug_quantity_grams = 'a little') },
    { column: 'preferred_language', apply: (r) => (r.preferred_language = 'fr') },
    { column: 'email', apply: (r) => (r.email = 'not-an-email') },
    { column: 'date_of_birth', apply: (r) => (r.date_of_birth = '2030-01-01') },
    { column: 'external_case_number', apply: (r) => (r.external_case_number = `${prefix}-000001`) },
  ];
  const step = Math.floor(opts.rows / Math.max(1, opts.bad));
  const expected: { line: number; column: string }[] = [];
  const lines = [csvColumns.map(([c]) => c).join(',')];
  let extraNewlines = 0;
  for (let i = 0; i < opts.rows; i++) {
    const n = String(i + 1).padStart(6, '0');
    const r: Record<string, string> = {
      external_case_number: `${prefix}-${n}`,
      police_report_number: `KCPD-26-${n}`,
      referring_agency: 'Kansas City Police Department',
      incident_date: '2026-10-01',
      first_name: `First${i}`,
      last_name: `Last${i}`,
      date_of_birth: `19${80 + (i % 20)}-0${1 + (i % 9)}-1${i % 10}`,
      phone: '816-555-0100',
      email: `p${i}@example.org`,
      address: `${100 + i} Prospect Ave, Apt "B"`,
      zip: opts.zip ?? '64127',
      preferred_language: i % 10 === 0 ? 'es' : 'en',
      race: 'unknown',
      ethnicity: 'unknown',
      sex: 'unknown',
      charges: i % 3 === 0 ? '579.015;579.074' : '579.015',
      weapon_involved: 'no',
      violence_involved: 'no',
      drug_quantity_grams: String(1 + (i % 5)),
      active_protection_order: 'no',
      criminal_history_checked: 'yes',
      last_violent_offense_date: '',
      last_failed_diversion_date: '',
      summary: i % 7 === 0 ? 'Stopped on foot.\nSmall bag, personal use.' : 'Small quantity, personal use.',
    };
    // Row 0 stays valid so the duplicate-number mistake points back at it.
    const isBad = (i + 1) % step === 0 && expected.length < opts.bad;
    if (isBad) mistakes[expected.length % mistakes.length].apply(r, i);
    const cells = csvColumns.map(([c]) => r[c] ?? '');
    const line = lines.length + 1 + extraNewlines;
    if (isBad) expected.push({ line, column: mistakes[(expected.length) % mistakes.length].column });
    extraNewlines += cells.join('').split('\n').length - 1;
    lines.push(cells.map((v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v)).join(','));
  }
  return { text: `${lines.join('\n')}\n`, expected };
}
