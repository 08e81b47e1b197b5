// Test databases: copies of the template migrated once by global-setup.ts.
import { randomUUID } from 'node:crypto';
import { copyFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { createPrisma } from '../../src/db/client.ts';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';

/** A path for a new database file in this run's temporary folder (not created). */
export function tempDatabaseFile(prefix = 'db'): string {
  return path.join(inject('testDatabaseDir'), `${prefix}-${randomUUID()}.db`);
}

/**
 * A migrated, empty database of its own and a client on it. Call close() when
 * done (afterAll); the run's folder is deleted at the end in any case.
 */
export async function freshDatabase(): Promise<{
  url: string;
  file: string;
  prisma: PrismaClient;
  close(): Promise<void>;
}> {
  const file = tempDatabaseFile('test');
  // The template is only ever written by the migration, which closes its
  // connection, so it is a single file (no -wal/-journal to copy with it).
  await copyFile(inject('testDatabaseTemplate'), file);
  const url = `file:${file}`;
  const prisma = createPrisma(url);
  return {
    url,
    file,
    prisma,
    async close() {
      await prisma.$disconnect();
      await Promise.all(['', '-wal', '-shm'].map((suffix) => rm(file + suffix, { force: true })));
    },
  };
}

/** Prisma reports a query a moment after it ran: waiting this long lets the last reports arrive. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

/**
 * A fresh database with a client that counts its SQL statements (made like
 * the app's, see createPrisma), for tests that check a page's queries do not
 * grow with the data. Call resetCount() before the request and count() after.
 */
export async function queryCountingDatabase() {
  const db = await freshDatabase();
  await db.prisma.$disconnect();
  const prisma = createPrisma(db.url, { log: [{ emit: 'event', level: 'query' }] }) as PrismaClient<'query'>;
  let queries = 0;
  prisma.$on('query', () => queries++);
  return {
    file: db.file,
    url: db.url,
    prisma,
    async resetCount() {
      await settle();
      queries = 0;
    },
    async count() {
      await settle();
      return queries;
    },
    async close() {
      await prisma.$disconnect();
      await db.close();
    },
  };
}
