// The owed page: gigs owed as of a date, grouped by client, aged, with
// totals per currency and an optional converted total at recorded rates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forUser } from '../../src/db/scoped.ts';
import { owedReport } from '../../src/money/queries.ts';
import { convertTotals } from '../../src/money/convert.ts';
import { testApp } from '../support/app.ts';
import { makeClient, makeGig, makePayment, sectionById, signUpWithId, squash } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let me: Awaited<ReturnType<typeof signUpWithId>>;
const gigs: Record<string, number> = {};
const clients: Record<string, number> = {};

beforeAll(async () => {
  t = await testApp();
  me = await signUpWithId(t, 'Owed Tester');
  const u = me.userId;
  clients.sunset = (await makeClient(t.prisma, u, 'Sunset Sound')).id;
  clients.kingsway = (await makeClient(t.prisma, u, 'Kingsway Mews')).id;
  clients.label = (await makeClient(t.prisma, u, 'Copper Kettle Records')).id;
  clients.producer = (await makeClient(t.prisma, u, 'Dana Whitfield')).id;

  // Sunset: $500 agreed (the pension line is not the musician's), $200 paid → $300, due 31 Mar: 91 days late on 30 Jun.
  gigs.album = (await makeGig(t.prisma, u, { clientId: clients.sunset, date: '2026-03-01', dueDate: '2026-03-31', title: 'Album tracking', lines: [{ amountMinor: 40000, currency: 'USD' }, { amountMinor: 10000, currency: 'USD', kind: 'overtime' }, { amountMinor: 5000, currency: 'USD', kind: 'pension', owedToMusician: false }] })).id;
  await makePayment(t.prisma, u, { clientId: clients.sunset, receivedOn: '2026-04-10', amountMinor: 20000, currency: 'USD', allocations: [{ gigId: gigs.album, amountMinor: 20000 }] });
  // Sunset: $250.50, due 1 Jul: not yet due on 30 Jun.
  gigs.overdub = (await makeGig(t.prisma, u, { clientId: clients.sunset, date: '2026-06-01', dueDate: '2026-07-01', title: 'Overdubs', lines: [{ amountMinor: 25050, currency: 'USD' }] })).id;
  // Kingsway: £300, due 31 May: 30 days late on 30 Jun; paid on 5 Jul (after that date).
  gigs.london = (await makeGig(t.prisma, u, { clientId: clients.kingsway, date: '2026-05-01', dueDate: '2026-05-31', title: 'Remote strings', lines: [{ amountMinor: 30000, currency: 'GBP' }] })).id;
  await makePayment(t.prisma, u, { clientId: clients.kingsway, receivedOn: '2026-07-05', amountMinor: 30000, currency: 'GBP', allocations: [{ gigId: gigs.london, amountMinor: 30000 }] });
  // No client: $100, due 15 May: 46 days late.
  gigs.orphan = (await makeGig(t.prisma, u, { date: '2026-04-15', dueDate: '2026-05-15', title: 'Demo for a friend', lines: [{ amountMinor: 10000, currency: 'USD' }] })).id;
  // Booked by the producer, paid by the label: billed to the label. Cancelled: only the $50 fee counts; due 20 Apr: 71 days late.
  gigs.cancelled = (await makeGig(t.prisma, u, { clientId: clients.producer, payerId: clients.label, date: '2026-04-18', dueDate: '2026-04-20', status: 'cancelled', title: 'Cancelled date', lines: [{ amountMinor: 40000, currency: 'USD' }, { amountMinor: 5000, currency: 'USD', kind: 'cancellation_fee' }] })).id;
  // Not owed on 30 Jun: a hold, a gig still to come, a gig paid in full, a gig with no fee.
  await makeGig(t.prisma, u, { clientId: clients.sunset, date: '2026-05-05', dueDate: '2026-06-04', status: 'hold', title: 'Held date', lines: [{ amountMinor: 99900, currency: 'USD' }] });
  gigs.future = (await makeGig(t.prisma, u, { clientId: clients.sunset, date: '2026-07-15', dueDate: '2026-08-14', status: 'booked', title: 'Next month', lines: [{ amountMinor: 77700, currency: 'USD' }] })).id;
  gigs.paid = (await makeGig(t.prisma, u, { clientId: clients.sunset, date: '2026-02-01', dueDate: '2026-03-03', title: 'Paid session', lines: [{ amountMinor: 12300, currency: 'USD' }] })).id;
  await makePayment(t.prisma, u, { clientId: clients.sunset, receivedOn: '2026-03-01', amountMinor: 12300, currency: 'USD', allocations: [{ gigId: gigs.paid, amountMinor: 12300 }] });
  await makeGig(t.prisma, u, { clientId: clients.sunset, date: '2026-02-02', title: 'No fee yet' });
});
afterAll(() => t.close());

