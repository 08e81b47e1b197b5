// Backups of the SQLite file while the app runs, and restoring one.
//
// Copying the file with `cp` while the app writes can capture half a
// transaction (and misses what is still in the -wal file). SQLite's online
// backup API copies a consistent snapshot page by page, so it is safe at any
// moment; better-sqlite3 exposes it as db.backup().
import { copyFile, mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { databaseFilePath } from './client.ts';

/** Copies the live database at `databaseUrl` into `destination` (a new file). */
export async function backupDatabase(databaseUrl: string, destination: string): Promise<{ file: string; bytes: number }> {
  const source = new Database(databaseFilePath(databaseUrl), { readonly: true, fileMustExist: true });
  try {
    const file = path.resolve(destination);
    await mkdir(path.dirname(file), { recursive: true });
    await source.backup(file);
    const check = checkDatabaseFile(file);
    if (!check.ok) throw new Error(`The backup at ${file} failed its integrity check: ${check.problem}`);
    return { file, bytes: (await stat(file)).size };
  } finally {
    source.close();
  }
}

/** A backup is usable when SQLite finds it intact and it holds Ledger Lines' migrations table. */
export function checkDatabaseFile(file: string): { ok: true } | { ok: false; problem: string } {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') return { ok: false, problem: String(integrity) };
    const migrations = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get() as { n: number };
    if (migrations.n !== 1) return { ok: false, problem: 'it is not a Ledger Lines database (no _prisma_migrations table)' };
    return { ok: true };
  } catch (err) {
    return { ok: false, problem: err instanceof Error ? err.message : String(err) };
  } finally {
    db?.close();
  }
}

/**
 * Replaces the database at `databaseUrl` with `backupFile`. The app must be
 * stopped: the old file (and its -wal/-shm) is moved aside to
 * `<file>.before-restore-<time>` rather than deleted, so a mistaken restore
 * can be undone. Pending migrations are applied at the next start.
 */
export async function restoreDatabase(backupFile: string, databaseUrl: string): Promise<{ file: string; previous: string | null }> {
  const check = checkDatabaseFile(backupFile);
  if (!check.ok) throw new Error(`Not restoring ${backupFile}: ${check.problem}.`);
  const target = databaseFilePath(databaseUrl);
  await mkdir(path.dirname(target), { recursive: true });
  let previous: string | null = null;
  try {
    await stat(target);
    previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    // A consistent copy of what is there now (folds in the -wal file), then clear the old files.
    const current = new Database(target, { fileMustExist: true });
    try {
      await current.backup(previous);
    } finally {
      current.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  for (const suffix of ['-wal', '-shm', '']) await rm(target + suffix, { force: true });
  await copyFile(backupFile, target);
  return { file: target, previous };
}
