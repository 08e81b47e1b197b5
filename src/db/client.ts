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
import { PrismaClient } from '../generated/prisma/client.ts';

const BUSY_TIMEOUT_MS = 5000;

// journal_mode=WAL is stored in the file, so setting it again is a no-op; it
// lets pages be read while a request writes.
const CONNECTION_PRAGMAS = `
  PRAGMA foreign_keys = ON;
  PRAGMA journal_mode = WAL;
`;

class TunedBetterSqlite3 extends PrismaBetterSqlite3 {
  override async connect(): Promise<SqlDriverAdapter> {
    const adapter = await super.connect();
    await adapter.executeScript(CONNECTION_PRAGMAS);
    return adapter;
  }
}

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

/** A Prisma client on the SQLite file named by `databaseUrl` (see databaseFilePath). */
export function createPrisma(databaseUrl: string): PrismaClient {
  const adapter = new TunedBetterSqlite3({ url: `file:${databaseFilePath(databaseUrl)}`, timeout: BUSY_TIMEOUT_MS });
  return new PrismaClient({ adapter });
}
