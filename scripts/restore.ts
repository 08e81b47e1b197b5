// npm run restore -- <backup file>
// Stop the app first. Replaces the database with the backup; the current file
// is kept beside it as <name>.before-restore-<time>.
import { loadConfig } from '../src/config.ts';
import { restoreDatabase } from '../src/db/backup.ts';
import { migrateDatabase } from '../src/db/migrate.ts';

const backup = process.argv[2];
if (!backup) {
  console.error('Usage: npm run restore -- <backup file>   (stop the app first)');
  process.exit(2);
}
const config = loadConfig();
try {
  const { file, previous } = await restoreDatabase(backup, config.databaseUrl);
  const { applied } = await migrateDatabase(config.databaseUrl);
  console.log(`Restored ${backup} to ${file}.${applied.length ? ` Applied migrations: ${applied.join(', ')}.` : ''}`);
  if (previous) console.log(`The database it replaced is kept at ${previous}.`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
