// The dashboard, the owed page and the tax report run a small, fixed number
// of queries: the same with 10 gigs as with 200 (no query per gig, payment or
// client), and every figure still right at both sizes.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.ts';
import { addDays } from '../../src/lib/dates.ts';
import { formatMoney } from '../../src/lib/money.ts';
import { queryCountingDatabase } from '../support/database.ts';
import { testConfig } from '../support/app.ts';
import { signUpWithId } from './helpers.ts';

const PAGES = ['/', '/money', '/money?asOf=2026-06-30', '/money/tax-year', '/money/tax-year?year=2025', '/money/tax-year.csv?year=2026'];
/** At most this many queries per page after a write, the session look-up (2) included. Measured: dashboard 9, owed 5, tax year 3. */
const LIMIT = 10;

let db: Awaited<ReturnType<typeof queryCountingDatabase>>;
let logged: typeof db.prisma;

beforeAll(async () => {
  db = await queryCountingDatabase();
  logged = db.prisma;
});
afterAll(async () => {
  vi.useRealTimers();
  await db.close();
});

/** `n` more gigs over the last 18 months, two currencies, each part paid (payment + allocation), one royalty statement per gig; bulk inserts. */
async function addGigs(userId: number, clientIds: number[], from: number, n: number) {
  for (let i = from; i < from + n; i++) {
    const currency = i % 3 === 0 ? 'GBP' : 'USD';
    const date = addDays('2025-06-01', (i * 7) % 540);
    const clientId = clientIds[i % clientIds.length];
    const gig = await logged.gig.create({
      data: { userId, date, dueDate: addDays(date, 30), status: 'done', clientId, title: `Session ${i}`, lineItems: { create: [{ userId, amountMinor: 10000 + i, currency }, { userId, amountMinor: 500, currency, kind: 'pension', owedToMusician: false }] } },
    });
    await logged.payment.create({ data: { userId, clientId, receivedOn: addDays(date, 10), amountMinor: 4000, currency, allocations: { create: [{ userId, gigId: gig.id, amountMinor: 4000 }] } } });
    await logged.royaltyStatement.create({ data: { userId, payerId: clientId, periodStart: date, periodEnd: date, receivedOn: addDays(date, 20), amountMinor: 123, currency } });
  }
}

describe('query count', () => {
  it('is a small constant on the dashboard, the owed page and the tax report, 10 gigs or 200', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-26T12:00:00Z'));
    const app = createApp({ prisma: logged, config: testConfig, log: () => {} });
    const me = await signUpWithId({ app, prisma: logged });
    const clientIds = [];
    for (let i = 0; i < 12; i++) clientIds.push((await logged.client.create({ data: { userId: me.userId, name: `Client ${i}` } })).id);
    await logged.exchangeRate.create({ data: { userId: me.userId, fromCurrency: 'GBP', toCurrency: 'USD', rate: '1.27', asOf: '2025-01-01' } });

    const count = async () => {
      const perPage: Record<string, number> = {};
      for (const page of PAGES) {
        await me.agent.get(page); // warm-up (the session touch, caches)
        // Any write makes the next load compute everything again (src/db/read-cache.ts).
        await logged.$executeRaw`UPDATE User SET name = name WHERE id = ${me.userId}`;
        await db.resetCount();
        const res = await me.agent.get(page);
        expect(res.status, page).toBe(200);
        perPage[page] = await db.count();
      }
      return perPage;
    };

    await addGigs(me.userId, clientIds, 0, 10);
    const few = await count();
    const owedFew = (await me.agent.get('/money')).text;
    // 10 gigs: $60.00 + the line's i owed on each USD gig (i = 1, 2, 4, 5, 7, 8).
    const usdFew = [1, 2, 4, 5, 7, 8].reduce((s, i) => s + 6000 + i, 0);
    expect(owedFew).toContain(formatMoney(usdFew, 'USD'));

    await addGigs(me.userId, clientIds, 10, 190);
    const many = await count();
    // A payment dated after today does not count yet (the owed page is as of today).
    const usdMany = Array.from({ length: 200 }, (_, i) => i)
      .filter((i) => i % 3 !== 0)
      .reduce((s, i) => s + 10000 + i - (addDays(addDays('2025-06-01', (i * 7) % 540), 10) <= '2026-11-26' ? 4000 : 0), 0);
    expect((await me.agent.get('/money')).text).toContain(formatMoney(usdMany, 'USD'));

    expect(many).toEqual(few);
    for (const [page, n] of Object.entries(few)) {
      expect(n, page).toBeGreaterThan(0);
      expect(n, page).toBeLessThanOrEqual(LIMIT);
    }
    console.info('queries per page:', few);
  });
});
