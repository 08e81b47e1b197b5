// What an invoice is worth and where it stands: totals to the cent, status as
// payments arrive (written straight to Payment / PaymentAllocation, as the
// payments pages will), the list with its filter, the CSV, query counts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { addDays } from '../../src/lib/dates.ts';
import { parseCsv } from '../../src/transfer/csv.ts';
import { queryCountingDatabase } from '../support/database.ts';
import { testApp, testConfig, type Agent } from '../support/app.ts';
import { createInvoiceVia, invoiceIdFrom, makeGig, makePayment, setInvoiceDates, signUpWithId, squash, today } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

type Line = { amountMinor: number; currency: string; kind?: string; owedToMusician?: boolean };
const usd = (amountMinor: number, kind = 'base_fee', owedToMusician = true): Line => ({ amountMinor, currency: 'USD', kind, owedToMusician });

/** The status badge of the invoice page. */
const statusOf = (html: string) => /<span class="badge badge--invoice-(\w+)">/.exec(html)?.[1];
/** The amount in a tfoot row of the invoice. */
const footRow = (html: string, label: string) => {
  const m = new RegExp(`<th scope="row">${label}</th><td class="num">([^<]*)</td>`).exec(squash(html).replace(/> </g, '><'));
  return m?.[1];
};

describe('totals and status as payments arrive', () => {
  let agent: Agent;
  let userId: number;
  let client: number;
  let invoiceId: number;
  let gigA: number;
  let gigB: number;

  beforeAll(async () => {
    ({ agent, userId } = await signUpWithId(t));
    client = (await t.prisma.client.create({ data: { userId, name: 'Capitol Studios', email: 'ap@capitol.example' } })).id;
    // $434.21 scale + $144.74 overtime + $12.00 cartage; pension $61.18 and H&W $30.00 go to the funds.
    gigA = (await makeGig(t.prisma, userId, {
      clientId: client, date: '2026-10-05', title: 'Strings overdub',
      lines: [usd(43421), usd(14474, 'overtime'), usd(1200, 'cartage'), usd(6118, 'pension', false), usd(3000, 'health_welfare', false)],
    })).id;
    // Cancelled late: only the $150.00 fee is billed.
    gigB = (await makeGig(t.prisma, userId, { clientId: client, date: '2026-10-09', status: 'cancelled', title: 'Cancelled date', lines: [usd(50000), usd(15000, 'cancellation_fee')] })).id;
    invoiceId = invoiceIdFrom(await createInvoiceVia(agent, client, [gigA, gigB], { issuedOn: today(), dueOn: addDays(today(), 10) }));
  });

  it('bills only the lines owed to the musician, adds them exactly, and notes the union funds apart', async () => {
    const page = await agent.get(`/invoices/${invoiceId}`);
    expect(page.status).toBe(200);
    const html = squash(page.text);
    // 434.21 + 144.74 + 12.00 + 150.00 = 740.95
    expect(footRow(page.text, 'Total')).toBe('$740.95');
    expect(footRow(page.text, 'Balance due')).toBe('$740.95');
    expect(html).toContain('Paid by you to the union funds (not to me)');
    expect(html).toMatch(/<span>Pension<\/span> <span class="num">\$61\.18<\/span>/);
    expect(html).toMatch(/<span>Health &amp; welfare<\/span> <span class="num">\$30\.00<\/span>/);
    // The cancelled gig shows its fee, not the $500 it would have paid.
    expect(html).toContain('Cancellation fee');
    expect(html).not.toContain('$500.00');
    // The lines shown add up to the total (the page's filter agrees with gigBalancesCte).
    const lineAmounts = [...html.matchAll(/<tbody class="invoice-lines__gig">(.*?)<\/tbody>/g)]
      .flatMap((m) => [...m[1].matchAll(/<td class="num">\$([\d,]+\.\d\d)<\/td>/g)].map((a) => Math.round(Number(a[1].replace(/,/g, '')) * 100)));
    expect(lineAmounts.reduce((s, n) => s + n, 0)).toBe(74095);
    expect(statusOf(page.text)).toBe('sent');
  });

  it('does not show the union-funds note when there is none', async () => {
    const g = (await makeGig(t.prisma, userId, { clientId: client, lines: [usd(10000)] })).id;
    const id = invoiceIdFrom(await createInvoiceVia(agent, client, [g]));
    expect((await agent.get(`/invoices/${id}`)).text).not.toContain('union funds');
  });

  it('goes sent → partly paid → overdue → paid as money comes in and time passes', async () => {
    await makePayment(t.prisma, userId, { clientId: client, receivedOn: today(), amountMinor: 20000, currency: 'USD', method: 'check', reference: 'Check #4102', allocations: [{ gigId: gigA, amountMinor: 20000 }] });
    let page = await agent.get(`/invoices/${invoiceId}`);
    expect(statusOf(page.text)).toBe('partly_paid');
    expect(footRow(page.text, 'Received')).toBe('−$200.00');
    expect(footRow(page.text, 'Balance due')).toBe('$540.95');
    expect(squash(page.text)).toContain('Check, Check #4102');

    // Past the due date with a balance: overdue (even though partly paid).
    await setInvoiceDates(t.prisma, invoiceId, addDays(today(), -40), addDays(today(), -10));
    page = await agent.get(`/invoices/${invoiceId}`);
    expect(statusOf(page.text)).toBe('overdue');
    expect(page.text).toContain('10 days late');

    // The rest arrives in two payments, one of them covering another gig too: only this invoice's part counts.
    const other = (await makeGig(t.prisma, userId, { clientId: client, lines: [usd(99999)] })).id;
    await makePayment(t.prisma, userId, { clientId: client, receivedOn: today(), amountMinor: 40000 + 99999, currency: 'USD', allocations: [{ gigId: gigA, amountMinor: 39095 }, { gigId: other, amountMinor: 99999 }] });
    page = await agent.get(`/invoices/${invoiceId}`);
    expect(statusOf(page.text)).toBe('overdue');
    expect(footRow(page.text, 'Balance due')).toBe('$150.00');
    await makePayment(t.prisma, userId, { clientId: client, receivedOn: today(), amountMinor: 15000, currency: 'USD', allocations: [{ gigId: gigB, amountMinor: 15000 }] });
    page = await agent.get(`/invoices/${invoiceId}`);
    expect(statusOf(page.text)).toBe('paid');
    expect(footRow(page.text, 'Received')).toBe('−$740.95');
    expect(footRow(page.text, 'Balance due')).toBe('$0.00');
    expect(page.text).not.toContain('Send a reminder');
  });

  it('shows an overpayment as a credit, never as a negative balance', async () => {
    await makePayment(t.prisma, userId, { clientId: client, receivedOn: today(), amountMinor: 500, currency: 'USD', allocations: [{ gigId: gigB, amountMinor: 500 }] });
    const page = await agent.get(`/invoices/${invoiceId}`);
    expect(statusOf(page.text)).toBe('paid');
    expect(footRow(page.text, 'Overpaid \\(credit with you\\)')).toBe('$5.00');
    expect(footRow(page.text, 'Balance due')).toBe('$0.00');
  });

  it('is void once voided, whatever was paid, and says nothing is due', async () => {
    const g = (await makeGig(t.prisma, userId, { clientId: client, lines: [usd(30000)] })).id;
    const id = invoiceIdFrom(await createInvoiceVia(agent, client, [g]));
    await t.prisma.invoice.update({ where: { id }, data: { voidedAt: new Date() } });
    const page = await agent.get(`/invoices/${id}`);
    expect(statusOf(page.text)).toBe('void');
    expect(page.text).toContain('Void — not payable');
    expect(page.text).not.toContain('Void this invoice');
  });
});

