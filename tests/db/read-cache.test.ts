// Values kept by the read cache (src/db/read-cache.ts) — the signed-in
// session and the dashboard — must never outlive a change to the data,
// whoever makes it: the app itself, a trigger, or another connection or
// process on the same file.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import express from 'express';
import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../src/app.ts';
import { projectRoot } from '../../src/paths.ts';
import { cachedBody, pageRenderer } from '../../src/web/render.ts';
import { createPrisma } from '../../src/db/client.ts';
import { ReadCache } from '../../src/db/read-cache.ts';
import { todayIn } from '../../src/lib/dates.ts';
import { formatMoney } from '../../src/lib/money.ts';
import { signUpWithId, submitForm, testApp, testConfig } from '../support/app.ts';
import { freshDatabase, queryCountingDatabase } from '../support/database.ts';
import { makeGig, makePayment } from '../support/ledger.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

const owedOnDashboard = (html: string) => /id="owed"[\s\S]*?<\/section>/.exec(html)![0];

describe('the dashboard and the session, served from the read cache', () => {
  it('run no query at all for a page seen since the last write, then show the new data', async () => {
    const db = await queryCountingDatabase();
    const logged = db.prisma;
    try {
      // The public page's links use the site address; supertest's port changes with every request.
      const app = createApp({ prisma: logged, config: { ...testConfig, publicUrl: 'https://ledger.example' }, log: () => {} });
      const me = await signUpWithId({ app, prisma: logged });
      await logged.user.update({ where: { id: me.userId }, data: { portfolioPublic: true } });
      const pages = ['/', '/gigs', '/gigs?status=done&sort=amount&dir=desc', '/money', '/money?asOf=2020-06-30', '/money/tax-year?year=2020', `/p/${me.slug}`];
      const before: Record<string, string> = {};
      await me.agent.get('/'); // shows (and so ends) the welcome message
      for (const page of pages) {
        const res = await me.agent.get(page);
        expect(res.status, page).toBe(200);
        await db.resetCount();
        const again = await me.agent.get(page);
        expect(await db.count(), page).toBe(0);
        expect(again.text, page).toBe(res.text);
        before[page] = res.text;
      }

      const studio = await logged.client.create({ data: { userId: me.userId, name: 'Cache Buster Studio' } });
      const gig = await makeGig(logged, me.userId, { clientId: studio.id, date: '2020-01-15', title: 'Cache Buster Session', lines: [{ amountMinor: 123456, currency: 'USD' }] });
      await makePayment(logged, me.userId, { clientId: studio.id, receivedOn: '2020-02-01', amountMinor: 23456, currency: 'USD', allocations: [{ gigId: gig.id, amountMinor: 23456 }] });
      await logged.recording.create({ data: { userId: me.userId, gigId: gig.id, title: 'Cache Buster Song', artist: 'The Invalidators', isPublic: true } });

      const expected: Record<string, string> = {
        '/': '$1,000.00',
        '/gigs': 'Cache Buster Session',
        '/gigs?status=done&sort=amount&dir=desc': 'Cache Buster Session',
        '/money': 'Cache Buster Session',
        '/money?asOf=2020-06-30': '$1,000.00',
        '/money/tax-year?year=2020': 'Cache Buster Studio',
        [`/p/${me.slug}`]: 'Cache Buster Song',
      };
      for (const page of pages) {
        expect(before[page], page).not.toContain(expected[page]);
        expect((await me.agent.get(page)).text, page).toContain(expected[page]);
      }
    } finally {
      await db.close();
    }
  });

  it('show a gig logged through the app on the next view', async () => {
    const me = await signUpWithId(t);
    expect(owedOnDashboard((await me.agent.get('/')).text)).toContain('Nothing outstanding');
    const res = await submitForm(me.agent, '/gigs/new', '/gigs', {
      date: todayIn('UTC'), clientName: 'Sunset Sound', kind: 'studio_session', status: 'done', hours: '3', currency: 'USD',
      'items[0][kind]': 'base_fee', 'items[0][amount]': '434.21',
    });
    expect(res.status).toBe(303);
    expect(owedOnDashboard((await me.agent.get('/')).text)).toContain('$434.21');
  });

  it('show a change made by another connection (another process, a script) on the next view', async () => {
    const me = await signUpWithId(t);
    expect(owedOnDashboard((await me.agent.get('/')).text)).toContain('Nothing outstanding');
    const other = createPrisma(t.db.url);
    try {
      const gig = await makeGig(other, me.userId, { date: '2020-01-01', lines: [{ amountMinor: 5000, currency: 'EUR' }] });
      expect(owedOnDashboard((await me.agent.get('/')).text)).toContain(formatMoney(5000, 'EUR'));
      // A change made only by a trigger (the gig's totals) counts too.
      await other.lineItem.updateMany({ where: { gigId: gig.id }, data: { amountMinor: 7000 } });
      expect(owedOnDashboard((await me.agent.get('/')).text)).toContain(formatMoney(7000, 'EUR'));
      // The user's own name, shown by the dashboard and kept with the session.
      await other.user.update({ where: { id: me.userId }, data: { name: 'Renamed Elsewhere' } });
      expect((await me.agent.get('/')).text).toContain('Hello, Renamed Elsewhere');
    } finally {
      await other.$disconnect();
    }
  });

  it('never keep what a request read from a transaction that was then rolled back', async () => {
    const me = await signUpWithId(t);
    await me.agent.get('/');
    // Requests share the app's connection, so one served while another
    // request's transaction is open reads its uncommitted writes.
    await t.prisma
      .$transaction(async (tx) => {
        const gig = await tx.gig.create({ data: { userId: me.userId, date: '2020-01-01', status: 'done', title: 'Rolled back' } });
        await tx.lineItem.create({ data: { userId: me.userId, gigId: gig.id, amountMinor: 55555, currency: 'USD' } });
        expect(owedOnDashboard((await me.agent.get('/')).text)).toContain('$555.55');
        throw new Error('refused: roll back');
      })
      .catch((err: Error) => expect(err.message).toBe('refused: roll back'));
    expect(await t.prisma.gig.count({ where: { userId: me.userId } })).toBe(0);
    expect(owedOnDashboard((await me.agent.get('/')).text)).toContain('Nothing outstanding');
  });

  it('forget a session signed out by another connection', async () => {
    const me = await signUpWithId(t);
    expect((await me.agent.get('/gigs')).status).toBe(200);
    const other = createPrisma(t.db.url);
    try {
      await other.session.deleteMany({ where: { userId: me.userId } });
    } finally {
      await other.$disconnect();
    }
    const res = await me.agent.get('/gigs');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/signin/);
  });

  it('turn away a made-up session token, and key the public page by what it shows, not by the raw URL', async () => {
    const cache = await freshDatabase();
    const prisma = createPrisma(cache.url);
    try {
      const app = createApp({ prisma, config: testConfig, log: () => {} });
      const me = await signUpWithId({ app, prisma });
      await prisma.user.update({ where: { id: me.userId }, data: { portfolioPublic: true, name: 'Alice Keys' } });
      const other = await signUpWithId({ app, prisma }, 'Bob Bass');
      await prisma.user.update({ where: { id: other.userId }, data: { portfolioPublic: true } });
      const forged = 'A'.repeat(43);
      expect((await request(app).get('/gigs').set('Cookie', `ll_session=${forged}`)).status).toBe(303);
      // A Host header that ends like a path: with the raw URL in the key, Bob's
      // page would have been filed where Alice's address with this query finds it.
      const trick = `/p/${me.slug}?a=/p/${other.slug}`;
      await request(app).get(`/p/${other.slug}`).set('Host', `studio.example${trick.replace(/\?.*/, '')}?a=`);
      const alice = await request(app).get(trick).set('Host', 'studio.example');
      expect(alice.status).toBe(200);
      expect(alice.text).toContain('Alice Keys');
      expect(alice.text).not.toContain('Bob Bass');
    } finally {
      await prisma.$disconnect();
      await cache.close();
    }
  });

  it('start a new day at midnight in the musician’s zone, with nothing written', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-26T23:59:00Z'));
    const me = await signUpWithId(t);
    expect((await me.agent.get('/')).text).toContain('Thursday, 26 Nov 2026');
    vi.setSystemTime(new Date('2026-11-27T00:00:30Z'));
    expect((await me.agent.get('/')).text).toContain('Friday, 27 Nov 2026');
  });

  it('never serve one musician’s dashboard to another', async () => {
    const a = await signUpWithId(t, 'Alice Keys');
    const b = await signUpWithId(t, 'Bob Bass');
    await makeGig(t.prisma, a.userId, { date: '2020-01-01', lines: [{ amountMinor: 98765, currency: 'USD' }] });
    const pageA = (await a.agent.get('/')).text;
    const pageB = (await b.agent.get('/')).text;
    expect(pageA).toContain('$987.65');
    expect(pageA).toContain('Hello, Alice Keys');
    expect(pageB).not.toContain('$987.65');
    expect(pageB).toContain('Hello, Bob Bass');
  });
});

