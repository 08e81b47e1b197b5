import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays, todayIn } from '../../src/lib/dates.ts';
import { dashboardPeriods, sameDateLastYear } from '../../src/home/queries.ts';
import { signUp, testApp } from '../support/app.ts';
import { makeClient, makePayment, makeStatement, sectionById, signUpWithId, squash } from '../money/helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('home', () => {
  it('shows what is owed per currency, what is overdue, and the next 7 days', async () => {
    const { agent, email } = await signUp(t.app);
    const userId = (await t.prisma.user.findUniqueOrThrow({ where: { email } })).id;
    const today = todayIn('UTC');
    const add = async (title: string, date: string, dueDate: string, amountMinor: number, currency: string, status = 'done') => {
      const gig = await t.prisma.gig.create({ data: { userId, title, date, dueDate, status } });
      await t.prisma.lineItem.create({ data: { userId, gigId: gig.id, amountMinor, currency } });
    };
    await add('Old session', addDays(today, -60), addDays(today, -30), 50000, 'USD');
    await add('Recent session', addDays(today, -2), addDays(today, 28), 25050, 'USD');
    await add('London', addDays(today, -40), addDays(today, -10), 30000, 'GBP');
    await add('Next week', addDays(today, 7), addDays(today, 37), 10000, 'USD', 'booked');
    await add('Far away', addDays(today, 40), addDays(today, 70), 10000, 'USD', 'booked');
    await add('In eight days', addDays(today, 8), addDays(today, 38), 10000, 'USD', 'booked');

    const res = await agent.get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('$750.50'); // 500 + 250.50; the booked gigs to come are not owed yet
    expect(res.text).toContain('$500.00 overdue on 1 gig');
    expect(res.text).toContain('£300.00');
    expect(res.text).toContain('£300.00 overdue on 1 gig');
    expect(res.text).toContain('Next week');
    expect(res.text).not.toContain('Far away');
    expect(res.text).not.toContain('In eight days');
    expect(squash(res.text)).toContain('$750.50</strong> <span class="muted">on 2 gigs');
    expect(res.text).not.toContain('Log your first gig');
  });
});

// ---------------------------------------------------------------------------
// The dashboard's income figures, on a small hand-built ledger with "today"
// fixed at 26 Nov 2026 (only Date is faked, so timers and I/O run as usual).