describe('a gig that changes after it was invoiced', () => {
  it('is listed with a note and counts for nothing once back on hold; a gig now in another currency is never added', async () => {
    const { agent, userId } = await signUpWithId(t);
    const client = (await t.prisma.client.create({ data: { userId, name: 'Studio' } })).id;
    const kept = (await makeGig(t.prisma, userId, { clientId: client, title: 'Kept', lines: [usd(25000)] })).id;
    const held = (await makeGig(t.prisma, userId, { clientId: client, title: 'Held', lines: [usd(10000)] })).id;
    const moved = (await makeGig(t.prisma, userId, { clientId: client, title: 'Moved', lines: [usd(7000)] })).id;
    const id = invoiceIdFrom(await createInvoiceVia(agent, client, [kept, held, moved]));
    expect(footRow((await agent.get(`/invoices/${id}`)).text, 'Total')).toBe('$420.00');
    await t.prisma.gig.update({ where: { id: held }, data: { status: 'hold' } });
    await t.prisma.lineItem.updateMany({ where: { gigId: moved }, data: { currency: 'EUR' } });
    const page = await agent.get(`/invoices/${id}`);
    expect(page.text).toContain('Nothing is billed for this gig now (it is back on hold).');
    expect(page.text).toContain('This gig is now in EUR, not USD: it is not included in the total.');
    expect(footRow(page.text, 'Total')).toBe('$250.00');
  });
});

