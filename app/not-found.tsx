import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function NotFound() {
  const t = await getTranslations('common');
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="text-2xl font-semibold">{t('notFoundTitle')}</h1>
      <p className="mt-3 text-stone-700">{t('notFoundBody')}</p>
      <Link href="/" className="mt-6 inline-block font-medium text-brand-700 underline">
        {t('goHome')}
      </Link>
    </main>
  );
}
