import { getLocale, getTranslations } from 'next-intl/server';
import { setLocaleAction } from '@/app/(auth)/actions';

/** A plain form: switching language works without JavaScript. */
export async function LanguageSwitcher({ returnTo }: { returnTo: string }) {
  const locale = await getLocale();
  const t = await getTranslations('common');
  const other = locale === 'es' ? 'en' : 'es';
  return (
    <form action={setLocaleAction}>
      <input type="hidden" name="locale" value={other} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <button type="submit" lang={other} className="rounded-md border border-stone-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-stone-100">
        {other === 'es' ? t('spanish') : t('english')}
      </button>
    </form>
  );
}