describe('the owed report', () => {
  it('ages every gig owed on the date into exactly one bucket, per currency', async () => {
    const report = await owedReport(forUser(t.prisma, me.userId), '2026-06-30');
    expect(report.totals).toEqual([
      { currency: 'GBP', amountMinor: 30000 },
      { currency: 'USD', amountMinor: 70050 }, // 300 + 250.50 + 100 + 50
    ]);
    const usd = report.aging.find((a) => a.currency === 'USD')!;
    expect(usd.buckets).toEqual({
      current: { amountMinor: 25050, gigs: 1 },
      late_1_30: { amountMinor: 0, gigs: 0 },
      late_31_60: { amountMinor: 10000, gigs: 1 },
      late_61_90: { amountMinor: 5000, gigs: 1 },
      late_90_plus: { amountMinor: 30000, gigs: 1 },
    });
    expect(report.aging.find((a) => a.currency === 'GBP')!.buckets.late_1_30).toEqual({ amountMinor: 30000, gigs: 1 });
    // Grouped by who is billed (the payer, else the booker), named clients first, then gigs by date.
    expect(report.groups.map((g) => [g.name, g.gigs.map((x) => x.gigId)])).toEqual([
      ['Copper Kettle Records', [gigs.cancelled]],
      ['Kingsway Mews', [gigs.london]],
      ['Sunset Sound', [gigs.album, gigs.overdub]],
      [null, [gigs.orphan]],
    ]);
    const album = report.groups[2].gigs[0];
    expect(album).toMatchObject({ agreedMinor: 50000, paidMinor: 20000, owedMinor: 30000, daysLate: 91, bucket: 'late_90_plus', dueInDays: -91 });
    expect(report.groups[2].totals).toEqual([{ currency: 'USD', amountMinor: 55050 }]);
  });

  it('ignores payments received after the as-of date, and counts them after it', async () => {
    const db = forUser(t.prisma, me.userId);
    const before = await owedReport(db, '2026-07-04');
    expect(before.totals.find((x) => x.currency === 'GBP')).toEqual({ currency: 'GBP', amountMinor: 30000 });
    const after = await owedReport(db, '2026-07-05');
    expect(after.totals.find((x) => x.currency === 'GBP')).toBeUndefined();
    expect(after.groups.some((g) => g.name === 'Kingsway Mews')).toBe(false);
    // The $200 paid on 10 Apr does not count on 9 Apr: the whole $500 was owed then.
    const early = await owedReport(db, '2026-04-09');
    expect(early.groups.find((g) => g.name === 'Sunset Sound')!.gigs[0]).toMatchObject({ paidMinor: 0, owedMinor: 50000, daysLate: 9, bucket: 'late_1_30' });
    // Gigs count once they have happened: the July gig is owed on its date, not before.
    const july = await owedReport(db, '2026-07-15');
    expect(july.groups.flatMap((g) => g.gigs).some((g) => g.gigId === gigs.future)).toBe(true);
    expect(before.groups.flatMap((g) => g.gigs).some((g) => g.gigId === gigs.future)).toBe(false);
  });
});

