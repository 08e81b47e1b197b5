// The PDF download: a real PDF, named after the invoice, with the same
// content as the page. Its text is read by decoding the content streams
// (tests/invoices/helpers.ts: pdfText), so no external tool is needed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/dates.ts';
import { invoiceFonts, pdfMoney, pdfSafe, pageSizeFor } from '../../src/invoices/pdf.ts';
import { pdfFilename } from '../../src/invoices/routes.ts';
import { testApp, type Agent } from '../support/app.ts';
import { createInvoiceVia, invoiceIdFrom, makeGig, makePayment, pdfText, signUpWithId, today } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let agent: Agent;
let userId: number;
let client: number;
beforeAll(async () => {
  t = await testApp();
  ({ agent, userId } = await signUpWithId(t, 'Maya Okafor'));
  await t.prisma.user.update({ where: { id: userId }, data: { invoiceDetails: '2417 Example Ave, Los Angeles\nACH routing 000000000' } });
  client = (await t.prisma.client.create({ data: { userId, name: 'Kingsway Mews Studios', city: 'London', email: 'bookings@kingsway.example' } })).id;
});
afterAll(() => t.close());

/** Fetches a binary body as a Buffer. */
const download = (path: string) =>
  agent
    .get(path)
    .buffer(true)
    .parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });

