// The payments list: newest first, filters, totals per currency (received,
// allocated, credit) computed in SQL, pages of 50, the CSV export matching
// the page, and a query count that does not grow with the payments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { parseMoney } from '../../src/lib/money.ts';
import { parseCsv } from '../../src/transfer/csv.ts';
import { queryCountingDatabase } from '../support/database.ts';
import { testApp, testConfig, type Agent } from '../support/app.ts';
import { makeGig, makePayment, signUpWithId, squash } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let agent: Agent;
let userId: number;
let sunset: number;
let kingsway: number;

beforeAll(async () => {
  t = await testApp();
  ({ agent, userId } = await signUpWithId(t, 'Maya Okafor'));
  sunset = (await t.prisma.client.create({ data: { userId, name: 'Sunset Sound' } })).id;
  kingsway = (await t.prisma.client.create({ data: { userId, name: 'Kingsway Studios' } })).id;
  const g1 = await makeGig(t.prisma, userId, { clientId: sunset, date: '2025-11-02', title: 'Album tracking', lines: [{ amountMinor: 43421, currency: 'USD' }] });
  const g2 = await makeGig(t.prisma, userId, { clientId: sunset, date: '2026-02-10', title: 'Overdubs', lines: [{ amountMinor: 20000, currency: 'USD' }] });
  const g3 = await makeGig(t.prisma, userId, { clientId: kingsway, date: '2026-03-01', title: '=HYPERLINK("x")', lines: [{ amountMinor: 30050, currency: 'GBP' }] });
  // 2025: one USD payment exactly on a gig. 2026: a split one with credit, a GBP one, a pure credit.
  await makePayment(t.prisma, userId, { clientId: sunset, receivedOn: '2025-12-15', amountMinor: 43421, currency: 'USD', method: 'check', reference: 'Check #4101', allocations: [{ gigId: g1.id, amountMinor: 43421 }] });
  await makePayment(t.prisma, userId, { clientId: sunset, receivedOn: '2026-03-05', amountMinor: 25000, currency: 'USD', method: 'bank_transfer', allocations: [{ gigId: g2.id, amountMinor: 20000 }] });
  await makePayment(t.prisma, userId, { clientId: kingsway, receivedOn: '2026-04-01', amountMinor: 30050, currency: 'GBP', method: 'wise', reference: 'Wise 123', allocations: [{ gigId: g3.id, amountMinor: 30050 }] });
  const credit = await makePayment(t.prisma, userId, { clientId: kingsway, receivedOn: '2026-05-01', amountMinor: 999, currency: 'GBP', method: 'wise' });
  await t.prisma.payment.update({ where: { id: credit.id }, data: { notes: '=1+1' } });
  // Another musician's payment never shows.
  const other = await signUpWithId(t, 'Other');
  const theirs = await t.prisma.client.create({ data: { userId: other.userId, name: 'Their Studio' } });
  await makePayment(t.prisma, other.userId, { clientId: theirs.id, receivedOn: '2026-03-05', amountMinor: 77777, currency: 'USD' });
});
afterAll(() => t.close());

