import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';

/** Gives the intake client components their strings (only the namespaces they use). */
export async function IntakeIntl({ children }: { children: React.ReactNode }) {
  const m = await getMessages();
  return <NextIntlClientProvider messages={{ intake: m.intake, status: m.status, returnReason: m.returnReason }}>{children}</NextIntlClientProvider>;
}
