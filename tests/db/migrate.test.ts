import { readdirSync, readFileSync } from 'node:fs';
import { cp, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrisma } from '../../src/db/client.ts';
import { createMigration, defaultSchemaPath, pendingMigrationSql } from '../../src/db/create-migration.ts';
import { defaultMigrationsDir, migrateDatabase } from '../../src/db/migrate.ts';
import { freshDatabase, tempDatabaseFile } from '../support/database.ts';

const migrationNames = readdirSync(defaultMigrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const modelNames = [...readFileSync(defaultSchemaPath, 'utf8').matchAll(/^model (\w+) \{/gm)].map((m) => m[1]);

function query<T>(file: string, sql: string): T[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe('migrateDatabase', () => {
  it('creates a missing file (and folder) with every table, then has nothing left to apply', async () => {
    const file = path.join(tempDatabaseFile('fresh'), 'nested', 'app.db');
    const url = `file:${file}`;

    expect(await migrateDatabase(url)).toEqual({ applied: migrationNames });

    const tables = query<{ name: string }>(file, "SELECT name FROM sqlite_master WHERE type = 'table'").map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining([...modelNames, '_prisma_migrations']));

    const history = query<{ migration_name: string; finished_at: string | null; rolled_back_at: string | null }>(
      file,
      'SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(history.map((row) => row.migration_name)).toEqual(migrationNames);
    expect(history.every((row) => row.finished_at !== null && row.rolled_back_at === null)).toBe(true);

    // Once the app has used the file (which switches it to WAL), a second run
    // still works and applies nothing.
    const prisma = createPrisma(url);
    await prisma.user.count();
    await prisma.$disconnect();
    expect(await migrateDatabase(url)).toEqual({ applied: [] });
  });

  it('refuses a non-empty database that was not created by the migrations', async () => {
    const file = tempDatabaseFile('foreign');
    const db = new Database(file);
    db.exec('CREATE TABLE notes (body TEXT)');
    db.close();

    await expect(migrateDatabase(`file:${file}`)).rejects.toThrow(/^Could not migrate the database .* \(P3005\): The database schema is not empty/);
  });
});

describe('a test database', () => {
  let db: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(() => db?.close());

  it('enforces foreign keys: deleting a user deletes their clients', async () => {
    const { prisma } = db;
    const user = await prisma.user.create({
      data: {
        email: 'ana@example.com',
        name: 'Ana',
        passwordHash: 'x',
        slug: 'ana',
        clients: { create: [{ name: 'Sunset Sound' }, { name: 'Capitol' }] },
      },
    });
    expect(await prisma.client.count({ where: { userId: user.id } })).toBe(2);

    await prisma.user.delete({ where: { id: user.id } });

    expect(await prisma.client.count()).toBe(0);
    await expect(prisma.client.create({ data: { userId: 999, name: 'Orphan' } })).rejects.toThrow(/Foreign key constraint/i);
  });
});

describe('creating a migration', () => {
  it('finds no changes when the schema matches the migrations', async () => {
    expect(await pendingMigrationSql()).toBeNull();
  });

  it('writes only what changed, which migrateDatabase then applies on its own', async () => {
    const project = tempDatabaseFile('project');
    const migrationsDir = path.join(project, 'migrations');
    const schemaPath = path.join(project, 'schema.prisma');
    await cp(defaultMigrationsDir, migrationsDir, { recursive: true });
    const schema = await readFile(defaultSchemaPath, 'utf8');
    await writeFile(schemaPath, schema.replace('model OutreachEntry {', 'model OutreachEntry {\n  priority Int @default(0)'));
    const url = `file:${path.join(project, 'app.db')}`;
    await migrateDatabase(url, { migrationsDir });

    const created = await createMigration('add_priority', { schemaPath, migrationsDir, now: new Date('2100-01-02T03:04:05Z') });

    expect(created?.directory).toBe(path.join(migrationsDir, '21000102030405_add_priority'));
    // SQLite cannot add a column in the middle, so Prisma redefines the table.
    expect(created?.sql).toContain('CREATE TABLE "new_OutreachEntry"');
    expect(created?.sql).toContain('"priority" INTEGER NOT NULL DEFAULT 0');
    expect(created?.sql).not.toContain('CREATE TABLE "User"');
    expect(await migrateDatabase(url, { migrationsDir })).toEqual({ applied: ['21000102030405_add_priority'] });
    expect(await createMigration('again', { schemaPath, migrationsDir })).toBeNull();
  });

  it('rejects names other than lowercase letters, digits and underscores', async () => {
    await expect(createMigration('Add-Field')).rejects.toThrow(/lowercase letters, digits and underscores/);
  });
});

describe('start-up on an up-to-date database', () => {
  it('applies nothing without loading the engine, and still applies an edited or new migration through it', async () => {
    const { mkdtemp, mkdir } = await import('node:fs/promises');
    const os = await import('node:os');
    const url = `file:${tempDatabaseFile('uptodate')}`;
    expect((await migrateDatabase(url)).applied.length).toBeGreaterThan(0);
    expect(await migrateDatabase(url)).toEqual({ applied: [] });

    // A new migration is noticed and applied (the fast path must not hide it).
    const dir = await mkdtemp(path.join(os.tmpdir(), 'll-migrations-'));
    await cp(defaultMigrationsDir, dir, { recursive: true });
    await mkdir(path.join(dir, '29991231000000_extra'));
    await writeFile(path.join(dir, '29991231000000_extra', 'migration.sql'), 'CREATE TABLE "Extra" ("id" INTEGER NOT NULL PRIMARY KEY);\n');
    expect(await migrateDatabase(url, { migrationsDir: dir })).toEqual({ applied: ['29991231000000_extra'] });
    expect(await migrateDatabase(url, { migrationsDir: dir })).toEqual({ applied: [] });
  });
});
