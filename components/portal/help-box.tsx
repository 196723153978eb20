import { getTranslations } from 'next-intl/server';
import { requestHelpAction } from '@/app/(participant)/portal/actions';
import { PortalForm } from './portal-form';

/** "I need help": a message to the coordinators (a task on the case and an email to each), and the phone. */
export async function HelpBox({ phone }: { phone: string }) {
  const t = await getTranslations('portalApp.help');
  return (
    <section aria-labelledby="help-h" className="mt-6 rounded-lg border border-stone-300 bg-stone-50 p-4" data-testid="help-box">
      <h2 id="help-h" className="text-lg font-semibold">{t('title')}</h2>
      <p className="mt-1">{t('phone', { phone })}</p>
      <details className="mt-3">
        <summary className="cursor-pointer rounded-md border border-brand-700 bg-white px-4 py-2.5 font-medium text-brand-800">{t('button')}</summary>
        <div className="mt-3">
          <PortalForm action={requestHelpAction} fields={[{ type: 'textarea', name: 'message', label: t('message'), hint: t('messageHint') }]} submit={t('send')} pending={t('sending')} success={t('sent')} testId="help-form" />
        </div>
      </details>
    </section>
  );
}