describe('dashboard', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  async function ledger() {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-26T12:00:00Z'));
    const me = await signUpWithId(t, 'Dash Board');
    const u = me.userId;
    const a = (await makeClient(t.prisma, u, 'Alpha Studio')).id;
    const b = (await makeClient(t.prisma, u, 'Beta Records')).id;
    const c = (await makeClient(t.prisma, u, 'Gamma Films')).id;
    const k = (await makeClient(t.prisma, u, 'Kingsway Mews')).id;
    const pay = (clientId: number, receivedOn: string, amountMinor: number, currency = 'USD') => makePayment(t.prisma, u, { clientId, receivedOn, amountMinor, currency });
    await pay(a, '2026-11-03', 10000); // this month
    await pay(a, '2026-11-26', 5000); // today
    // Tomorrow's payment is not received yet: the gig it settles is still owed today.
    const owedGig = await t.prisma.gig.create({ data: { userId: u, clientId: a, date: '2026-11-01', dueDate: '2026-12-01', title: 'Paid tomorrow', lineItems: { create: [{ userId: u, amountMinor: 50000, currency: 'USD' }] } } });
    await makePayment(t.prisma, u, { clientId: a, receivedOn: '2026-11-27', amountMinor: 99900, currency: 'USD', allocations: [{ gigId: owedGig.id, amountMinor: 50000 }] });
    await pay(b, '2025-11-20', 8000); // the same days last year
    await pay(b, '2025-11-27', 7000); // after those days last year, and before the chart's 12 months
    await pay(b, '2026-01-01', 20000); // first day of the year
    await pay(c, '2025-12-31', 30000); // last year, but inside the 12 months
    await makeStatement(t.prisma, u, { payerId: a, receivedOn: '2026-11-10', amountMinor: 1234, currency: 'USD' });
    await makeStatement(t.prisma, u, { payerId: null, receivedOn: '2026-02-15', amountMinor: 500, currency: 'USD' });
    await pay(k, '2026-06-15', 40000, 'GBP');
    return me;
  }

  it('shows income this month and this year beside the same days last year, per currency', async () => {
    const me = await ledger();
    const res = await me.agent.get('/');
    expect(res.status).toBe(200);
    const month = sectionById(res.text, 'income-month');
    expect(month).toContain('Received in November');
    expect(month).toContain('1–26 November, beside the same days of 2025');
    // $100 + $50 + $12.34 royalties; last year 1–26 Nov: $80.
    expect(month).toMatch(/\$162\.34<\/strong> <span class="muted">2025: \$80\.00/);
    expect(month).not.toContain('£'); // nothing in pounds this month or those days last year
    const year = sectionById(res.text, 'income-year');
    // $100 + $50 + $200 + $12.34 + $5; last year to 26 Nov: $80.
    expect(year).toMatch(/\$367\.34<\/strong> <span class="muted">2025: \$80\.00/);
    expect(year).toMatch(/£400\.00<\/strong> <span class="muted">2025: £0\.00/);
    expect(res.text).not.toContain('$999.00');
    expect(sectionById(res.text, 'owed')).toMatch(/\$500\.00<\/strong> <span class="muted">on 1 gig/);
  });

  it('compares with the same calendar days a year earlier (29 Feb → 28 Feb) and charts this month and the eleven before', () => {
    expect(sameDateLastYear('2028-02-29')).toBe('2027-02-28');
    expect(sameDateLastYear('2026-12-31')).toBe('2025-12-31');
    expect(dashboardPeriods('2026-01-15')).toEqual({
      today: '2026-01-15',
      monthStart: '2026-01-01',
      yearStart: '2026-01-01',
      lastYearToday: '2025-01-15',
      lastYearMonthStart: '2025-01-01',
      lastYearStart: '2025-01-01',
      chartStart: '2025-02-01',
    });
  });

  it('draws one monthly chart per currency as SVG, with the numbers as a table', async () => {
    const me = await ledger();
    const res = await me.agent.get('/');
    const chartSection = sectionById(res.text, 'income-chart');
    const svgs = chartSection.match(/<svg class="chart"[^>]*>/g) ?? [];
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) {
      expect(svg).toContain('viewBox="0 0 320 190"');
      expect(svg).toContain('width="100%"');
      expect(svg).toContain('role="img"');
      expect(svg).toMatch(/aria-labelledby="income-(gbp|usd)-title"/);
    }
    expect(chartSection).toContain('<title id="income-usd-title">Monthly income in USD, last 12 months: flat fees and royalties</title>');
    expect(chartSection).toContain('Income in USD per month from December 2025 to November 2026: $667.34 in all, $650.00 flat fees and $17.34 royalties; the highest month was December 2025 with $300.00.');
    // Flat fees and royalties are separate bars, stacked.
    expect(chartSection).toContain('Nov 2026: flat fees $150.00');
    expect(chartSection).toContain('Nov 2026: royalties $12.34');
    expect(chartSection).toContain('Feb 2026: royalties $5.00');
    // The table under the chart has every month, zero ones included, and the 12-month totals.
    const usdTable = chartSection.slice(chartSection.indexOf('Income in USD per month</caption>'));
    expect((usdTable.slice(0, usdTable.indexOf('</table>')).match(/<th scope="row">/g) ?? []).length).toBe(13);
    expect(usdTable).toMatch(/Dec 2025<\/span><span class="dash-month--short">Dec ’25<\/span><\/th> <td class="num">\$300\.00<\/td> <td class="num">\$0\.00<\/td> <td class="num">\$300\.00/);
    expect(usdTable).toMatch(/Nov 2026<\/span>[^<]*<span[^>]*>[^<]*<\/span><\/th> <td class="num">\$150\.00<\/td> <td class="num">\$12\.34<\/td> <td class="num">\$162\.34/);
    expect(usdTable).toMatch(/12 months<\/th> <td class="num">\$650\.00<\/td> <td class="num">\$17\.34<\/td> <td class="num"><strong>\$667\.34/);
    expect(chartSection).toMatch(/Jun 2026<\/span>[^<]*<span[^>]*>[^<]*<\/span><\/th> <td class="num">£400\.00/);
    expect(res.text).toContain('Show the numbers');
    // Nothing before the 12 months, never one figure across currencies.
    expect(chartSection).not.toContain('$70.00');
    expect(chartSection).not.toMatch(/1,067\.34|\$1,067/);
  });

  it('lists the top clients of the last 12 months per currency, payments and royalties together', async () => {
    const me = await ledger();
    const top = sectionById((await me.agent.get('/')).text, 'top-clients');
    const names = [...top.matchAll(/<a href="\/clients\/\d+">([^<]+)<\/a><span class="num">([^<]+)<\/span>/g)].map((m) => [m[1], m[2]]);
    expect(names).toEqual([
      ['Kingsway Mews', '£400.00'],
      ['Gamma Films', '$300.00'],
      ['Beta Records', '$200.00'], // the $80 and $70 of November 2025 are before the 12 months
      ['Alpha Studio', '$162.34'],
    ]);
  });

  it('welcomes a new musician with the first-gig prompt and empty figures', async () => {
    const { agent } = await signUp(t.app);
    const res = await agent.get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Log your first gig');
    expect(res.text).toContain('Nothing outstanding.');
    expect(res.text).toContain('No payments or royalty statements received in the last 12 months.');
    expect(res.text).not.toContain('<svg class="chart"');
  });
});
