// Pulling the plug: the server is killed with SIGKILL in the middle of a burst
// of writes. The database must pass SQLite's integrity check and hold only
// whole records: every gig with all of its fee lines, no orphan lines.
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseFilePath } from '../../src/db/client.ts';
import { signUpOverHttp } from '../support/http.ts';
import { startServer, type RunningServer } from '../support/server.ts';

let server: RunningServer | undefined;
afterAll(async () => server?.stop());

const LINES_PER_GIG = 3;

describe('a crash in the middle of writes', { timeout: 90_000 }, () => {
  it('leaves an intact database with only whole gigs', async () => {
    server = await startServer();
    const { session } = await signUpOverHttp(server.url);
    let sent = 0;
    let stop = false;
    const writer = async (worker: number) => {
      while (!stop && sent < 5000) {
        sent++;
        await session
          .post('/gigs', {
            date: '2026-11-01', clientName: `Client ${worker}`, kind: 'studio_session', status: 'done', currency: 'USD', title: `Gig ${sent}`,
            'items[0][kind]': 'base_fee', 'items[0][amount]': '100',
            'items[1][kind]': 'overtime', 'items[1][amount]': '20',
            'items[2][kind]': 'cartage', 'items[2][amount]': '12',
          })
          .catch(() => {}); // connections die with the server
      }
    };
    const writers = Array.from({ length: 8 }, (_, i) => writer(i));
    // Let some writes land, then kill the process without any chance to clean up.
    await new Promise((r) => setTimeout(r, 1500));
    server.process.kill('SIGKILL');
    await new Promise((r) => server!.process.once('exit', r));
    stop = true;
    await Promise.all(writers);

    const db = new Database(databaseFilePath(server.databaseUrl));
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const gigs = (db.prepare('SELECT count(*) AS n FROM Gig').get() as { n: number }).n;
      expect(gigs).toBeGreaterThan(5);
      const partial = db.prepare(`SELECT g.id, count(l.id) AS lines FROM Gig g LEFT JOIN LineItem l ON l.gigId = g.id GROUP BY g.id HAVING lines != ${LINES_PER_GIG}`).all();
      expect(partial).toEqual([]);
      const orphans = db.prepare('SELECT count(*) AS n FROM LineItem l LEFT JOIN Gig g ON g.id = l.gigId WHERE g.id IS NULL').get() as { n: number };
      expect(orphans.n).toBe(0);
      expect(db.pragma('foreign_key_check')).toEqual([]);
    } finally {
      db.close();
    }
    server = undefined;
  });
});
