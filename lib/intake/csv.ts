/**
 * CSV referrals: one row per referral, one header line. This module only reads the file and turns
 * each row into the same input the form and the API send (validation is referralSchema's job, in
 * createReferral), and maps schema paths back to the CSV's column names so every error can be
 * reported as "line 14, column zip".
 */
import { parse } from 'csv-parse/sync';
import type { ReferralInput } from './referral-schema';

/** Column → where it goes in the referral input. Order is the template's column order. */
export const csvColumns = [
  ['external_case_number', 'externalCaseNumber'],
  ['police_report_number', 'policeReportNumber'],
  ['referring_agency', 'referringAgency'],
  ['incident_date', 'incidentDate'],
  ['first_name', 'participant.firstName'],
  ['last_name', 'participant.lastName'],
  ['date_of_birth', 'participant.dateOfBirth'],
  ['phone', 'participant.phone'],
  ['email', 'participant.email'],
  ['address', 'participant.addressLine'],
  ['zip', 'participant.zip'],
  ['preferred_language', 'participant.preferredLanguage'],
  ['race', 'participant.race'],
  ['ethnicity', 'participant.ethnicity'],
  ['sex', 'participant.sex'],
  ['charges', 'charges'],
  ['weapon_involved', 'facts.weaponInvolved'],
  ['violence_involved', 'facts.violenceInvolved'],
  ['drug_quantity_grams', 'facts.drugQuantityGrams'],
  ['active_protection_order', 'facts.activeProtectionOrder'],
  ['criminal_history_checked', 'facts.criminalHistoryChecked'],
  ['last_violent_offense_date', 'facts.lastViolentOffenseDate'],
  ['last_failed_diversion_date', 'facts.lastFailedDiversionDate'],
  ['summary', 'summary'],
] as const;
export type CsvColumn = (typeof csvColumns)[number][0];

export const requiredCsvColumns: CsvColumn[] = ['external_case_number', 'referring_agency', 'incident_date', 'first_name', 'last_name', 'date_of_birth', 'zip', 'charges'];

export const csvTemplateHeader = csvColumns.map(([c]) => c).join(',');

/** Where an error at a schema path is shown in the file. */
export function columnForPath(path: string): string {
  const top = path.replace(/\.\d+$/, '');
  return csvColumns.find(([, p]) => p === top)?.[0] ?? (path === '' ? '(row)' : path);
}

export type CsvRow = { line: number; raw: Record<string, string>; input: ReferralInput };
export type CsvFileProblem = { line: number | null; message: string };
export type ParsedCsv = { rows: CsvRow[]; problems: CsvFileProblem[]; unknownColumns: string[] };

const truthy = new Set(['yes', 'y', 'true', '1']);
const falsy = new Set(['no', 'n', 'false', '0']);

function toInput(raw: Record<string, string>): ReferralInput {
  const v = (k: CsvColumn) => (raw[k] ?? '').trim();
  const opt = (k: CsvColumn) => v(k) || undefined;
  const qty = v('drug_quantity_grams');
  const checked = v('criminal_history_checked').toLowerCase();
  // Values that do not convert are passed through as text, so the schema reports them.
  const input = {
    externalCaseNumber: v('external_case_number'),
    policeReportNumber: opt('police_report_number'),
    referringAgency: v('referring_agency'),
    incidentDate: v('incident_date'),
    participant: {
      firstName: v('first_name'),
      lastName: v('last_name'),
      dateOfBirth: v('date_of_birth'),
      phone: opt('phone'),
      email: opt('email'),
      addressLine: opt('address'),
      zip: v('zip'),
      preferredLanguage: opt('preferred_language')?.toLowerCase(),
      race: opt('race')?.toLowerCase(),
      ethnicity: opt('ethnicity')?.toLowerCase(),
      sex: opt('sex')?.toLowerCase(),
    },
    charges: v('charges')
      .split(/[;|]/)
      .map((c) => c.trim())
      .filter(Boolean),
    facts: {
      weaponInvolved: opt('weapon_involved')?.toLowerCase(),
      violenceInvolved: opt('violence_involved')?.toLowerCase(),
      drugQuantityGrams: qty === '' ? null : Number.isFinite(Number(qty)) ? Number(qty) : qty,
      activeProtectionOrder: opt('active_protection_order')?.toLowerCase(),
      criminalHistoryChecked: checked === '' ? false : truthy.has(checked) ? true : falsy.has(checked) ? false : checked,
      lastViolentOffenseDate: opt('last_violent_offense_date') ?? null,
      lastFailedDiversionDate: opt('last_failed_diversion_date') ?? null,
    },
    summary: v('summary'),
  };
  return input as ReferralInput;
}

