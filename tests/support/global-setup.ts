// Runs once per `vitest run`, in the main process: migrates a template
// database that every test file then copies (a copy takes a millisecond, a
// migration about a hundred), and bundles the server as `npm start` does, so
// tests that start it run what users run (tests/support/server.ts).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { buildServer } from '../../scripts/build.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder for this run's database files; deleted after the run. */
    testDatabaseDir: string;
    /** A migrated, empty database, never opened by tests: copy it. */
    testDatabaseTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(os.tmpdir(), `ledger-lines-tests-${process.pid}-`));
  const template = path.join(dir, 'template.db');
  await Promise.all([migrateDatabase(`file:${template}`), buildServer()]);
  project.provide('testDatabaseDir', dir);
  project.provide('testDatabaseTemplate', template);
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