describe('GET /money', () => {
  it('shows each client’s gigs with agreed, paid, owed, due date and days late, and links to record a payment', async () => {
    const res = await me.agent.get('/money?asOf=2026-06-30');
    expect(res.status).toBe(200);
    const html = squash(res.text);
    expect(html).toContain('Tue, 30 Jun 2026');
    const byClient = html.slice(html.indexOf('id="by-client"'), html.indexOf('</main>'));
    expect(byClient.indexOf('Copper Kettle Records')).toBeLessThan(byClient.indexOf('Kingsway Mews'));
    expect(byClient.indexOf('Kingsway Mews')).toBeLessThan(byClient.indexOf('Sunset Sound'));
    expect(byClient).toContain('No client on the gig');
    const albumRow = html.slice(html.indexOf(`href="/gigs/${gigs.album}"`), html.indexOf('</tr>', html.indexOf(`href="/gigs/${gigs.album}"`)));
    expect(albumRow).toContain('$500.00');
    expect(albumRow).toContain('$200.00');
    expect(albumRow).toContain('$300.00');
    expect(albumRow).toContain('31 Mar 2026');
    expect(albumRow).toContain('91 days late');
    expect(albumRow).toContain(`href="/payments/new?gigId=${gigs.album}"`);
    expect(albumRow).toContain('Record payment');
    expect(html).toContain('Due in 1 day'); // the overdub, due 1 Jul
    // Not owed on that date: not listed.
    for (const id of [gigs.paid, gigs.future]) expect(res.text).not.toContain(`href="/gigs/${id}"`);
    expect(res.text).not.toContain('Held date');
  });

  it('shows the aging table per currency, with totals never summed across currencies', async () => {
    const res = await me.agent.get('/money?asOf=2026-06-30');
    const aging = sectionById(res.text, 'aging');
    expect(aging).toMatch(/Over 90 days late.*?\$300\.00/);
    expect(aging).toMatch(/1–30 days late.*?£300\.00/);
    expect(aging).toMatch(/Total owed.*?£300\.00.*?\$700\.50/);
    expect(squash(res.text)).not.toMatch(/1,000\.50|\$1,000\.5/);
  });

  it('defaults to today, and explains a date it cannot read while keeping what was typed', async () => {
    const today = await me.agent.get('/money');
    expect(today.status).toBe(200);
    expect(today.text).toContain('(today)');
    const bad = await me.agent.get('/money?asOf=2026-02-30');
    expect(bad.status).toBe(200);
    expect(bad.text).toContain('Enter a real date like 2026-11-26, or leave it empty for today.');
    expect(bad.text).toContain('value="2026-02-30"');
    expect(bad.text).toContain('(today)');
  });

  it('shows the section’s sub-navigation', async () => {
    const res = await me.agent.get('/money');
    const nav = squash(res.text.slice(res.text.indexOf('class="money-subnav"'), res.text.indexOf('</nav>', res.text.indexOf('class="money-subnav"'))));
    for (const [href, label] of [['/money', 'Owed'], ['/payments', 'Payments'], ['/invoices', 'Invoices'], ['/royalties', 'Royalties'], ['/money/tax-year', 'Tax year']]) {
      expect(nav).toMatch(new RegExp(`href="${href}"[^>]*>${label}</a>`));
    }
    expect(nav).toMatch(/href="\/money" aria-current="page"/);
  });

  it('shows nothing of another musician’s', async () => {
    const other = await signUpWithId(t, 'Someone Else');
    const res = await other.agent.get('/money?asOf=2026-06-30');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Nothing owed');
    expect(res.text).not.toContain('Sunset Sound');
    expect(res.text).not.toContain('$300.00');
  });
});

