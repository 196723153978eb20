import { csvTemplateHeader } from '@/lib/intake/csv';
import { referralExample } from '@/lib/intake/referral-schema';

/** The header line plus one example row, for offices starting a file by hand. */
export function GET() {
  const e = referralExample;
  const p = e.participant;
  const f = e.facts;
  const row = [
    e.externalCaseNumber, e.policeReportNumber, e.referringAgency, e.incidentDate, p.firstName, p.lastName, p.dateOfBirth, p.phone, p.email, p.addressLine, p.zip,
    p.preferredLanguage, p.race, p.ethnicity, p.sex, e.charges.join(';'), f.weaponInvolved, f.violenceInvolved, String(f.drugQuantityGrams), f.activeProtectionOrder,
    f.criminalHistoryChecked ? 'yes' : 'no', '', '', `"${e.summary.replaceAll('"', '""')}"`,
  ].join(',');
  return new Response(`${csvTemplateHeader}\n${row}\n`, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="referrals-template.csv"' } });
}