describe('cachedBody', () => {
  it('refuses to keep a body holding the CSRF token, which would show one session’s token to another', async () => {
    const app = express();
    app.set('views', path.join(projectRoot, 'views'));
    app.set('view engine', 'ejs');
    app.use(pageRenderer());
    const reads = new ReadCache(() => 'v');
    app.get('/form', async (_req, res) => {
      res.locals.csrfToken = 'token-of-this-session';
      const result = await cachedBody(res, reads, 'k', 'partials/csrf', async () => ({})).catch((err: Error) => err.message);
      res.send(result);
    });
    const res = await request(app).get('/form');
    expect(res.text).toBe('views/partials/csrf.ejs has a form with a CSRF token: its body cannot be cached');
    expect(reads.size).toBe(0);
  });
});

describe('ReadCache', () => {
  it('returns a kept value only while the version is unchanged', async () => {
    let version = 'v1';
    const cache = new ReadCache(() => version);
    let loads = 0;
    const load = async () => ++loads;
    expect(await cache.get('k', load)).toBe(1);
    expect(await cache.get('k', load)).toBe(1);
    version = 'v2';
    expect(await cache.get('k', load)).toBe(2);
    expect(await cache.get('k', load)).toBe(2);
  });

  it('does not keep a value computed while the data changed under it', async () => {
    let version = 'v1';
    const cache = new ReadCache(() => version);
    let loads = 0;
    const loadDuringWrite = async () => {
      loads++;
      version = 'v2'; // a write lands while the value is being computed
      return loads;
    };
    expect(await cache.get('k', loadDuringWrite)).toBe(1);
    expect(await cache.get('k', async () => ++loads)).toBe(2);
  });

  it('keeps a loaded value only when `keep` says so, and counts keys in the budget', async () => {
    const cache = new ReadCache(() => 'v', { maxChars: 20 });
    let loads = 0;
    const none = async () => (++loads, null);
    await cache.get('session:made-up', none, (v) => v !== null);
    await cache.get('session:made-up', none, (v) => v !== null);
    expect(loads).toBe(2);
    expect(cache.size).toBe(0);
    await cache.get('k'.repeat(15), async () => 'abcde'); // 15 + 5 characters: fits exactly
    expect(cache.size).toBe(1);
    await cache.get('k'.repeat(16), async () => 'abcde'); // 21 characters: more than the budget
    expect(cache.size).toBe(1);
  });

  it('keeps nothing when the version is unknown, and at most maxEntries values', async () => {
    const unknown = new ReadCache(() => null);
    let loads = 0;
    await unknown.get('k', async () => ++loads);
    await unknown.get('k', async () => ++loads);
    expect(loads).toBe(2);
    expect(unknown.size).toBe(0);

    const small = new ReadCache(() => 'v', { maxEntries: 2 });
    await small.get('a', async () => 'A');
    await small.get('b', async () => 'B');
    await small.get('a', async () => 'A'); // a is now the most recently used
    await small.get('c', async () => 'C'); // evicts b
    expect(small.size).toBe(2);
    expect(await small.get('b', async () => 'B again')).toBe('B again');

    const texts = new ReadCache(() => 'v', { maxChars: 10 });
    await texts.get('a', async () => 'aaaa');
    await texts.get('b', async () => 'bbbb');
    await texts.get('c', async () => 'cccc'); // 12 characters: evicts a
    expect(texts.size).toBe(2);
    await texts.get('huge', async () => 'x'.repeat(11)); // larger than the whole budget: not kept
    expect(texts.size).toBe(2);
    expect(await texts.get('b', async () => 'reloaded')).toBe('bbbb');
    expect(await texts.get('a', async () => 'reloaded')).toBe('reloaded');
  });
});
