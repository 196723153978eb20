import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { PortalAccessPanel, type LetterText } from '@/components/portal/portal-access';
import { getDb } from '@/db/client';
import { getCase } from '@/db/queries/cases';
import { getMyJurisdiction } from '@/db/queries/jurisdictions';
import { requireActor } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { printLetterCodeAction, sendInvitationAction } from './actions';

export const metadata: Metadata = { title: 'Portal access' };

/** Coordinators: invite the participant to the portal, or print a one-time sign-in letter (en/es). */
export default async function PortalAccessPage({ params }: { params: Promise<{ caseId: string }> }) {
  const actor = await requireActor(['coordinator']);
  const { caseId } = await params;
  const db = await getDb();
  const c = await getCase(db, actor, caseId).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const jurisdiction = await getMyJurisdiction(db, actor);
  const t = await getTranslations('portalAccess');
  const letter = async (locale: 'en' | 'es'): Promise<LetterText> => {
    const tl = await getTranslations({ locale, namespace: 'portalAccess.letter' });
    return {
      title: tl('title'),
      greeting: tl('greeting'),
      intro: tl('intro'),
      steps: [tl('step1'), tl('step2'), tl('step3')],
      codeLabel: tl('codeLabel'),
      expires: tl('expires'),
      once: tl('once'),
      help: tl('help', { phone: jurisdiction.settings.helpPhone }),
      program: jurisdiction.name,
    };
  };
  const siteUrl = `${(process.env.APP_URL ?? process.env.NEXTAUTH_URL ?? 'http://localhost:3000').replace(/\/$/, '')}/sign-in/code`;
  return (
    <div className="max-w-2xl">
      <p className="print:hidden">
        <Link href={`/cases/${caseId}`} className="text-brand-800 underline underline-offset-2">{t('back')}</Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold print:hidden">{t('title', { name: `${c.participant.firstName} ${c.participant.lastName}` })}</h1>
      <p className="mt-2 text-stone-700 print:hidden">{t('intro')}</p>
      <div className="mt-4">
        <PortalAccessPanel
          caseId={caseId}
          inviteAction={sendInvitationAction}
          letterAction={printLetterCodeAction}
          labels={{ invite: t('invite'), inviting: t('inviting'), invited: t('invited'), letter: t('makeLetter'), making: t('making'), print: t('print'), letterNote: t('letterNote') }}
          letterText={{ en: await letter('en'), es: await letter('es') }}
          siteUrl={siteUrl}
          timeZone={jurisdiction.timeZone}
        />
      </div>
    </div>
  );
}
