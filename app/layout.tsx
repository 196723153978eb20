import type { Metadata, Viewport } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Common Ground', template: '%s · Common Ground' },
  description: 'Neighborhood accountability boards for diverted drug cases',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#1f6f5c' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('common');
  return (
    <html lang={locale}>
      <body className="min-h-dvh">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow">
          {t('skipToContent')}
        </a>
        {children}
      </body>
    </html>
  );
}
