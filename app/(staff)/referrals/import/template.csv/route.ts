import { getActor } from '@/lib/auth/session';
import { csvTemplateHeader } from '@/lib/intake/csv';
import { referralExample } from '@/lib/intake/referral-schema';
import { can } from '@/lib/permissions';

export const dynamic = 'force-dynamic';

/**
 * The header line plus one example row, for offices starting a file by hand. For the import
 * page's users only (case.refer), like the page: signed out → 401, other roles → 404.
 */
export async function GET() {
  const actor = await getActor();
  if (!actor) return new Response('Sign in to download this file.', { status: 401 });
  if (!can(actor.role, 'case.refer')) return new Response('Not found', { status: 404 });
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
