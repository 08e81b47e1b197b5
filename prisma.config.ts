// Used by the Prisma CLI (`prisma generate`). The app itself does not read
// this file: it opens the database through src/db/client.ts and applies
// migrations with src/db/migrate.ts.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/ledger-lines.db' },
});
