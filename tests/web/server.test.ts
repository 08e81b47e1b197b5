// The real entry point: migrations at start-up, health, clean shutdown, config errors.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createPrisma, databaseFilePath } from '../../src/db/client.ts';
import { serverArgs, startServer, type RunningServer } from '../support/server.ts';
import { tempDatabaseFile } from '../support/database.ts';

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('npm start (src/server.ts)', () => {
  it('creates and migrates a new database, answers /healthz, and stops cleanly on SIGTERM', async () => {
    server = await startServer();
    expect(server.output()).toMatch(/Applied migrations: \d{14}_init/);
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    const exited = new Promise<number | null>((resolve) => server!.process.once('exit', (code) => resolve(code)));
    server.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(server.output()).toContain('SIGTERM received');
  });

  it('applies nothing when started again on the same file, and recreates a deleted file', async () => {
    server = await startServer();
    const url = server.databaseUrl;
    await server.stop();
    server = await startServer({ DATABASE_URL: url });
    expect(server.output()).not.toContain('Applied migrations');
    await server.stop();

    const file = databaseFilePath(url);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    server = await startServer({ DATABASE_URL: url });
    expect(server.output()).toContain('Applied migrations');
    expect(existsSync(file)).toBe(true);
  });

  it('stops with one clear line on a bad setting', () => {
    const run = spawnSync(process.execPath, serverArgs, {
      env: { ...process.env, PORT: 'eighty', DATABASE_URL: `file:${tempDatabaseFile('bad')}` },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('Configuration error: PORT must be a port number (got "eighty").');
  });
});

describe('npm run user:reset-password', () => {
  it('sets a new random password, prints it once, and signs the account out everywhere', async () => {
    const databaseUrl = `file:${tempDatabaseFile('reset')}`;
    server = await startServer({ DATABASE_URL: databaseUrl });
    const signup = await fetch(`${server.url}/signup`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await signup.text())![1];
    const cookie = signup.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const created = await fetch(`${server.url}/signup`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ _csrf: csrf, name: 'Forgetful', email: 'forgetful@example.test', password: 'the old password' }),
    });
    expect(created.status).toBe(303);
    await server.stop();
    server = undefined;

    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/reset-password.ts', 'Forgetful@Example.test'], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const password = /New password for forgetful@example\.test: (\S+)/.exec(run.stdout)?.[1];
    expect(password).toHaveLength(20);

    const prisma = createPrisma(databaseUrl);
    try {
      const { verifyPassword } = await import('../../src/auth/passwords.ts');
      const user = await prisma.user.findUniqueOrThrow({ where: { email: 'forgetful@example.test' } });
      expect(await verifyPassword(password!, user.passwordHash)).toBe(true);
      expect(await verifyPassword('the old password', user.passwordHash)).toBe(false);
      expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    } finally {
      await prisma.$disconnect();
    }

    const unknown = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/reset-password.ts', 'nobody@example.test'], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: 'utf8',
    });
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No account with the email nobody@example.test.');
  });
});
