// The money on the clients pages, checked against hand-built data whose
// totals are known to the cent, and the list's query count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { todayIn } from '../../src/lib/dates.ts';
import { queryCountingDatabase } from '../support/database.ts';
import { testApp, testConfig } from '../support/app.ts';
import { makeGig, makePayment, rowFor, signUpWithId, squash } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('earned this year and owed now', () => {
  // A zone far from UTC: "this year" is the musician's year, not the server's.
  const timeZone = 'Pacific/Kiritimati';
  const year = Number(todayIn(timeZone).slice(0, 4));
  let agent: Awaited<ReturnType<typeof signUpWithId>>['agent'];
  let sunset: number;
  let capitol: number;

  beforeAll(async () => {
    const me = await signUpWithId(t);
    agent = me.agent;
    const userId = me.userId;
    await t.prisma.user.update({ where: { id: userId }, data: { timeZone } });
    sunset = (await t.prisma.client.create({ data: { userId, name: 'Sunset Sound', kind: 'studio', city: 'Los Angeles' } })).id;
    capitol = (await t.prisma.client.create({ data: { userId, name: 'Capitol', kind: 'label' } })).id;

    // Booked by Sunset: $800 + $200 overtime (+ pension, which is the fund's, not owed); $250.50 paid → $749.50 owed.
    const g1 = await makeGig(t.prisma, userId, {
      clientId: sunset, status: 'booked', title: 'Album tracking',
      lines: [{ amountMinor: 80000, currency: 'USD' }, { amountMinor: 20000, currency: 'USD', kind: 'overtime' }, { amountMinor: 12810, currency: 'USD', kind: 'pension', owedToMusician: false }],
    });
    // Booked by Capitol, paid by Sunset: £400, £100 paid → £300.00 owed by Sunset (the payer).
    const g2 = await makeGig(t.prisma, userId, { clientId: capitol, payerId: sunset, lines: [{ amountMinor: 40000, currency: 'GBP' }] });
    // A hold counts nothing yet.
    await makeGig(t.prisma, userId, { clientId: sunset, status: 'hold', lines: [{ amountMinor: 99900, currency: 'USD' }] });
    // Cancelled: only the cancellation fee ($150) is owed.
    await makeGig(t.prisma, userId, { clientId: sunset, status: 'cancelled', lines: [{ amountMinor: 50000, currency: 'USD' }, { amountMinor: 15000, currency: 'USD', kind: 'cancellation_fee' }] });
    // Booked by Sunset but paid by Capitol: owed by Capitol ($700), not Sunset.
    await makeGig(t.prisma, userId, { clientId: sunset, payerId: capitol, lines: [{ amountMinor: 70000, currency: 'USD' }] });
    // Overpaid by $50: does not reduce what Sunset owes on other gigs.
    const g6 = await makeGig(t.prisma, userId, { clientId: sunset, lines: [{ amountMinor: 10000, currency: 'USD' }] });

    // This year from Sunset: $250.50 + $1,000.00 = $1,250.50; £100.00 + £200.50 = £300.50.
    await makePayment(t.prisma, userId, { clientId: sunset, receivedOn: `${year}-01-01`, amountMinor: 25050, currency: 'USD', allocations: [{ gigId: g1.id, amountMinor: 25050 }] });
    await makePayment(t.prisma, userId, { clientId: sunset, receivedOn: `${year}-02-15`, amountMinor: 100000, currency: 'USD', allocations: [{ gigId: g6.id, amountMinor: 15000 }] });
    await makePayment(t.prisma, userId, { clientId: sunset, receivedOn: `${year}-03-01`, amountMinor: 10000, currency: 'GBP', allocations: [{ gigId: g2.id, amountMinor: 10000 }] });
    await makePayment(t.prisma, userId, { clientId: sunset, receivedOn: `${year}-12-31`, amountMinor: 20050, currency: 'GBP' });
    // Last year: received, but not earned this year.
    await makePayment(t.prisma, userId, { clientId: sunset, receivedOn: `${year - 1}-12-31`, amountMinor: 99999, currency: 'USD' });
    // Another musician's money never shows.
    const other = await signUpWithId(t);
    const theirs = await t.prisma.client.create({ data: { userId: other.userId, name: 'Sunset Sound' } });
    await makePayment(t.prisma, other.userId, { clientId: theirs.id, receivedOn: `${year}-01-02`, amountMinor: 777700, currency: 'USD' });
  });

  it('shows each currency separately in the list row', async () => {
    const res = await agent.get('/clients');
    expect(res.status).toBe(200);
    expect(res.text).toContain(`Earned ${year}`);
    const row = squash(rowFor(res.text, sunset));
    const earned = /data-label="Earned \d{4}" class="num">(.*?)<\/td>/.exec(row)![1];
    const owed = /data-label="Owed now" class="num[^"]*">(.*?)<\/td>/.exec(row)![1];
    expect(earned).toContain('$1,250.50');
    expect(earned).toContain('£300.50');
    expect(owed).toContain('$899.50');
    expect(owed).toContain('£300.00');
    expect(row).toContain('data-label="Gigs" class="num">6<');

    const capitolRow = squash(rowFor(res.text, capitol));
    expect(capitolRow).toContain('data-label="Gigs" class="num">2<');
    expect(/data-label="Owed now" class="num[^"]*">(.*?)<\/td>/.exec(capitolRow)![1]).toContain('$700.00');
    expect(/data-label="Earned \d{4}" class="num">(.*?)<\/td>/.exec(capitolRow)![1]).not.toContain('$');
    expect(res.text).not.toContain('7,777.00');
  });

  it('shows owed now, earned this year and all-time received on the client page', async () => {
    const res = await agent.get(`/clients/${sunset}`);
    expect(res.status).toBe(200);
    const html = squash(res.text);
    const total = (label: string) => {
      const start = html.indexOf(label);
      return html.slice(start, html.indexOf('</div>', start));
    };
    expect(total('Owed now')).toContain('$899.50');
    expect(total('Owed now')).toContain('£300.00');
    expect(total(`Earned in ${year}`)).toContain('$1,250.50');
    expect(total(`Earned in ${year}`)).toContain('£300.50');
    expect(total('Received, all time')).toContain('$2,250.49');
    expect(total('Received, all time')).toContain('£300.50');
    // Never one number across currencies.
    expect(html).not.toMatch(/1,550\.\d\d|1,199\.50/);
  });
});

