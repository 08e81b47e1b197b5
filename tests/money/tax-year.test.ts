// The tax-year report: per payer and currency, flat fees and royalties
// received in a calendar year, the 1099 thresholds of that year, and a CSV
// whose sums are the page's figures to the cent.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { forUser } from '../../src/db/scoped.ts';
import { parseMoney } from '../../src/lib/money.ts';
import { formsExpected, thresholdFor } from '../../src/money/tax-forms.ts';
import { taxYearReport } from '../../src/money/tax-year.ts';
import { parseCsv } from '../../src/transfer/csv.ts';
import { testApp } from '../support/app.ts';
import { makeClient, makePayment, makeStatement, sectionById, signUpWithId, squash } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let me: Awaited<ReturnType<typeof signUpWithId>>;
const c: Record<string, number> = {};

beforeAll(async () => {
  t = await testApp();
  me = await signUpWithId(t, 'Tax Tester');
  const u = me.userId;
  c.sunset = (await makeClient(t.prisma, u, 'Sunset Sound')).id;
  c.label = (await makeClient(t.prisma, u, 'Copper Kettle Records')).id;
  c.kingsway = (await makeClient(t.prisma, u, 'Kingsway Mews')).id;
  c.fund = (await makeClient(t.prisma, u, 'AFM & SAG-AFTRA Fund')).id;
  const pay = (clientId: number | null, receivedOn: string, amountMinor: number, currency = 'USD') => makePayment(t.prisma, u, { clientId, receivedOn, amountMinor, currency });
  const statement = (payerId: number | null, receivedOn: string, amountMinor: number, currency = 'USD') => makeStatement(t.prisma, u, { payerId, receivedOn, amountMinor, currency });

  // Sunset: $1,999.99 in 2026 over three payments (below the $2,000 of 2026) — the last on 31 Dec;
  // $600.00 in 2025 (exactly the threshold then); a payment on 1 Jan 2027 is next year's.
  await pay(c.sunset, '2026-01-01', 100000);
  await pay(c.sunset, '2026-06-15', 49999);
  await pay(c.sunset, '2026-12-31', 50000);
  await pay(c.sunset, '2025-12-31', 60000);
  await pay(c.sunset, '2027-01-01', 777700);
  // Royalties $9.99 from Sunset: below $10.
  await statement(c.sunset, '2026-03-31', 999);
  // The label: exactly $2,000.00 in fees, and $10.00 of royalties → both forms.
  await pay(c.label, '2026-02-01', 200000);
  await statement(c.label, '2026-08-15', 600);
  await statement(c.label, '2026-11-15', 400);
  // The fund: royalties only.
  await statement(c.fund, '2026-09-30', 18791);
  // Money with no payer recorded.
  await pay(null, '2026-04-01', 2500);
  await statement(null, '2026-05-01', 1234);
  // Pounds: never mixed with dollars, never checked against US thresholds.
  await pay(c.kingsway, '2026-07-07', 226500, 'GBP');
  await statement(c.kingsway, '2026-10-10', 2828, 'GBP');
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

describe('the tax-year report', () => {
  it('totals fees and royalties apart, per payer and currency, within the calendar year', async () => {
    const report = await taxYearReport(forUser(t.prisma, me.userId), 2026);
    expect(report.sections.map((s) => s.currency)).toEqual(['GBP', 'USD']);
    const usd = report.sections[1];
    expect(usd.payers.map((p) => [p.name, p.feesMinor, p.feeCount, p.royaltiesMinor, p.royaltyCount, p.totalMinor, p.forms])).toEqual([
      ['AFM & SAG-AFTRA Fund', 0, 0, 18791, 1, 18791, ['1099-MISC']],
      ['Copper Kettle Records', 200000, 1, 1000, 2, 201000, ['1099-NEC', '1099-MISC']],
      ['Sunset Sound', 199999, 3, 999, 1, 200998, []],
      [null, 2500, 1, 1234, 1, 3734, []],
    ]);
    expect(usd.totals).toEqual({ currency: 'USD', feesMinor: 402499, feeCount: 5, royaltiesMinor: 22024, royaltyCount: 5, totalMinor: 424523 });
    expect(report.sections[0].payers).toMatchObject([{ name: 'Kingsway Mews', feesMinor: 226500, royaltiesMinor: 2828, forms: [] }]);
  });

  it('puts 31 December in its year and 1 January in the next', async () => {
    const db = forUser(t.prisma, me.userId);
    const y2025 = await taxYearReport(db, 2025);
    expect(y2025.sections).toHaveLength(1);
    // $600.00 in 2025 reached that year's threshold.
    expect(y2025.sections[0].payers).toMatchObject([{ name: 'Sunset Sound', feesMinor: 60000, feeCount: 1, forms: ['1099-NEC'] }]);
    const y2027 = await taxYearReport(db, 2027);
    expect(y2027.sections[0].totals.feesMinor).toBe(777700);
  });

  it('keeps the thresholds as data with the years they apply to', () => {
    expect(thresholdFor('fees', 2019)).toMatchObject({ minor: 60000 });
    expect(thresholdFor('fees', 2025)).toMatchObject({ form: '1099-NEC', minor: 60000 });
    expect(thresholdFor('fees', 2026)).toMatchObject({ form: '1099-NEC', minor: 200000 });
    expect(thresholdFor('fees', 2031)).toMatchObject({ form: '1099-NEC', minor: 200000 });
    expect(thresholdFor('royalties', 2026)).toMatchObject({ form: '1099-MISC', minor: 1000 });
    expect(formsExpected('USD', 2025, { feesMinor: 59999, royaltiesMinor: 999 })).toEqual([]);
    expect(formsExpected('USD', 2025, { feesMinor: 60000, royaltiesMinor: 1000 })).toEqual(['1099-NEC', '1099-MISC']);
    expect(formsExpected('USD', 2026, { feesMinor: 199999, royaltiesMinor: 0 })).toEqual([]);
    expect(formsExpected('GBP', 2026, { feesMinor: 9999999, royaltiesMinor: 9999999 })).toEqual([]);
  });
});

describe('GET /money/tax-year', () => {
  it('shows per payer what was received, the grand totals per currency, and who should send a form', async () => {
    const res = await me.agent.get('/money/tax-year?year=2026');
    expect(res.status).toBe(200);
    const html = squash(res.text);
    expect(html).toContain('All of this income counts, whether or not a form arrives.');
    expect(html).toContain('1099-NEC</strong> from <strong>$2,000.00</strong> in 2026');
    expect(html).toContain('1099-MISC</strong> from <strong>$10.00</strong>');
    const usd = sectionById(res.text, 'tax-usd');
    expect(usd).toMatch(/Copper Kettle Records.*?\$2,000\.00.*?1 payment.*?\$10\.00.*?2 statements.*?\$2,010\.00.*?1099-NEC.*?1099-MISC/);
    expect(usd).toMatch(/Sunset Sound.*?\$1,999\.99.*?3 payments.*?\$9\.99.*?1 statement.*?\$2,009\.98.*?Below threshold/);
    expect(usd).toMatch(/Unknown payer.*?\$25\.00.*?\$12\.34.*?\$37\.34.*?No payer recorded/);
    expect(usd).toMatch(/All payers.*?\$4,024\.99.*?5 payments.*?\$220\.24.*?5 statements.*?\$4,245\.23/);
    const gbp = sectionById(res.text, 'tax-gbp');
    expect(gbp).toMatch(/All payers.*?£2,265\.00.*?£28\.28.*?£2,293\.28/);
    expect(gbp).toContain('not checked for GBP');
    expect(gbp).not.toContain('1099-NEC');
  });

  it('shows 2025 with that year’s $600 threshold', async () => {
    const html = squash((await me.agent.get('/money/tax-year?year=2025')).text);
    expect(html).toContain('1099-NEC</strong> from <strong>$600.00</strong> in 2025');
    expect(sectionById(html, 'tax-usd')).toMatch(/Sunset Sound.*?\$600\.00.*?1099-NEC/);
  });

  it('explains a year it cannot read, showing this year', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-26T12:00:00Z'));
    const res = await me.agent.get('/money/tax-year?year=20x6');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Enter a year like 2026.');
    expect(res.text).toContain('value="20x6"');
    expect(res.text).toContain('<h1>Tax year 2026</h1>');
    expect((await me.agent.get('/money/tax-year.csv?year=20x6')).status).toBe(400);
  });

  it('is empty for a year with nothing received, and shows nothing of another musician’s', async () => {
    expect(squash((await me.agent.get('/money/tax-year?year=2019')).text)).toContain('Nothing received in 2019');
    const other = await signUpWithId(t, 'Other');
    const res = await other.agent.get('/money/tax-year?year=2026');
    expect(res.text).toContain('Nothing received in 2026');
    expect(res.text).not.toContain('Sunset Sound');
    const csv = await other.agent.get('/money/tax-year.csv?year=2026');
    expect(csv.text).not.toContain('Sunset Sound');
  });
});

describe('GET /money/tax-year.csv', () => {
  it('is a CSV whose per-payer sums equal its totals and the page’s figures, to the cent', async () => {
    const res = await me.agent.get('/money/tax-year.csv?year=2026');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('ledger-lines-tax-year-2026.csv');
    expect(res.text.startsWith('\uFEFF')).toBe(true);
    const parsed = parseCsv(res.text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const { headers, rows } = parsed.table;
    expect(headers).toEqual(['Year', 'Payer', 'Currency', 'Payments', 'Flat fees', 'Royalty statements', 'Royalties', 'Total received', '1099 expected']);
    const col = (name: string) => headers.indexOf(name);
    const minor = (cells: string[], name: string, currency: string) => {
      const r = parseMoney(cells[col(name)], currency, { allowNegative: true });
      if (!r.ok) throw new Error(r.error);
      return r.minor;
    };

    const page = await taxYearReport(forUser(t.prisma, me.userId), 2026);
    const pageHtml = squash((await me.agent.get('/money/tax-year?year=2026')).text);
    for (const section of page.sections) {
      const cur = section.currency;
      const payerRows = rows.filter((r) => r.cells[col('Currency')] === cur && r.cells[col('Payer')] !== 'All payers (total)').map((r) => r.cells);
      const totalRow = rows.find((r) => r.cells[col('Currency')] === cur && r.cells[col('Payer')] === 'All payers (total)')!.cells;
      expect(payerRows).toHaveLength(section.payers.length);
      for (const name of ['Flat fees', 'Royalties', 'Total received']) {
        const sum = payerRows.reduce((s, cells) => s + minor(cells, name, cur), 0);
        expect(sum, `${cur} ${name}`).toBe(minor(totalRow, name, cur));
      }
      for (const name of ['Payments', 'Royalty statements']) {
        expect(payerRows.reduce((s, cells) => s + Number(cells[col(name)]), 0)).toBe(Number(totalRow[col(name)]));
      }
      expect(minor(totalRow, 'Flat fees', cur)).toBe(section.totals.feesMinor);
      expect(minor(totalRow, 'Royalties', cur)).toBe(section.totals.royaltiesMinor);
      expect(minor(totalRow, 'Total received', cur)).toBe(section.totals.totalMinor);
      expect(Number(totalRow[col('Payments')])).toBe(section.totals.feeCount);
      // Each payer row is the page's row.
      for (const p of section.payers) {
        const cells = payerRows.find((r) => r[col('Payer')] === (p.name ?? 'Unknown payer'))!;
        expect([minor(cells, 'Flat fees', cur), minor(cells, 'Royalties', cur), minor(cells, 'Total received', cur)]).toEqual([p.feesMinor, p.royaltiesMinor, p.totalMinor]);
        expect(cells[col('1099 expected')]).toBe(p.forms.join(' + '));
      }
    }
    expect(pageHtml).toContain('$4,245.23');
    expect(rows.find((r) => r.cells[1] === 'All payers (total)' && r.cells[2] === 'USD')!.cells[7]).toBe('4245.23');
    expect(rows.find((r) => r.cells[1] === 'Copper Kettle Records')!.cells[8]).toBe('1099-NEC + 1099-MISC');
  });

  it('guards payer names a spreadsheet would run as formulas', async () => {
    const other = await signUpWithId(t, 'Formula');
    const evil = await makeClient(t.prisma, other.userId, '=HYPERLINK("http://evil.example","x")');
    await makePayment(t.prisma, other.userId, { clientId: evil.id, receivedOn: '2026-03-03', amountMinor: 100, currency: 'USD' });
    const res = await other.agent.get('/money/tax-year.csv?year=2026');
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
  });
});

describe('year boundaries whatever the server time zone', () => {
  it('counts a payment dated 31 Dec in that year when it is 23:30 on 31 Dec for the musician', async () => {
    const saved = process.env.TZ;
    try {
      // The server thinks it is already 1 Jan 2027 in Tokyo; the musician in Los Angeles is at 23:30 on 31 Dec 2026.
      process.env.TZ = 'Asia/Tokyo';
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2027-01-01T07:30:00Z'));
      expect(new Date().getDate()).toBe(1); // the server's local day
      const la = await signUpWithId(t, 'Night Owl');
      await t.prisma.user.update({ where: { id: la.userId }, data: { timeZone: 'America/Los_Angeles' } });
      const client = await makeClient(t.prisma, la.userId, 'Late Payer');
      await makePayment(t.prisma, la.userId, { clientId: client.id, receivedOn: '2026-12-31', amountMinor: 12345, currency: 'USD' });
      await makeStatement(t.prisma, la.userId, { payerId: client.id, receivedOn: '2026-12-31', amountMinor: 1000, currency: 'USD' });
      await makePayment(t.prisma, la.userId, { clientId: client.id, receivedOn: '2027-01-01', amountMinor: 99999, currency: 'USD' });

      // The default year is the musician's: 2026.
      const tax = squash((await la.agent.get('/money/tax-year')).text);
      expect(tax).toContain('<h1>Tax year 2026</h1>');
      expect(sectionById(tax, 'tax-usd')).toMatch(/Late Payer.*?\$123\.45.*?\$10\.00.*?\$133\.45/);
      expect(tax).not.toContain('$999.99');
      const next = squash((await la.agent.get('/money/tax-year?year=2027')).text);
      expect(sectionById(next, 'tax-usd')).toMatch(/Late Payer.*?\$999\.99/);

      // The dashboard's month and year are the musician's too: December 2026, with the payment in it.
      const home = await la.agent.get('/');
      expect(sectionById(home.text, 'income-month')).toMatch(/Received in December.*?\$133\.45<\/strong> <span class="muted">2025: \$0\.00/);
      expect(sectionById(home.text, 'income-year')).toMatch(/Received in 2026 so far.*?\$133\.45/);
      expect(home.text).not.toContain('$999.99'); // dated tomorrow for the musician
    } finally {
      process.env.TZ = saved;
      if (saved === undefined) delete process.env.TZ;
    }
  });
});
