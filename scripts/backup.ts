// npm run backup [-- <file>]
// A consistent copy of the database, safe while the app is running.
// Default destination: backups/ledger-lines-<date-time>.db beside the database.
import path from 'node:path';
import { loadConfig } from '../src/config.ts';
import { backupDatabase } from '../src/db/backup.ts';
import { databaseFilePath } from '../src/db/client.ts';

const config = loadConfig();
const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
const destination = process.argv[2] ?? path.join(path.dirname(databaseFilePath(config.databaseUrl)), 'backups', `ledger-lines-${stamp}.db`);
try {
  const { file, bytes } = await backupDatabase(config.databaseUrl, destination);
  console.log(`Backed up to ${file} (${(bytes / 1024).toFixed(0)} KiB). Restore it with: npm run restore -- ${file}`);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
}
