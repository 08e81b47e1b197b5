// Applies pending migrations from prisma/migrations, as `prisma migrate deploy`
// would, without the Prisma CLI's native schema-engine binary (see
// schema-engine.ts). Run it before any PrismaClient opens the file.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { databaseFilePath } from './client.ts';
import { noFilters, readMigrations, withSchemaEngine } from './schema-engine.ts';

/** prisma/migrations of this project, wherever the process was started from. */
export const defaultMigrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

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