describe('the list, its filter and the CSV', () => {
  let agent: Agent;
  let userId: number;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    ({ agent, userId } = await signUpWithId(t));
    const studio = (await t.prisma.client.create({ data: { userId, name: 'Sunset Sound' } })).id;
    const london = (await t.prisma.client.create({ data: { userId, name: '=London "Mews", Ltd' } })).id;
    const invoice = async (key: string, clientId: number, lines: Line[], issuedOn: string, dueOn: string) => {
      const gig = (await makeGig(t.prisma, userId, { clientId, title: key, lines })).id;
      ids[key] = invoiceIdFrom(await createInvoiceVia(agent, clientId, [gig], { issuedOn, dueOn }));
      return gig;
    };
    await invoice('sent', studio, [usd(10001)], addDays(today(), -3), addDays(today(), 27));
    const partly = await invoice('partly', studio, [usd(20002)], addDays(today(), -5), addDays(today(), 25));
    await makePayment(t.prisma, userId, { clientId: studio, receivedOn: today(), amountMinor: 2, currency: 'USD', allocations: [{ gigId: partly, amountMinor: 2 }] });
    const overdue = await invoice('overdue', london, [{ amountMinor: 30003, currency: 'GBP' }], addDays(today(), -60), addDays(today(), -30));
    await makePayment(t.prisma, userId, { clientId: london, receivedOn: today(), amountMinor: 3, currency: 'GBP', allocations: [{ gigId: overdue, amountMinor: 3 }] });
    const paid = await invoice('paid', studio, [usd(40004)], addDays(today(), -90), addDays(today(), -60));
    await makePayment(t.prisma, userId, { clientId: studio, receivedOn: today(), amountMinor: 40004, currency: 'USD', allocations: [{ gigId: paid, amountMinor: 40004 }] });
    await invoice('void', studio, [usd(50005)], addDays(today(), -1), addDays(today(), 29));
    await t.prisma.invoice.update({ where: { id: ids.void }, data: { voidedAt: new Date() } });
    await t.prisma.invoiceReminder.create({ data: { userId, invoiceId: ids.overdue, sentAt: new Date(`${addDays(today(), -7)}T12:00:00Z`) } });
  });

  const rowsOf = (html: string) => [...html.matchAll(/<tr class="invoice-row invoice-row--(\w+)">([\s\S]*?)<\/tr>/g)].map((m) => ({ status: m[1], html: squash(m[2]) }));

  it('lists every invoice newest first with its status, total and balance', async () => {
    const res = await agent.get('/invoices');
    expect(res.status).toBe(200);
    const rows = rowsOf(res.text);
    expect(rows.map((r) => r.status)).toEqual(['void', 'sent', 'partly_paid', 'overdue', 'paid']);
    const partly = rows.find((r) => r.status === 'partly_paid')!.html;
    expect(partly).toContain('$200.02');
    expect(partly).toContain('$200.00');
    const overdue = rows.find((r) => r.status === 'overdue')!.html;
    expect(overdue).toContain(`href="/invoices/${ids.overdue}/reminder">Overdue — remind</a>`);
    expect(overdue).toMatch(/Reminded \w{3}, \d+ \w+ \d{4}/);
    expect(overdue).toContain('£300.00');
    // Totals per currency, void left out, never one sum across currencies.
    const totals = squash(res.text.slice(res.text.indexOf('invoice-totals-heading'), res.text.indexOf('</section>', res.text.indexOf('invoice-totals-heading'))));
    expect(totals).toContain('<th scope="row">GBP</th><td class="num" data-label="Invoiced">£300.03</td><td class="num" data-label="Received">£0.03</td><td class="num" data-label="Balance due">£300.00</td>');
    expect(totals).toContain('<th scope="row">USD</th><td class="num" data-label="Invoiced">$700.07</td><td class="num" data-label="Received">$400.06</td><td class="num" data-label="Balance due">$300.01</td>');
  });

  it('filters by status, including "not paid yet"', async () => {
    for (const status of ['sent', 'partly_paid', 'overdue', 'paid', 'void']) {
      const rows = rowsOf((await agent.get(`/invoices?status=${status}`)).text);
      expect(rows.map((r) => r.status), status).toEqual([status]);
    }
    const unpaid = rowsOf((await agent.get('/invoices?status=unpaid')).text);
    expect(unpaid.map((r) => r.status)).toEqual(['sent', 'partly_paid', 'overdue']);
    // An unknown status is ignored, not an error.
    expect(rowsOf((await agent.get('/invoices?status=nonsense')).text)).toHaveLength(5);
  });

  it('exports the same invoices as CSV, whose sums equal the list totals', async () => {
    const res = await agent.get('/invoices/export.csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?ledger-lines-invoices-\d{4}-\d{2}-\d{2}\.csv"?$/);
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const parsed = parseCsv(res.text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.table.headers).toEqual(['number', 'client', 'issued_on', 'due_on', 'currency', 'total', 'paid', 'balance', 'status']);
    const rows = parsed.table.rows.map((r) => Object.fromEntries(parsed.table.headers.map((h, i) => [h, r.cells[i]])));
    expect(rows.map((r) => r.status)).toEqual(['void', 'sent', 'partly_paid', 'overdue', 'paid']);
    // The client name that looks like a formula is guarded, and quotes/commas survive.
    expect(rows.find((r) => r.status === 'overdue')!.client).toBe(`'=London "Mews", Ltd`);
    const cents = (s: string) => Math.round(Number(s) * 100);
    const sum = (currency: string, column: string) =>
      rows.filter((r) => r.currency === currency && r.status !== 'void').reduce((s, r) => s + cents(r[column]), 0);
    expect([sum('USD', 'total'), sum('USD', 'paid'), sum('USD', 'balance')]).toEqual([70007, 40006, 30001]);
    expect([sum('GBP', 'total'), sum('GBP', 'paid'), sum('GBP', 'balance')]).toEqual([30003, 3, 30000]);
    // The filter applies to the export too.
    const overdueOnly = parseCsv((await agent.get('/invoices/export.csv?status=overdue')).text);
    expect(overdueOnly.ok && overdueOnly.table.rows.map((r) => r.cells.at(-1))).toEqual(['overdue']);
  });

  it('paginates 25 to a page, newest first', async () => {
    const me = await signUpWithId(t);
    const c = (await t.prisma.client.create({ data: { userId: me.userId, name: 'Busy Studio' } })).id;
    for (let i = 0; i < 27; i++) {
      const g = await makeGig(t.prisma, me.userId, { clientId: c, lines: [usd(100 + i)] });
      await t.prisma.invoice.create({ data: { userId: me.userId, clientId: c, number: `N-${String(i).padStart(3, '0')}`, issuedOn: addDays('2026-01-01', i), dueOn: addDays('2026-02-01', i), currency: 'USD', gigs: { connect: { id: g.id } } } });
    }
    const first = await me.agent.get('/invoices');
    expect(rowsOf(first.text)).toHaveLength(25);
    expect(first.text.indexOf('N-026')).toBeLessThan(first.text.indexOf('N-025'));
    expect(first.text).toContain('Page 1 of 2');
    expect(first.text).not.toContain('N-001<');
    const second = await me.agent.get('/invoices?page=2');
    expect(rowsOf(second.text)).toHaveLength(2);
    expect(second.text).toContain('N-000');
    expect(second.text).toContain('N-001');
  });
});