/** How a header cell is matched to a column name: case, spaces and dashes do not matter. */
const columnName = (h: string) => h.trim().toLowerCase().replace(/[\s-]+/g, '_');

/** The line a record starts on: `lines` is its last line, and a quoted field may span several. */
function firstLine(lines: number, raw: string | undefined): number {
  // Blank lines skipped before a record are part of its raw text; they are not the record's lines.
  return lines - ((raw ?? '').replace(/^\n+/, '').replace(/\n$/, '').match(/\n/g) ?? []).length;
}

/**
 * Read a CSV file. Lines are the file's own line numbers (the header is line 1, or the first line
 * that is not blank). A file whose structure is wrong (missing or repeated columns, a row with more
 * values than the header) comes back with `problems`: importing it could only lose or misplace data.
 */
export function parseReferralCsv(text: string): ParsedCsv {
  const problems: CsvFileProblem[] = [];
  // One line ending everywhere, so line numbers count the same for Windows and Unix files.
  text = text.replace(/\r\n?/g, '\n');
  let records: { record: string[]; info: { lines: number }; raw?: string }[];
  try {
    // Rows as arrays, not objects: the header is the parser's own first record (blank lines
    // skipped, quotes and BOM handled), and a row's extra values are seen instead of dropped.
    // `relax_column_count` only keeps short rows (trailing optional columns left off) readable.
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, info: true, raw: true }) as unknown as typeof records;
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    return { rows: [], problems: [{ line: e.lines ?? null, message: `The file could not be read as CSV: ${e.message ?? 'unknown error'}` }], unknownColumns: [] };
  }
  const [head, ...body] = records;
  const header = head ? head.record.map(columnName) : [];
  const headerLine = head ? firstLine(head.info.lines, head.raw) : 1;
  const present = new Set(header);
  const known = new Set<string>(csvColumns.map(([c]) => c));
  const missing = requiredCsvColumns.filter((c) => !present.has(c));
  if (missing.length) problems.push({ line: headerLine, message: `Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. Start from the template's header line.` });
  // A column named twice would be read from one of the two, silently. Columns the import ignores
  // may repeat: nothing is read from them.
  const repeated = [...new Set(header.filter((c, i) => known.has(c) && header.indexOf(c) !== i))];
  if (repeated.length === 1) problems.push({ line: headerLine, message: `The header names the column ${repeated[0]} more than once: keep one ${repeated[0]} column and delete the other.` });
  else if (repeated.length > 1) problems.push({ line: headerLine, message: `The header names the columns ${repeated.join(', ')} more than once: keep one of each and delete the others.` });
  const unknownColumns = [...present].filter((c) => c && !known.has(c));
  const rows: CsvRow[] = body.map(({ record, info, raw }) => {
    const line = firstLine(info.lines, raw);
    // More values than columns: usually an unquoted comma inside a value, which split it in two.
    // Reading the row anyway would cut that value short (or shift the ones after it) silently.
    // Trailing empty values lose nothing and are let through.
    if (record.slice(header.length).some((v) => v.trim() !== '')) {
      problems.push({ line, message: `This row has ${record.length} values but the header has ${header.length} columns: put quotes around a value that contains a comma.` });
    }
    const values: Record<string, string> = {};
    header.forEach((c, i) => {
      if (c && i < record.length) values[c] = record[i];
    });
    return { line, raw: values, input: toInput(values) };
  });
  return { rows, problems, unknownColumns };
}
