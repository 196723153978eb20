import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { signOutAction } from '../actions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign out' };

export default async function SignOutPage() {
  const t = await getTranslations('signOut');
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-10">
      <h1 className="text-2xl font-semibold">{t('title')}</h1>
      <p className="mt-2 text-stone-700">{t('body')}</p>
      <form action={signOutAction} className="mt-6">
        <button type="submit" className="rounded-md bg-brand-700 px-4 py-2.5 font-medium text-white hover:bg-brand-800">
          {t('submit')}
        </button>
      </form>
    </main>
  );
}
