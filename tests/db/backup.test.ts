// npm run backup while the app is writing, then npm run restore.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDatabaseFile } from '../support/database.ts';
import { signUpOverHttp } from '../support/http.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer | undefined;
afterAll(async () => server?.stop());

const run = (script: string, args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });

/** The same, without blocking this process (so the test can keep writing meanwhile). */
const runAsync = (script: string, args: string[], env: Record<string, string>) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });

const count = (file: string, table: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

describe('backup and restore', { timeout: 90_000 }, () => {
  it('backs up a consistent copy while the app writes, and restores it into a working app', async () => {
    server = await startServer();
    const { session, email, password } = await signUpOverHttp(server.url);
    const gig = (i: number) =>
      session.post('/gigs', {
        date: '2026-10-01', clientName: 'Sunset Sound', kind: 'studio_session', status: 'done', currency: 'USD', title: `Gig ${i}`,
        'items[0][kind]': 'base_fee', 'items[0][amount]': '250', 'items[1][kind]': 'cartage', 'items[1][amount]': '12',
      });
    for (let i = 0; i < 20; i++) await gig(i);

    // Writes keep arriving while the backup runs.
    let writing = true;
    let written = 20;
    const writes = (async () => {
      for (; writing && written < 2000; written++) await gig(written);
    })();
    const backupFile = tempDatabaseFile('backup');
    const before = written;
    const backup = await runAsync('scripts/backup.ts', [backupFile], { DATABASE_URL: server.databaseUrl });
    writing = false;
    await writes;
    expect(written, 'gigs were being written while the backup ran').toBeGreaterThan(before);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('Backed up to');

    const gigs = count(backupFile, 'Gig');
    expect(gigs).toBeGreaterThanOrEqual(20);
    expect(count(backupFile, 'LineItem')).toBe(gigs * 2);

    // Restore into a new location and start the app on it.
    const restoredUrl = `file:${tempDatabaseFile('restored')}`;
    const restore = run('scripts/restore.ts', [backupFile], { DATABASE_URL: restoredUrl });
    expect(restore.status, restore.stderr).toBe(0);
    await server.stop();
    server = await startServer({ DATABASE_URL: restoredUrl });
    const signin = await fetch(`${server.url}/signin`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await signin.text())![1];
    const cookie = signin.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const res = await fetch(`${server.url}/signin`, {
      method: 'POST', redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email, password }),
    });
    expect(res.status).toBe(303);
    const list = await fetch(`${server.url}/gigs`, { headers: { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') } });
    expect(await list.text()).toContain(`<strong>${gigs}</strong> gigs`);
  });

  it('refuses to restore a file that is not a Ledger Lines database, changing nothing', () => {
    const junk = tempDatabaseFile('junk');
    writeFileSync(junk, 'not a database at all');
    const target = `file:${tempDatabaseFile('untouched')}`;
    const restore = run('scripts/restore.ts', [junk], { DATABASE_URL: target });
    expect(restore.status).toBe(1);
    expect(restore.stderr).toMatch(/Not restoring .*: file is not a database/);
  });
});
