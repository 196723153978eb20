// @ts-check
const createNextIntlPlugin = require('next-intl/plugin');

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

// Sent on every response, static files included. The same list lives in
// lib/http/security-headers.ts for proxy.ts; tests/unit/http-security.test.ts keeps them equal.
// The per-request Content-Security-Policy (with its nonce) is set by proxy.ts.
const staticSecurityHeaders = {
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships wasm + extension bundles that must be loaded from node_modules at run time;
  // argon2 is a native addon. Bundling either breaks them silently.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'pg'],
  poweredByHeader: false,
  typedRoutes: false,
  // CSV referral imports (up to 5,000 rows) and proof files (up to 10 MB, checked in
  // lib/domain/proof-files.ts) are posted to server actions.
  experimental: { serverActions: { bodySizeLimit: '11mb' } },
  async headers() {
    return [{ source: '/:path*', headers: Object.entries(staticSecurityHeaders).map(([key, value]) => ({ key, value })) }];
  },
};

module.exports = withNextIntl(nextConfig);