describe('GET /invoices/:id.pdf', () => {
  let id: number;
  beforeAll(async () => {
    const g1 = await makeGig(t.prisma, userId, {
      clientId: client, date: '2026-09-11', title: 'Remote keys', artist: 'Hollis & Vane',
      lines: [{ amountMinor: 22500, currency: 'GBP' }, { amountMinor: 12000, currency: 'GBP', kind: 'other' }, { amountMinor: 3170, currency: 'GBP', kind: 'pension', owedToMusician: false }],
    });
    const g2 = await makeGig(t.prisma, userId, { clientId: client, date: '2026-09-18', title: 'Vocal stack', lines: [{ amountMinor: 30000, currency: 'GBP' }] });
    id = invoiceIdFrom(await createInvoiceVia(agent, client, [g1.id, g2.id], { issuedOn: '2026-09-19', dueOn: '2026-10-19', notes: 'PO 88-A — thank you!' }));
    await makePayment(t.prisma, userId, { clientId: client, receivedOn: '2026-10-02', amountMinor: 10000, currency: 'GBP', reference: 'BACS 4471', allocations: [{ gigId: g1.id, amountMinor: 10000 }] });
  });

  it('is a PDF attachment named after the invoice number', async () => {
    const res = await download(`/invoices/${id}.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?INV-0001\.pdf"?$/);
    expect(res.headers['cache-control']).toContain('no-store');
    const body = res.body as Buffer;
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(body.subarray(-6).toString('latin1')).toMatch(/%%EOF\s*$/);
  });

  it('holds the same content as the page: parties, dates, lines, total, payments, balance, funds, notes', async () => {
    const text = pdfText((await download(`/invoices/${id}.pdf`)).body as Buffer);
    for (const expected of [
      'INVOICE',
      'INV-0001',
      'Maya Okafor',
      '2417 Example Ave, Los Angeles',
      'Kingsway Mews Studios',
      'bookings@kingsway.example',
      'Sat, 19 Sept 2026',
      'Mon, 19 Oct 2026',
      'Terms: Payment due within 30 days',
      'Remote keys',
      'Hollis & Vane',
      'Base fee',
      '£225.00',
      '£120.00',
      '£300.00',
      'Total',
      '£645.00', // 225 + 120 + 300; the £31.70 pension is not in it
      'Received',
      '-£100.00',
      'BACS 4471',
      'Balance due',
      '£545.00',
      'Paid by you to the union funds (not to me)'.toUpperCase(),
      '£31.70',
      'PO 88-A — thank you!',
      'Page 1 of 1',
    ]) {
      expect(text, expected).toContain(expected);
    }
  });

  it('says VOID on a voided invoice', async () => {
    const g = await makeGig(t.prisma, userId, { clientId: client, lines: [{ amountMinor: 100, currency: 'GBP' }] });
    const voidId = invoiceIdFrom(await createInvoiceVia(agent, client, [g.id]));
    await t.prisma.invoice.update({ where: { id: voidId }, data: { voidedAt: new Date() } });
    const text = pdfText((await download(`/invoices/${voidId}.pdf`)).body as Buffer);
    expect(text).toContain('VOID — not payable');
    expect(text).toContain('Balance due (void: nothing is due)');
  });

  it('keeps listing what a voided invoice billed, on its page and PDF, though its gigs are free again and edited later', async () => {
    const g = await makeGig(t.prisma, userId, { clientId: client, date: '2026-08-03', title: 'Strings overdub', lines: [{ amountMinor: 41250, currency: 'GBP' }, { amountMinor: 2500, currency: 'GBP', kind: 'cartage' }] });
    await makePayment(t.prisma, userId, { clientId: client, receivedOn: '2026-08-20', amountMinor: 5000, currency: 'GBP', reference: 'DEPOSIT 9', allocations: [{ gigId: g.id, amountMinor: 5000 }] });
    const voidId = invoiceIdFrom(await createInvoiceVia(agent, client, [g.id], { issuedOn: '2026-08-04' }));
    const csrf = /name="_csrf" value="([^"]+)"/.exec((await agent.get(`/invoices/${voidId}/void`)).text)![1];
    expect((await agent.post(`/invoices/${voidId}/void`).type('form').send({ _csrf: csrf })).status).toBe(303);
    // The gig is free for a new invoice, and is changed afterwards.
    expect((await t.prisma.gig.findUniqueOrThrow({ where: { id: g.id } })).invoiceId).toBeNull();
    await t.prisma.gig.update({ where: { id: g.id }, data: { title: 'Renamed later' } });
    await t.prisma.lineItem.updateMany({ where: { gigId: g.id, kind: 'base_fee' }, data: { amountMinor: 99900 } });

    const page = (await agent.get(`/invoices/${voidId}`)).text;
    expect(page).toContain('Below is what it listed when it was voided.');
    for (const expected of ['Strings overdub', '£412.50', '£25.00', '£437.50', 'DEPOSIT 9', '−£50.00']) expect(page, expected).toContain(expected);
    expect(page).not.toContain('Renamed later');
    expect(page).not.toContain('£999.00');
    const text = pdfText((await download(`/invoices/${voidId}.pdf`)).body as Buffer);
    for (const expected of ['VOID — not payable', 'Strings overdub', '£412.50', '£437.50', 'Balance due (void: nothing is due)']) expect(text, expected).toContain(expected);
  });

  it('draws names in any European script as typed, what the font lacks safely, and runs onto more pages for a long invoice', async () => {
    const c = (await t.prisma.client.create({ data: { userId, name: 'Studio Łódź Dvořák Őrség Αθήνα Москва 東京', city: 'Zürich' } })).id;
    const gigs = [];
    for (let i = 0; i < 40; i++) {
      gigs.push((await makeGig(t.prisma, userId, { clientId: c, date: addDays('2026-01-01', i), title: `Session ${i + 1}`, lines: [{ amountMinor: 100000 + i, currency: 'INR' }, { amountMinor: 500, currency: 'INR', kind: 'cartage' }] })).id);
    }
    const longId = invoiceIdFrom(await createInvoiceVia(agent, c, gigs, { issuedOn: today() }));
    const res = await download(`/invoices/${longId}.pdf`);
    expect(res.status).toBe(200);
    const text = pdfText(res.body as Buffer);
    // Chinese is not in the font: "?" rather than an empty box.
    expect(text).toContain('Studio Łódź Dvořák Őrség Αθήνα Москва ??');
    expect(text).toContain('Zürich');
    expect(text).toMatch(/Page 1 of [2-9]/);
    expect(text).toContain('Session 40');
    // 40 × 1,000.00 + (0 + … + 39)/100 + 40 × 5.00 = 40,200.00 + 7.80
    expect(text).toContain('₹40,207.80');
  });
});

describe('pdf helpers', () => {
  it('keeps what the fonts can draw and replaces the rest', async () => {
    const { covers } = await invoiceFonts();
    expect(pdfSafe('Café “Zoë” — €12 £5 ¥9 … Łódź Dvořák Őrség Αθήνα Москва', covers)).toBe('Café “Zoë” — €12 £5 ¥9 … Łódź Dvořák Őrség Αθήνα Москва');
    expect(pdfSafe('日本 Ａ𝐀\r\nline\ttab', covers)).toBe('?? AA\nline tab');
    // Without a glyph for "ł", its plain letter; without accents, the base letters.
    expect(pdfSafe('Łódź', (ch) => ch.charCodeAt(0) < 0x100)).toBe('Lódz');
  });

  it('formats amounts with the symbol when the fonts have it, else the code', async () => {
    const { covers } = await invoiceFonts();
    expect(pdfMoney(123456, 'USD', covers)).toBe('$1,234.56');
    expect(pdfMoney(123456, 'EUR', covers)).toBe('€1,234.56');
    expect(pdfMoney(-500, 'GBP', covers)).toBe('-£5.00');
    expect(pdfMoney(1250, 'JPY', covers)).toBe('¥1,250');
    expect(pdfMoney(123456, 'INR', covers)).toBe('₹1,234.56');
    expect(pdfMoney(123456, 'KRW', covers)).toBe('₩123,456');
    expect(pdfMoney(1234, 'KWD', covers).replace(/\u00a0/g, ' ')).toBe('KWD 1.234');
    expect(pdfMoney(123456, 'INR', (ch) => ch !== '₹').replace(/\u00a0/g, ' ')).toBe('INR 1,234.56');
  });

  it('picks Letter where it is the usual paper and A4 elsewhere', () => {
    expect(pageSizeFor('USD')).toBe('LETTER');
    expect(pageSizeFor('CAD')).toBe('LETTER');
    expect(pageSizeFor('GBP')).toBe('A4');
    expect(pageSizeFor('EUR')).toBe('A4');
  });

  it('names the download safely', () => {
    expect(pdfFilename('INV-0042')).toBe('INV-0042.pdf');
    expect(pdfFilename('2026/7')).toBe('2026-7.pdf');
    expect(pdfFilename('#12')).toBe('12.pdf');
    expect(pdfFilename('///')).toBe('invoice.pdf');
  });
});
