import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` uses this file. Migrations are applied by the app itself
// (db/migrate.ts) because drizzle-kit cannot load PGlite's btree_gist extension.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
