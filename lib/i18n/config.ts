export const locales = ['en', 'es'] as const;
export type AppLocale = (typeof locales)[number];
export const defaultLocale: AppLocale = 'en';
export const LOCALE_COOKIE = 'cg.locale';

export function isLocale(v: unknown): v is AppLocale {
  return typeof v === 'string' && (locales as readonly string[]).includes(v);
}

/** Pick a locale from a cookie value or an Accept-Language header. */
export function negotiateLocale(cookieValue: string | undefined, acceptLanguage: string | null): AppLocale {
  if (isLocale(cookieValue)) return cookieValue;
  const first = acceptLanguage?.split(',').map((p) => p.trim().slice(0, 2).toLowerCase()).find(isLocale);
  return first ?? defaultLocale;
}
