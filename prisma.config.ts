// Prisma CLI configuration. The CLI runs fully offline: the JS engine with the pg driver adapter
// uses Prisma's WebAssembly schema engine, so no native engine binary is ever downloaded.
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { defaultDatabaseUrl } from './tools/defaults';

// The schema's datasource reads env("DATABASE_URL"); without it the CLI cannot read the schema's
// engineType and falls back to downloading a native query engine, which fails offline.
process.env.DATABASE_URL ??= defaultDatabaseUrl;

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  adapter: async () => new PrismaPg({ connectionString: process.env.DATABASE_URL }),
});
