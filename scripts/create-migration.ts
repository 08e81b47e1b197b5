// npm run db:migration -- <name>
// Diffs prisma/migrations against prisma/schema.prisma and writes the next
// migration. Works offline; see src/db/create-migration.ts.
import path from 'node:path';
import { createMigration } from '../src/db/create-migration.ts';

const name = process.argv[2];
if (!name || process.argv.length > 3) {
  console.error('Usage: npm run db:migration -- <name>   (lowercase letters, digits, underscores)');
  process.exit(1);
}

try {
  const created = await createMigration(name);
  if (created) {
    console.log(`Created ${path.relative(process.cwd(), path.join(created.directory, 'migration.sql'))}`);
  } else {
    console.log('No changes: prisma/schema.prisma matches the existing migrations. Nothing written.');
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
