/**
 * Stand-ins for Next's request scope (cookies, headers, cache, translations, session) so a test can
 * call server actions and route handlers directly against a real database. They read the acting
 * user and cookies from `globalThis.__cgFuzz`, which each test sets before a call.
 *
 * vi.mock factories are hoisted above imports, so tests load these through a dynamic import:
 *   vi.mock('next/headers', async () => (await import('../helpers/next-request-mocks')).nextHeadersMock('fuzz'));
 */
import type * as SessionModule from '@/lib/auth/session';

type FuzzGlobals = { __cgFuzz: { cookies: Map<string, string>; actor: unknown } };
const fuzz = () => (globalThis as unknown as FuzzGlobals).__cgFuzz;

/** The same client address every mocked request comes from. */
export const MOCK_CLIENT_IP = '203.0.113.9';

export function nextCacheMock() {
  return { revalidatePath: () => {}, revalidateTag: () => {}, updateTag: () => {}, refresh: () => {}, unstable_cache: (f: unknown) => f };
}

/** Cookies live in `__cgFuzz.cookies`, so an action that sets one (a language choice) is seen by the next call. */
export function nextHeadersMock(userAgent: string) {
  const jar = () => fuzz().cookies;
  const store = {
    get: (n: string) => (jar().has(n) ? { name: n, value: jar().get(n)! } : undefined),
    getAll: () => [...jar()].map(([name, value]) => ({ name, value })),
    has: (n: string) => jar().has(n),
    set: (n: string | { name: string; value: string }, v?: string) => (typeof n === 'string' ? jar().set(n, v ?? '') : jar().set(n.name, n.value)),
    delete: (n: string) => jar().delete(n),
  };
  const hdrs = new Headers({ host: 'localhost:3000', origin: 'http://localhost:3000', 'x-forwarded-for': MOCK_CLIENT_IP, 'user-agent': userAgent });
  return { cookies: async () => store, headers: async () => hdrs, draftMode: async () => ({ isEnabled: false }) };
}

/**
 * Translations from the real message files in the language the `cg.locale` cookie names (English
 * when there is none), so refusals read as users would see them.
 */
export async function nextIntlServerMock() {
  const { createTranslator } = await import('use-intl/core');
  const { LOCALE_COOKIE, negotiateLocale } = await import('@/lib/i18n/config');
  const all = { en: (await import('@/lib/i18n/messages/en.json')).default, es: (await import('@/lib/i18n/messages/es.json')).default };
  const locale = () => negotiateLocale(fuzz().cookies.get(LOCALE_COOKIE), null);
  const t = (ns?: string | { namespace?: string }) => createTranslator({ locale: locale(), messages: all[locale()], namespace: (typeof ns === 'string' ? ns : ns?.namespace) as never });
  return { getTranslations: async (ns?: string | { namespace?: string }) => t(ns), getLocale: async () => locale(), getMessages: async () => all[locale()] };
}

/** The real session module with the actor taken from `__cgFuzz.actor` instead of a signed cookie. */
export function sessionMock(orig: typeof SessionModule, userAgent: string): typeof SessionModule {
  const actor = async () => fuzz().actor as Awaited<ReturnType<typeof SessionModule.getActor>>;
  return { ...orig, getActor: actor, peekActor: actor as typeof orig.peekActor, clientIp: async () => MOCK_CLIENT_IP, userAgent: async () => userAgent };
}
