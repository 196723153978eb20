import { cookies, headers } from 'next/headers';
import { getRequestConfig } from 'next-intl/server';
import { isLocale, LOCALE_COOKIE, negotiateLocale } from './config';

// No locale in the URL: people share links across languages, and the participant's choice is
// remembered in a cookie (set from their account on sign-in, or by the language switcher).
// A locale passed explicitly (`getTranslations({ locale, namespace })`) wins: a document or a
// printed letter is in the language asked for, not in the language of whoever prints it.
export default getRequestConfig(async ({ locale: requested }) => {
  const locale = isLocale(requested) ? requested : negotiateLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get('accept-language'));
  const messages = (await import(`./messages/${locale}.json`)).default;
  return { locale, messages, timeZone: 'America/Chicago' };
});
