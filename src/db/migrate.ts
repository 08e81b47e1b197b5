// Applies pending migrations from prisma/migrations, as `prisma migrate deploy`
// would, without the Prisma CLI's native schema-engine binary (see
// schema-engine.ts). Run it before any PrismaClient opens the file.
import { projectRoot } from '../paths.ts';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import Database from 'better-sqlite3';
import path from 'node:path';
import { databaseFilePath } from './client.ts';
import type { MigrationList } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { noFilters, readMigrations, withSchemaEngine } from './schema-engine.ts';

/** prisma/migrations of this project, wherever the process was started from. */
export const defaultMigrationsDir = path.join(projectRoot, 'prisma', 'migrations');

/**
 * Brings the database at `databaseUrl` up to date, creating the file (and its
 * folder) if needed. Returns the names of the migrations it applied, oldest
 * first; an empty list when there was nothing to do.
 */
export async function migrateDatabase(
  databaseUrl: string,
  options: { migrationsDir?: string } = {},
): Promise<{ applied: string[] }> {
  const file = databaseFilePath(databaseUrl);
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const migrationsList = await readMigrations(options.migrationsDir ?? defaultMigrationsDir);
    if (migrationsList.migrationDirectories.length === 0) {
      throw new Error(`No migrations found in ${migrationsList.baseDir}.`);
    }
    if (isUpToDate(file, migrationsList)) return { applied: [] };
    const { appliedMigrationNames } = await withSchemaEngine(`file:${file}`, (engine) =>
      engine.applyMigrations({ migrationsList, filters: noFilters }),
    );
    return { applied: appliedMigrationNames };
  } catch (error) {
    // e.g. P3005 ("The database schema is not empty…") for a database that
    // was not created by these migrations, P3018 for a failing migration.
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not migrate the database ${file}${typeof code === 'string' ? ` (${code})` : ''}: ${reason}`, {
      cause: error,
    });
  }
}

/**
 * True when the file already records every migration, finished, with the
 * same checksum (Prisma's: SHA-256 of migration.sql) and nothing else. Then
 * there is nothing to apply and the WASM engine — about a second of start-up
 * and tens of megabytes that would stay in memory — is not loaded at all.
 * Anything unusual (a failed or unknown migration, an edited file) falls
 * through to the engine, which applies or reports exactly as Prisma does.
 */
function isUpToDate(file: string, migrations: MigrationList): boolean {
  if (!existsSync(file)) return false;
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!table) return false;
    const rows = db.prepare('SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations').all() as {
      migration_name: string;
      checksum: string;
      finished_at: string | null;
      rolled_back_at: string | null;
    }[];
    const applied = rows.filter((r) => r.rolled_back_at === null);
    if (applied.length !== migrations.migrationDirectories.length || applied.some((r) => r.finished_at === null)) return false;
    const byName = new Map(applied.map((r) => [r.migration_name, r.checksum]));
    return migrations.migrationDirectories.every((dir) => {
      const content = dir.migrationFile.content;
      return content.tag === 'ok' && byName.get(dir.path) === createHash('sha256').update(content.value).digest('hex');
    });
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