/** The totals table's cells for one currency, as text. */
function totalsRow(html: string, currency: string) {
  const row = new RegExp(`<tr data-currency="${currency}">(.*?)</tr>`).exec(squash(html))?.[1];
  if (!row) throw new Error(`No totals row for ${currency}`);
  return [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
}

describe('the list', () => {
  it('shows every payment newest first with totals per currency, never mixed', async () => {
    const res = await agent.get('/payments');
    expect(res.status).toBe(200);
    const html = squash(res.text);
    expect(html).toContain('<strong>4</strong> payments');
    const dates = [...html.matchAll(/payments-table__date"><a href="\/payments\/\d+">([^<]+)</g)].map((m) => m[1]);
    expect(dates).toEqual(['Fri, 1 May 2026', 'Wed, 1 Apr 2026', 'Thu, 5 Mar 2026', 'Mon, 15 Dec 2025']);
    expect(totalsRow(res.text, 'USD')).toEqual(['$684.21', '$634.21', '$50.00']);
    expect(totalsRow(res.text, 'GBP')).toEqual(['£310.49', '£300.50', '£9.99']);
    expect(html).not.toContain('Their Studio');
    expect(html).not.toContain('$777.77');
    expect(html).toContain('Album tracking');
    expect(html).toContain('No gig yet');
    expect(html).toContain('aria-current="page">Money</a>');
  });

  it('filters by client, year and method, with totals of what matches', async () => {
    const byClient = await agent.get(`/payments?clientId=${kingsway}`);
    expect(squash(byClient.text)).toContain('<strong>2</strong> payments match');
    expect(() => totalsRow(byClient.text, 'USD')).toThrow();
    expect(totalsRow(byClient.text, 'GBP')).toEqual(['£310.49', '£300.50', '£9.99']);
    const byYear = await agent.get('/payments?year=2025');
    expect(squash(byYear.text)).toContain('<strong>1</strong> payment matches');
    expect(totalsRow(byYear.text, 'USD')).toEqual(['$434.21', '$434.21', '$0.00']);
    const byMethod = await agent.get('/payments?method=bank_transfer&year=2026');
    expect(totalsRow(byMethod.text, 'USD')).toEqual(['$250.00', '$200.00', '$50.00']);
    const nothing = await agent.get('/payments?method=cash');
    expect(nothing.text).toContain('No payments match these filters.');
  });

  it('ignores unreadable filters instead of failing', async () => {
    const res = await agent.get('/payments?clientId=abc&year=99&method=<script>&page=-1');
    expect(res.status).toBe(200);
    expect(squash(res.text)).toContain('<strong>4</strong> payments');
  });

  it('shows the payment page with its gigs, credit and state', async () => {
    const id = (await t.prisma.payment.findFirstOrThrow({ where: { userId, receivedOn: '2026-03-05' } })).id;
    const html = squash((await agent.get(`/payments/${id}`)).text);
    expect(html).toContain('$250.00 from <a href="/clients/');
    expect(html).toContain('$50.00 kept as credit with Sunset Sound</strong>');
    expect(html).toContain('Overdubs');
    expect(html).toContain('badge--paid-paid');
  });
});

describe('the CSV export', () => {
  /** Integer totals per currency of a CSV column. */
  function sums(csv: string, column: string) {
    const parsed = parseCsv(csv);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { headers, rows } = parsed.table;
    const col = headers.indexOf(column);
    const cur = headers.indexOf('currency');
    const totals: Record<string, number> = {};
    for (const r of rows) {
      const m = parseMoney(r.cells[col], r.cells[cur]);
      if (!m.ok) throw new Error(m.error);
      totals[r.cells[cur]] = (totals[r.cells[cur]] ?? 0) + m.minor;
    }
    return totals;
  }

  it('has the columns, guards formulas, and its sums match the page for the same filters', async () => {
    for (const query of ['', '?year=2026', `?clientId=${sunset}`, '?method=wise']) {
      const [page, csv] = await Promise.all([agent.get(`/payments${query}`), agent.get(`/payments/export.csv${query}`)]);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="?ledger-lines-payments-\d{4}-\d{2}-\d{2}\.csv"?$/);
      expect(csv.text.startsWith('\uFEFFreceived_on,client,amount,currency,method,reference,allocated,unallocated,gigs,notes\r\n')).toBe(true);
      const [received, allocated, credit] = [sums(csv.text, 'amount'), sums(csv.text, 'allocated'), sums(csv.text, 'unallocated')];
      const currencies = Object.keys(received);
      expect(currencies.length).toBeGreaterThan(0);
      for (const currency of currencies) {
        const fmt = (minor: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(minor / 100);
        expect(totalsRow(page.text, currency)).toEqual([fmt(received[currency]), fmt(allocated[currency]), fmt(credit[currency])]);
      }
    }
    const all = (await agent.get('/payments/export.csv')).text;
    expect(all).toContain('2025-12-15,Sunset Sound,434.21,USD,check,Check #4101,434.21,0.00,2025-11-02 Album tracking,\r\n');
    expect(all).toContain('2026-03-05,Sunset Sound,250.00,USD,bank_transfer,,200.00,50.00,2026-02-10 Overdubs,\r\n');
    expect(all).toContain('"2026-03-01 =HYPERLINK(""x"")"');
    expect(all).toContain(",'=1+1\r\n"); // notes a spreadsheet would run as a formula
    expect(all).not.toContain('Their Studio');
  });
});

describe('pages and query count', () => {
  it('pages by 50, and the number of queries does not grow with the payments', async () => {
    const db = await queryCountingDatabase();
    const logged = db.prisma;
    try {
      const app = createApp({ prisma: logged, config: testConfig, log: () => {} });
      const me = await signUpWithId({ app, prisma: logged });
      const client = await logged.client.create({ data: { userId: me.userId, name: 'Echo Park Sound' } });
      let made = 0;
      const addPayments = async (count: number) => {
        for (let i = 0; i < count; i++, made++) {
          const currency = made % 2 ? 'USD' : 'EUR';
          const gig = await makeGig(logged, me.userId, { clientId: client.id, date: `2026-0${1 + (made % 9)}-1${made % 10}`, title: `Session ${made}`, lines: [{ amountMinor: 10000, currency }] });
          await makePayment(logged, me.userId, { clientId: client.id, receivedOn: `2026-0${1 + (made % 9)}-2${made % 10}`, amountMinor: 12000, currency, allocations: [{ gigId: gig.id, amountMinor: 10000 }] });
        }
      };
      const countFor = async (path: string) => {
        await me.agent.get(path); // warm-up (session touch etc.)
        await db.resetCount();
        const res = await me.agent.get(path);
        expect(res.status).toBe(200);
        return { queries: await db.count(), html: res.text };
      };
      await addPayments(3);
      const few = await countFor('/payments');
      expect((few.html.match(/payments-table__date/g) ?? []).length).toBe(3);
      await addPayments(57);
      const many = await countFor('/payments');
      expect((many.html.match(/payments-table__date/g) ?? []).length).toBe(50);
      expect(squash(many.html)).toContain('Page 1 of 2');
      expect(many.queries).toBe(few.queries);
      expect(few.queries).toBeLessThanOrEqual(8);
      const second = await countFor('/payments?page=2');
      expect((second.html.match(/payments-table__date/g) ?? []).length).toBe(10);
      expect(second.queries).toBe(few.queries);
      // Totals still cover all 60, per currency: 30 × $120.00 received, 30 × $100.00 allocated, 30 × $20.00 credit.
      expect(totalsRow(many.html, 'USD')).toEqual(['$3,600.00', '$3,000.00', '$600.00']);
      expect(totalsRow(many.html, 'EUR')).toEqual(['€3,600.00', '€3,000.00', '€600.00']);
    } finally {
      await db.close();
    }
  });
});
