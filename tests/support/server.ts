// The real server in a child process, on a free port and a fresh database
// file: what a user runs with `npm start` (the bundle global-setup built).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDatabaseFile } from './database.ts';
import { createPrisma } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { seedDemo } from '../../src/demo/seed.ts';
import { serverNodeArgs } from '../../scripts/build.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Node's arguments for the server: those of `npm start` (scripts/build.mjs). */
export const serverArgs: string[] = serverNodeArgs();

export type RunningServer = { url: string; databaseUrl: string; process: ChildProcess; output: () => string; stop(): Promise<void> };

/** With `demo`, the database holds the demo musician (see src/demo) before the server starts. */
export async function startServer(env: Record<string, string> = {}, options: { demo?: boolean } = {}): Promise<RunningServer> {
  const databaseUrl = `file:${tempDatabaseFile('e2e')}`;
  if (options.demo) {
    await migrateDatabase(databaseUrl);
    const prisma = createPrisma(databaseUrl);
    await seedDemo(prisma);
    await prisma.$disconnect();
  }
  const child = spawn(process.execPath, serverArgs, {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', DATABASE_URL: databaseUrl, AUTH_MAX_ATTEMPTS: '1000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 20_000);
    child.stdout!.on('data', () => {
      const m = /running at (http:\/\/\S+?) /.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    databaseUrl,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