describe('query count', () => {
  it('does not grow with the number of clients on the list page', async () => {
    const db = await queryCountingDatabase();
    const logged = db.prisma;
    try {
      const app = createApp({ prisma: logged, config: testConfig, log: () => {} });
      const me = await signUpWithId({ app, prisma: logged });
      const year = todayIn('UTC').slice(0, 4);
      const addClients = async (n: number, from: number) => {
        for (let i = from; i < from + n; i++) {
          const c = await logged.client.create({ data: { userId: me.userId, name: `Client ${String(i).padStart(3, '0')}` } });
          const gig = await makeGig(logged, me.userId, { clientId: c.id, lines: [{ amountMinor: 10000 + i, currency: i % 2 ? 'USD' : 'EUR' }] });
          await makePayment(logged, me.userId, { clientId: c.id, receivedOn: `${year}-01-10`, amountMinor: 5000, currency: i % 2 ? 'USD' : 'EUR', allocations: [{ gigId: gig.id, amountMinor: 5000 }] });
        }
      };
      const countFor = async (clients: number) => {
        await me.agent.get('/clients'); // warm-up (session touch etc.)
        await db.resetCount();
        const res = await me.agent.get('/clients');
        expect(res.status).toBe(200);
        expect((res.text.match(/<tr/g) ?? []).length).toBe(clients + 1);
        expect(res.text).toContain('€50.00');
        expect(res.text).toContain('$50.01');
        return db.count();
      };
      await addClients(3, 0);
      const few = await countFor(3);
      await addClients(27, 3);
      const many = await countFor(30);
      expect(few).toBeGreaterThan(0);
      expect(many).toBe(few);
      expect(few).toBeLessThanOrEqual(8);
    } finally {
      await db.close();
    }
  });
});
