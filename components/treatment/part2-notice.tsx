import { getLocale, getTranslations } from 'next-intl/server';
import { part2Notice } from '@/lib/domain/part2-consent';

/** The §2.32 notice that accompanies every display of treatment status to a recipient. */
export async function Part2Notice() {
  const locale = (await getLocale()) === 'es' ? 'es' : 'en';
  const t = await getTranslations('treatment');
  const n = part2Notice[locale];
  return (
    <aside aria-labelledby="part2-notice-h" data-testid="part2-notice" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-stone-900">
      <h3 id="part2-notice-h" className="font-semibold">{t('noticeTitle')}</h3>
      <p className="mt-1">{n.lead}</p>
      <ol className="mt-1 list-[lower-roman] space-y-1 pl-6">
        {n.conditions.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ol>
      <p className="mt-1">{n.closing}</p>
    </aside>
  );
}
