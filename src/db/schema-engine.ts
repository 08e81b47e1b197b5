// Prisma's own migration engine, run from its official WASM build
// (@prisma/schema-engine-wasm) so that migrating needs no native binary and
// no network. See /work/shared/notes/prisma-offline.md for the facts this
// relies on. It produces what `prisma migrate deploy` would: same
// `_prisma_migrations` table, same checksums.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import {
  bindMigrationAwareSqlAdapterFactory,
  type ErrorRegistry,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine, SchemaFilter } from '@prisma/schema-engine-wasm/schema_engine_bg';

type Glue = typeof import('@prisma/schema-engine-wasm/schema_engine_bg');

/** Nothing is managed outside Prisma. */
export const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] };

// The package's main entry imports the .wasm file as an ES module, which
// Node 20 cannot do, so we load the wasm-bindgen glue and instantiate the
// binary ourselves.
//
// One instance per glue module, never re-instantiated: the glue keeps the
// instance in a module-level variable and caches views of its memory
// (`cachedUint8ArrayMemory0` is only refreshed when detached), so a second
// instance would read strings from the first one's memory. Engines are cheap
// objects inside that one instance. The cache lives on globalThis, keyed by
// the glue module, because vitest re-evaluates our module for every test
// file while Node keeps the glue (an external dependency) loaded.
const cacheKey = Symbol.for('ledger-lines.schema-engine-wasm');
type Cache = { module?: Promise<WebAssembly.Module>; ready: WeakMap<object, Promise<Glue>> };
const cache: Cache = ((globalThis as Record<symbol, unknown>)[cacheKey] ??= { ready: new WeakMap() }) as Cache;

async function loadEngine(): Promise<Glue> {
  const glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
  let ready = cache.ready.get(glue);
  if (!ready) {
    ready = instantiate(glue);
    cache.ready.set(glue, ready);
    ready.catch(() => cache.ready.delete(glue));
  }
  return ready;
}

async function instantiate(glue: Glue): Promise<Glue> {
  cache.module ??= (async () => {
    // The package's `exports` map hides the .wasm file from require.resolve,
    // so resolve the glue and take its directory.
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    return WebAssembly.compile(bytes);
  })();
  const instance = await WebAssembly.instantiate(await cache.module, { './schema_engine_bg.js': glue });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as (() => void) | undefined)?.();
  return glue;
}

/** The engine's version string (a cheap way to check that loading works). */
export async function schemaEngineVersion(): Promise<string> {
  return (await loadEngine()).version();
}

/**
 * Runs `work` with a schema engine connected to `databaseUrl` (a `file:` URL;
 * `file::memory:` for a throwaway database), then frees the engine and closes
 * every connection it opened, whether `work` succeeded or not. Errors come out
 * as one readable Error, with the real SQLite message when there is one.
 */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  work: (engine: SchemaEngine) => Promise<T>,
  options: { datamodels?: [path: string, content: string][] } = {},
): Promise<T> {
  const { SchemaEngine } = await loadEngine();
  const opened: SqlDriverAdapter[] = [];
  const factory = trackingFactory(new PrismaBetterSqlite3({ url: databaseUrl }), opened);
  // The engine talks to the factory through Prisma's binder, which turns
  // results into `{ ok, value }` and keeps thrown errors in `errorRegistry`.
  // (Handing it the raw class fails: it calls `connect` unbound, and the
  // class then cannot read its private `#config`.)
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  let engine: SchemaEngine | undefined;
  try {
    engine = await SchemaEngine.new({ datamodels: options.datamodels }, () => {}, bound);
    return await work(engine);
  } catch (error) {
    throw readableError(error, bound.errorRegistry);
  } finally {
    engine?.free();
    // The engine sets `locking_mode=EXCLUSIVE` on its connection; until that
    // connection is closed, no PrismaClient can use the file (P1008 timeout).
    // free() does not close it, so we do.
    await Promise.all(opened.map((adapter) => adapter.dispose().catch(() => {})));
  }
}

// Wraps the adapter factory to remember every connection (main and shadow)
// the engine opens, and to let raw queries run multi-statement SQL.
function trackingFactory(
  factory: PrismaBetterSqlite3,
  opened: SqlDriverAdapter[],
): SqlMigrationAwareDriverAdapterFactory {
  const track = (adapter: SqlDriverAdapter) => {
    opened.push(adapter);
    return allowScripts(adapter);
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => track(await factory.connect()),
    connectToShadowDb: async () => track(await factory.connectToShadowDb()),
  };
}

// When the engine replays existing migrations into the shadow database (for
// a diff), it sends each whole migration.sql through executeRaw/queryRaw, and
// better-sqlite3 refuses more than one statement per prepared statement
// (→ P3006). Parameterless SQL can safely go through executeScript instead.
function allowScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  const queryRaw = adapter.queryRaw.bind(adapter);
  const isScript = (query: SqlQuery, error: unknown) =>
    query.args.length === 0 && error instanceof Error && /more than one statement/.test(error.message);
  adapter.executeRaw = async (query) => {
    try {
      return await executeRaw(query);
    } catch (error) {
      if (!isScript(query, error)) throw error;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  adapter.queryRaw = async (query) => {
    try {
      return await queryRaw(query);
    } catch (error) {
      if (!isScript(query, error)) throw error;
      await adapter.executeScript(query.sql);
      return { columnNames: [], columnTypes: [], rows: [] };
    }
  };
  return adapter;
}

// The engine reports JavaScript-side failures as "External error id#N"; the
// actual error sits in the factory's error registry under N.
function readableError(error: unknown, registry: ErrorRegistry): Error {
  const raw = error instanceof Error ? error.message : String(error);
  const message = raw.replace(/External error id#(\d+)/g, (text, id: string) => {
    const record = registry.consumeError(Number(id));
    const cause = record?.error;
    return cause instanceof Error ? cause.message : cause !== undefined ? String(cause) : text;
  });
  // Drop the engine's span trace ("   0: sql_schema_connector::…"): it
  // locates the failure in Prisma's Rust code, not in ours.
  return new Error(message.replace(/\n\s+0: [\s\S]*$/, '').trim(), { cause: error });
}

/**
 * Reads a Prisma migrations folder into the engine's `MigrationList` shape,
 * like the CLI does (the engine computes the checksums). A missing folder is
 * an empty list. Directories are sorted by name, which is their order.
 */
export async function readMigrations(migrationsDir: string): Promise<MigrationList> {
  const baseDir = path.resolve(migrationsDir);
  const lockfile = 'migration_lock.toml';
  const lockContent = await readFile(path.join(baseDir, lockfile), 'utf8').catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: await readFile(path.join(baseDir, name, 'migration.sql'), 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        ),
      },
    })),
  );
  return { baseDir, lockfile: { path: lockfile, content: lockContent }, shadowDbInitScript: '', migrationDirectories };
}
