// Opening the SQLite database with Prisma's better-sqlite3 driver adapter.
//
// What @prisma/adapter-better-sqlite3 7.10 does (read from its dist source):
// - It turns the URL into a path by stripping a leading "file:" and nothing
//   else, then calls `new Database(path, options)`: a relative path is
//   relative to process.cwd(), and a query string ("?connection_limit=1")
//   would become part of the file name. We reject the latter and hand it an
//   absolute path.
// - The other config fields are better-sqlite3 options; `timeout` is the
//   busy timeout (better-sqlite3's default is also 5000 ms).
// - It offers no hook for per-connection pragmas, so `connect()` is extended
//   below to run them on each new connection.
// - better-sqlite3 12 is compiled with SQLITE_DEFAULT_FOREIGN_KEYS=1, so
//   foreign keys are already on; we still set them explicitly because the
//   schema relies on ON DELETE CASCADE / SET NULL and a differently built
//   SQLite (nativeBinding) would silently ignore them. It is also compiled
//   with SQLITE_DEFAULT_WAL_SYNCHRONOUS=1, so WAL gets synchronous=NORMAL
//   without asking.
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import type { SqlDriverAdapter } from '@prisma/driver-adapter-utils';
import type { Database, Statement } from 'better-sqlite3';
import { PrismaClient, type Prisma } from '../generated/prisma/client.ts';
import type { ChangeVersion } from './read-cache.ts';

const BUSY_TIMEOUT_MS = 5000;

// journal_mode=WAL is stored in the file, so setting it again is a no-op; it
// lets pages be read while a request writes.
const CONNECTION_PRAGMAS = `
  PRAGMA foreign_keys = ON;
  PRAGMA journal_mode = WAL;
`;

// Changes committed by this connection (total_changes(), triggers included)
// and by any other connection or process (data_version): together they move
// whenever any row of the database changes. See ReadCache.
const CHANGE_VERSION_SQL = 'SELECT total_changes(), (SELECT data_version FROM pragma_data_version)';

class TunedBetterSqlite3 extends PrismaBetterSqlite3 {
  private connections = 0;
  private versionStatement: Statement<[], [number, number]> | null = null;

  override async connect(): Promise<SqlDriverAdapter> {
    const adapter = await super.connect();
    await adapter.executeScript(CONNECTION_PRAGMAS);
    // The adapter keeps its better-sqlite3 handle in a public `client` field (7.10).
    const db = (adapter as unknown as { client: Database }).client;
    this.connections++;
    this.versionStatement = (db.prepare(CHANGE_VERSION_SQL) as Statement<[], [number, number]>).raw().safeIntegers(false);
    return adapter;
  }

  /**
   * The database's change version; null before the first connection, and
   * while a transaction is open on it: other requests' queries share this
   * connection, so they would read writes that may still be rolled back —
   * nothing read then may be kept.
   */
  changeVersion(): string | null {
    const statement = this.versionStatement;
    if (!statement || !statement.database.open || statement.database.inTransaction) return null;
    const [own, others] = statement.get()!;
    // A reconnect starts total_changes() from 0 again, hence the connection count.
    return `${this.connections}:${own}:${others}`;
  }
}

const adapters = new WeakMap<PrismaClient, TunedBetterSqlite3>();

/**
 * Absolute path of the database file named by a `file:` URL
 * (`file:./data/x.db` is relative to process.cwd(), `file:/abs/x.db` is absolute).
 */
export function databaseFilePath(databaseUrl: string): string {
  const match = /^file:(.+)$/.exec(databaseUrl);
  if (!match) throw new Error(`The database URL must look like "file:./data/ledger-lines.db" (got "${databaseUrl}").`);
  const file = match[1];
  if (file === ':memory:' || file.includes('?')) {
    throw new Error(`The database URL must name a file, without parameters (got "${databaseUrl}").`);
  }
  return path.resolve(process.cwd(), file);
}

/**
 * A Prisma client on the SQLite file named by `databaseUrl` (see databaseFilePath).
 * `log` is Prisma's option (tests count queries with it).
 */
export function createPrisma(databaseUrl: string, options: { log?: Prisma.LogDefinition[] } = {}): PrismaClient {
  const adapter = new TunedBetterSqlite3({ url: `file:${databaseFilePath(databaseUrl)}`, timeout: BUSY_TIMEOUT_MS });
  const prisma = new PrismaClient({ adapter, ...options });
  adapters.set(prisma, adapter);
  return prisma;
}

/**
 * A function returning the change version of the database behind `prisma`
 * (a client made by createPrisma): equal versions mean no row changed in between.
 */
export function changeVersionOf(prisma: PrismaClient): ChangeVersion {
  const adapter = adapters.get(prisma);
  if (!adapter) throw new Error('changeVersionOf needs a client made by createPrisma');
  return () => adapter.changeVersion();
}