describe('converted totals', () => {
  it('are shown only with a recorded rate: the latest on or before the date, exact, naming the rate', async () => {
    const noRate = await me.agent.get('/money?asOf=2026-06-30');
    expect(noRate.text).not.toContain('id="converted"');
    expect(noRate.text).toContain('enter an exchange rate');

    const u = me.userId;
    await t.prisma.exchangeRate.createMany({
      data: [
        { userId: u, fromCurrency: 'GBP', toCurrency: 'USD', rate: '1.2500', asOf: '2026-01-02' },
        { userId: u, fromCurrency: 'GBP', toCurrency: 'USD', rate: '1.2710', asOf: '2026-06-01' },
        { userId: u, fromCurrency: 'GBP', toCurrency: 'USD', rate: '1.3000', asOf: '2026-07-01' }, // after the date: not used
        { userId: u, fromCurrency: 'GBP', toCurrency: 'EUR', rate: '1.1500', asOf: '2026-06-01' }, // not into the home currency
      ],
    });
    const res = await me.agent.get('/money?asOf=2026-06-30');
    const converted = sectionById(res.text, 'converted');
    // $700.50 + £300.00 × 1.2710 ($381.30) = $1,081.80
    expect(converted).toContain('$1,081.80');
    expect(converted).toContain('at 1 GBP = 1.2710 USD, rate of 2026-06-01');
    expect(converted).toContain('$381.30');
    expect(converted).not.toContain('1.3000');
    expect(converted).not.toContain('1.1500');
    // Before the first rate, there is nothing to convert with.
    const early = await me.agent.get('/money?asOf=2026-01-01');
    expect(early.text).not.toContain('id="converted"');
  });

  it('leave out, and name, a currency without a rate', async () => {
    const u = me.userId;
    await makeGig(t.prisma, u, { clientId: clients.sunset, date: '2026-06-10', dueDate: '2026-07-10', title: 'Berlin', lines: [{ amountMinor: 12000, currency: 'EUR' }] });
    const res = await me.agent.get('/money?asOf=2026-06-30');
    const converted = sectionById(res.text, 'converted');
    expect(converted).toContain('$1,081.80'); // unchanged: EUR is not in it
    expect(converted).toContain('leaving out EUR');
    expect(converted).toMatch(/€120\.00 <span>— no rate entered, so not in the total above/);
    expect(sectionById(res.text, 'aging')).toContain('€120.00');
  });

  it('convert each currency’s total once, rounding half-up to the home currency’s unit', () => {
    const rates = new Map([
      ['GBP', { id: 1, fromCurrency: 'GBP', rate: '1.01', asOf: '2026-01-01' }],
      ['JPY', { id: 2, fromCurrency: 'JPY', rate: '0.0064', asOf: '2026-01-01' }],
    ]);
    const result = convertTotals(
      [
        { currency: 'GBP', amountMinor: 50 }, // £0.50 × 1.01 = $0.505 → $0.51
        { currency: 'JPY', amountMinor: 12345 }, // ¥12,345 × 0.0064 = $79.008 → $79.01
        { currency: 'USD', amountMinor: 100 },
        { currency: 'EUR', amountMinor: 999 },
      ],
      'USD',
      rates,
    )!;
    expect(result.parts.map((p) => [p.currency, p.convertedMinor])).toEqual([['USD', 100], ['GBP', 51], ['JPY', 7901]]);
    expect(result.totalMinor).toBe(100 + 51 + 7901);
    expect(result.missing).toEqual([{ currency: 'EUR', amountMinor: 999 }]);
    expect(convertTotals([{ currency: 'USD', amountMinor: 5 }], 'USD', rates)).toBeNull();
    expect(convertTotals([{ currency: 'EUR', amountMinor: 5 }], 'USD', rates)).toBeNull();
  });
});