describe('query count', () => {
  it('does not grow with the number of invoices (list) or gigs and payments (invoice page)', async () => {
    const db = await queryCountingDatabase();
    const logged = db.prisma;
    try {
      const app = createApp({ prisma: logged, config: testConfig, log: () => {} });
      const me = await signUpWithId({ app, prisma: logged });
      const c = (await logged.client.create({ data: { userId: me.userId, name: 'Studio' } })).id;
      const addInvoices = async (n: number, gigsEach: number) => {
        let last = 0;
        for (let i = 0; i < n; i++) {
          const gigs = [];
          for (let j = 0; j < gigsEach; j++) {
            const g = await makeGig(logged, me.userId, { clientId: c, lines: [usd(1000), usd(200, 'overtime'), usd(128, 'pension', false)] });
            await makePayment(logged, me.userId, { clientId: c, receivedOn: '2026-01-10', amountMinor: 300, currency: 'USD', allocations: [{ gigId: g.id, amountMinor: 300 }] });
            gigs.push(g.id);
          }
          last = (await logged.invoice.create({ data: { userId: me.userId, clientId: c, number: `Q-${Math.random()}`, issuedOn: '2026-01-01', dueOn: '2026-01-31', currency: 'USD', gigs: { connect: gigs.map((id) => ({ id })) }, reminders: { create: { userId: me.userId } } } })).id;
        }
        return last;
      };
      const count = async (path: string) => {
        await me.agent.get(path); // warm-up (session touch etc.)
        await db.resetCount();
        const res = await me.agent.get(path);
        expect(res.status).toBe(200);
        return db.count();
      };
      const small = await addInvoices(2, 1);
      const fewList = await count('/invoices');
      const fewShow = await count(`/invoices/${small}`);
      const big = await addInvoices(20, 6);
      const manyList = await count('/invoices');
      const manyShow = await count(`/invoices/${big}`);
      expect(manyList).toBe(fewList);
      expect(manyShow).toBe(fewShow);
      expect(fewList).toBeLessThanOrEqual(6);
      // Session, invoice (+ client, reminders), totals, gigs (+ lines), balances, funds, payments.
      expect(fewShow).toBeLessThanOrEqual(12);
    } finally {
      await db.close();
    }
  });
});
