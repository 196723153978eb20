// @ts-check
const createNextIntlPlugin = require('next-intl/plugin');

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships wasm + extension bundles that must be loaded from node_modules at run time;
  // argon2 is a native addon. Bundling either breaks them silently.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'pg'],
  poweredByHeader: false,
  typedRoutes: false,
  // CSV referral imports (up to 5,000 rows) are posted to a server action.
  experimental: { serverActions: { bodySizeLimit: '3mb' } },
};

module.exports = withNextIntl(nextConfig);