describe('escaping', () => {
  it('escapes client names and gig titles on the owed page, the tax report and the dashboard', async () => {
    const hostile = '<script>alert(1)</script>"><img src=x onerror=alert(1)>';
    const other = await signUpWithId(t, 'Escaper');
    const client = await makeClient(t.prisma, other.userId, hostile);
    const gig = await makeGig(t.prisma, other.userId, { clientId: client.id, date: '2026-01-05', dueDate: '2026-02-04', title: hostile, lines: [{ amountMinor: 1000, currency: 'USD' }] });
    await makePayment(t.prisma, other.userId, { clientId: client.id, receivedOn: '2026-01-06', amountMinor: 100, currency: 'USD', allocations: [{ gigId: gig.id, amountMinor: 100 }] });
    for (const path of ['/money?asOf=2026-03-01', '/money/tax-year?year=2026', '/']) {
      const res = await other.agent.get(path);
      expect(res.status, path).toBe(200);
      expect(res.text, path).not.toContain('<script>alert(1)</script>');
      expect(res.text, path).not.toMatch(/<img src=x/);
    }
    expect((await other.agent.get('/money?asOf=2026-03-01')).text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('a long owed list', () => {
  it('lists 100 gigs a page, by client, with every total still counting all of them', async () => {
    const other = await signUpWithId(t, 'Many Gigs');
    const alpha = (await makeClient(t.prisma, other.userId, 'Alpha Studio')).id;
    const beta = (await makeClient(t.prisma, other.userId, 'Beta Records')).id;
    // 150 gigs for Alpha, 80 for Beta: $1.00 + i cents each, all dated before 30 Jun.
    await t.prisma.gig.createMany({
      data: Array.from({ length: 230 }, (_, i) => ({ userId: other.userId, clientId: i < 150 ? alpha : beta, date: `2026-0${1 + (i % 5)}-1${i % 10}`, title: `Gig ${i}`, status: 'done' })),
    });
    const created = await t.prisma.gig.findMany({ where: { userId: other.userId }, select: { id: true, title: true } });
    await t.prisma.lineItem.createMany({ data: created.map((g) => ({ userId: other.userId, gigId: g.id, amountMinor: 100 + Number(g.title.slice(4)), currency: 'USD' })) });
    const total = Array.from({ length: 230 }, (_, i) => 100 + i).reduce((a, b) => a + b, 0);
    const alphaTotal = Array.from({ length: 150 }, (_, i) => 100 + i).reduce((a, b) => a + b, 0);

    const first = await other.agent.get('/money?asOf=2026-06-30');
    expect(first.status).toBe(200);
    expect(squash(first.text)).toContain('Gigs 1–100 of 230, by client');
    expect(first.text.match(/money-gigs__date/g)).toHaveLength(100);
    expect(first.text).toContain(`$${(total / 100).toFixed(2)}`);
    expect(first.text).toContain(`$${(alphaTotal / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    expect(squash(first.text)).toContain('100 of 150 gigs on this page');
    expect(first.text).not.toContain('Beta Records');
    expect(first.text).toContain('href="/money?asOf=2026-06-30&amp;page=2#by-client"');

    const second = await other.agent.get('/money?asOf=2026-06-30&page=2');
    expect(squash(second.text)).toContain('Gigs 101–200 of 230, by client');
    expect(squash(second.text)).toContain('50 of 150 gigs on this page');
    expect(squash(second.text)).toContain('50 of 80 gigs on this page');
    expect(second.text).toContain(`$${(total / 100).toFixed(2)}`);

    const third = await other.agent.get('/money?asOf=2026-06-30&page=3');
    expect(squash(third.text)).toContain('Gigs 201–230 of 230, by client');
    expect(third.text.match(/money-gigs__date/g)).toHaveLength(30);

    const past = await other.agent.get('/money?asOf=2026-06-30&page=9');
    expect(past.status).toBe(303);
    expect(past.headers.location).toBe('/money?asOf=2026-06-30&page=3#by-client');
    expect((await other.agent.get('/money?asOf=2026-06-30&page=9')).status).toBe(303); // and again: nothing cached for it
  });
});
