// Creating invoices: which gigs can be billed, numbering (sequence, prefix,
// never reused, concurrent creation), one currency per invoice, validation
// and another musician's rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { createPrisma } from '../../src/db/client.ts';
import { addDays } from '../../src/lib/dates.ts';
import request from 'supertest';
import { csrfFrom, signUp, submitForm, testApp, testConfig, type Agent } from '../support/app.ts';
import { createInvoiceVia, invoiceIdFrom, makeGig, numbering, signUpWithId, squash, today } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const usd = (amountMinor: number, kind = 'base_fee', owedToMusician = true) => ({ amountMinor, currency: 'USD', kind, owedToMusician });

describe('choosing what to invoice', () => {
  let agent: Agent;
  let userId: number;
  let studio: number;
  let label: number;
  const gigs: Record<string, number> = {};

  beforeAll(async () => {
    ({ agent, userId } = await signUpWithId(t, 'Maya Okafor'));
    studio = (await t.prisma.client.create({ data: { userId, name: 'Sunset Sound', kind: 'studio' } })).id;
    label = (await t.prisma.client.create({ data: { userId, name: 'Copper Kettle Records', kind: 'label' } })).id;
    const gig = async (key: string, data: Parameters<typeof makeGig>[2]) => {
      gigs[key] = (await makeGig(t.prisma, userId, { title: key, ...data })).id;
    };
    await gig('Done session', { clientId: studio, status: 'done', lines: [usd(43421)] });
    await gig('Booked date', { clientId: studio, status: 'booked', date: addDays(today(), 10), lines: [usd(20000)] });
    await gig('A hold', { clientId: studio, status: 'hold', lines: [usd(99900)] });
    await gig('Cancelled, no fee', { clientId: studio, status: 'cancelled', lines: [usd(50000)] });
    await gig('Cancelled with fee', { clientId: studio, status: 'cancelled', lines: [usd(50000), usd(15000, 'cancellation_fee')] });
    await gig('No fee yet', { clientId: studio, status: 'done', lines: [] });
    // Booked by the studio, paid by the label: billed to the label.
    await gig('Label pays', { clientId: studio, payerId: label, status: 'done', lines: [usd(70000)] });
  });

  it('lists the clients with gigs waiting for an invoice', async () => {
    const res = await agent.get('/invoices/new');
    expect(res.status).toBe(200);
    const html = squash(res.text);
    expect(html).toContain(`href="/invoices/new?clientId=${studio}"`);
    expect(html).toMatch(/Sunset Sound<\/a> <span class="muted">3 gigs to invoice/);
    expect(html).toMatch(/Copper Kettle Records<\/a> <span class="muted">1 gig to invoice/);
  });

  it('offers only booked, done and late-cancelled gigs with a fee, billed to that client, and pre-ticks the one asked for', async () => {
    const res = await agent.get(`/invoices/new?clientId=${studio}&gigId=${gigs['Booked date']}`);
    expect(res.status).toBe(200);
    const offered = [...res.text.matchAll(/name="gigIds" value="(\d+)"/g)].map((m) => Number(m[1])).sort();
    expect(offered).toEqual([gigs['Done session'], gigs['Booked date'], gigs['Cancelled with fee']].sort());
    expect(res.text).toMatch(new RegExp(`name="gigIds" value="${gigs['Booked date']}" checked`));
    expect(res.text).not.toMatch(new RegExp(`name="gigIds" value="${gigs['Done session']}" checked`));
    // The cancelled gig is billed for its fee only.
    expect(squash(res.text)).toContain('$150.00');
    expect(res.text).toContain(`name="issuedOn" value="${today()}"`);
    expect(res.text).toContain(`Leave empty for 30 days after the issue date`);
  });

  it('offers the gig the label pays for under the label', async () => {
    const res = await agent.get(`/invoices/new?clientId=${label}`);
    const offered = [...res.text.matchAll(/name="gigIds" value="(\d+)"/g)].map((m) => Number(m[1]));
    expect(offered).toEqual([gigs['Label pays']]);
  });

  it('refuses a gig that is not billed to this client, a hold, or one without a fee, and saves nothing', async () => {
    const before = await numbering(t.prisma, userId);
    for (const [key, message] of [
      ['Label pays', 'is not billed to Sunset Sound'],
      ['A hold', 'has nothing to invoice yet'],
      ['No fee yet', 'has nothing to invoice yet'],
      ['Cancelled, no fee', 'has nothing to invoice yet'],
    ] as const) {
      const res = await createInvoiceVia(agent, studio, [gigs[key]]);
      expect(res.status, key).toBe(422);
      expect(res.text).toContain(message);
    }
    expect(await t.prisma.invoice.count({ where: { userId } })).toBe(0);
    expect(await numbering(t.prisma, userId)).toEqual(before);
  });

  it('links to the invoice from the gig page, and offers "Create invoice" before there is one', async () => {
    const page = await agent.get(`/gigs/${gigs['Label pays']}`);
    expect(page.text).toContain(`href="/invoices/new?clientId=${label}&amp;gigId=${gigs['Label pays']}"`);
    const res = await createInvoiceVia(agent, label, [gigs['Label pays']]);
    const id = invoiceIdFrom(res);
    const after = await agent.get(`/gigs/${gigs['Label pays']}`);
    expect(after.text).toContain(`Invoice <a href="/invoices/${id}">INV-0001</a>`);
    expect(after.text).not.toContain('Create invoice');
    // A hold can't be invoiced, so no link.
    expect((await agent.get(`/gigs/${gigs['A hold']}`)).text).not.toContain('Create invoice');
  });
});

describe('creating an invoice', () => {
  let agent: Agent;
  let userId: number;
  let client: number;

  beforeAll(async () => {
    ({ agent, userId } = await signUpWithId(t, 'Maya Okafor'));
    await t.prisma.user.update({ where: { id: userId }, data: { invoiceDetails: '2417 Example Ave\nLos Angeles, CA', paymentTermsDays: 21 } });
    client = (await t.prisma.client.create({ data: { userId, name: 'Sunset Sound', company: 'Sunset Sound Recorders', email: 'ap@sunset.example', city: 'Hollywood', kind: 'studio' } })).id;
  });

  const gig = async (lines = [usd(43421)], date = '2026-10-01') => (await makeGig(t.prisma, userId, { clientId: client, date, lines })).id;

  it('numbers with the prefix, takes the number and links the gigs in one go, with the due date, terms and snapshots', async () => {
    const [a, b] = [await gig(), await gig([usd(12345)], '2026-10-02')];
    const res = await createInvoiceVia(agent, client, [a, b], { notes: 'PO 7781' });
    expect(res.status).toBe(303);
    const id = invoiceIdFrom(res);
    const invoice = await t.prisma.invoice.findUniqueOrThrow({ where: { id }, include: { gigs: { orderBy: { id: 'asc' } } } });
    const due = addDays(today(), 21);
    expect(invoice).toMatchObject({
      userId,
      clientId: client,
      number: 'INV-0001',
      issuedOn: today(),
      dueOn: due,
      currency: 'USD',
      terms: 'Payment due within 21 days',
      notes: 'PO 7781',
      billToText: 'Sunset Sound\nSunset Sound Recorders\nap@sunset.example\nHollywood',
      voidedAt: null,
    });
    expect(invoice.fromText).toMatch(/^Maya Okafor\nmusician\d+-\d+@example\.test\n2417 Example Ave\nLos Angeles, CA$/);
    expect(invoice.gigs.map((g) => [g.id, g.dueDate])).toEqual([[a, due], [b, due]]);
    expect((await numbering(t.prisma, userId)).nextInvoiceNumber).toBe(2);
    const page = await agent.get(`/invoices/${id}`);
    expect(page.text).toContain('Invoice INV-0001 created.');
  });

  it('numbers in sequence and uses a chosen due date and terms', async () => {
    const res = await createInvoiceVia(agent, client, [await gig()], { issuedOn: '2026-11-01', dueOn: '2026-11-16', terms: 'Net 15, by ACH please' });
    const invoice = await t.prisma.invoice.findUniqueOrThrow({ where: { id: invoiceIdFrom(res) } });
    expect(invoice).toMatchObject({ number: 'INV-0002', issuedOn: '2026-11-01', dueOn: '2026-11-16', terms: 'Net 15, by ACH please' });
    const res2 = await createInvoiceVia(agent, client, [await gig()], { issuedOn: '2026-11-01', dueOn: '2026-11-01' });
    expect((await t.prisma.invoice.findUniqueOrThrow({ where: { id: invoiceIdFrom(res2) } })).terms).toBe('Payment due on receipt');
  });

  it('keeps the snapshots when the client or the profile changes later', async () => {
    const id = invoiceIdFrom(await createInvoiceVia(agent, client, [await gig()]));
    await t.prisma.client.update({ where: { id: client }, data: { name: 'Renamed Studio', email: 'new@example.test' } });
    await t.prisma.user.update({ where: { id: userId }, data: { invoiceDetails: 'Moved away' } });
    const invoice = await t.prisma.invoice.findUniqueOrThrow({ where: { id } });
    expect(invoice.billToText).toContain('Sunset Sound\n');
    expect(invoice.fromText).toContain('2417 Example Ave');
    const page = await agent.get(`/invoices/${id}`);
    expect(page.text).toContain('2417 Example Ave');
    expect(page.text).not.toContain('Moved away');
    await t.prisma.client.update({ where: { id: client }, data: { name: 'Sunset Sound', email: 'ap@sunset.example' } });
  });

  it('refuses gigs in two currencies with a clear message, keeps the input and saves nothing', async () => {
    const dollars = await gig();
    const pounds = await gig([{ amountMinor: 40000, currency: 'GBP', kind: 'base_fee', owedToMusician: true }]);
    const before = await numbering(t.prisma, userId);
    const invoices = await t.prisma.invoice.count({ where: { userId } });
    const res = await createInvoiceVia(agent, client, [dollars, pounds], { notes: 'Keep this note' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('These gigs are in different currencies (GBP, USD). An invoice is in one currency');
    expect(res.text).toContain('Keep this note');
    expect(res.text).toMatch(new RegExp(`name="gigIds" value="${dollars}" checked`));
    expect(res.text).toMatch(new RegExp(`name="gigIds" value="${pounds}" checked`));
    expect(await t.prisma.invoice.count({ where: { userId } })).toBe(invoices);
    expect(await numbering(t.prisma, userId)).toEqual(before);
    expect((await t.prisma.gig.findUniqueOrThrow({ where: { id: dollars } })).invoiceId).toBeNull();
    // Each currency on its own is fine.
    expect((await createInvoiceVia(agent, client, [pounds])).status).toBe(303);
    expect((await t.prisma.invoice.findFirstOrThrow({ where: { userId }, orderBy: { id: 'desc' } })).currency).toBe('GBP');
  });

  it('shows every validation message beside its field and keeps what was typed', async () => {
    const before = await numbering(t.prisma, userId);
    const noGigs = await createInvoiceVia(agent, client, [], { notes: 'Typed notes' });
    expect(noGigs.status).toBe(422);
    expect(noGigs.text).toContain('Tick at least one gig to put on the invoice.');
    expect(noGigs.text).toContain('Typed notes');

    const g = await gig();
    const badDates = await createInvoiceVia(agent, client, [g], { issuedOn: '2026-02-30', dueOn: 'soon' });
    expect(badDates.status).toBe(422);
    expect(badDates.text).toContain('Enter a real date like 2026-11-26.');
    expect(badDates.text).toContain('Enter a real due date like 2026-12-26, or leave it empty for your usual terms.');
    expect(badDates.text).toContain('value="soon"');

    const backwards = await createInvoiceVia(agent, client, [g], { issuedOn: '2026-11-20', dueOn: '2026-11-01' });
    expect(backwards.status).toBe(422);
    expect(backwards.text).toContain('The due date can’t be before the issue date.');

    const tooLong = await createInvoiceVia(agent, client, [g], { terms: 'x'.repeat(501) });
    expect(tooLong.text).toContain('Terms can be at most 500 characters.');

    expect(await numbering(t.prisma, userId)).toEqual(before);
    expect((await t.prisma.gig.findUniqueOrThrow({ where: { id: g } })).invoiceId).toBeNull();
  });

  it('refuses a gig that is already on an invoice', async () => {
    const g = await gig();
    const first = await createInvoiceVia(agent, client, [g]);
    const number = (await t.prisma.invoice.findUniqueOrThrow({ where: { id: invoiceIdFrom(first) } })).number;
    const second = await createInvoiceVia(agent, client, [g]);
    expect(second.status).toBe(422);
    expect(second.text).toContain(`is already on invoice ${number}`);
  });
});

describe('numbers', () => {
  let agent: Agent;
  let userId: number;
  let client: number;

  let login: { email: string; password: string };

  beforeAll(async () => {
    const s = await signUp(t.app);
    agent = s.agent;
    login = { email: s.email, password: s.password };
    userId = (await t.prisma.user.findUniqueOrThrow({ where: { email: s.email } })).id;
    client = (await t.prisma.client.create({ data: { userId, name: 'Blackbird', kind: 'studio' } })).id;
  });
  const gig = async (currency = 'USD') => (await makeGig(t.prisma, userId, { clientId: client, lines: [{ amountMinor: 10000, currency }] })).id;
  const numberOf = async (res: Awaited<ReturnType<typeof createInvoiceVia>>) => (await t.prisma.invoice.findUniqueOrThrow({ where: { id: invoiceIdFrom(res) } })).number;

  it('uses the prefix and next number from the numbering settings; the number may only go up', async () => {
    const page = await agent.get('/invoices/settings');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Your next invoice will be <span class="invoice-settings__next">INV-0001</span>');

    const saved = await submitForm(agent, '/invoices/settings', '/invoices/settings', { invoicePrefix: 'MO-2026-', nextInvoiceNumber: '41' });
    expect(saved.status).toBe(303);
    expect(await numbering(t.prisma, userId)).toEqual({ invoicePrefix: 'MO-2026-', nextInvoiceNumber: 41 });
    expect(await numberOf(await createInvoiceVia(agent, client, [await gig()]))).toBe('MO-2026-0041');

    const lowered = await submitForm(agent, '/invoices/settings', '/invoices/settings', { invoicePrefix: 'X-', nextInvoiceNumber: '7' });
    expect(lowered.status).toBe(422);
    expect(lowered.text).toContain('Invoice numbers are never reused, so the next number can only go up: it is 42 now.');
    expect(lowered.text).toContain('value="X-"');
    expect(await numbering(t.prisma, userId)).toEqual({ invoicePrefix: 'MO-2026-', nextInvoiceNumber: 42 });

    const badPrefix = await submitForm(agent, '/invoices/settings', '/invoices/settings', { invoicePrefix: 'WAY-TOO-LONG-PREFIX', nextInvoiceNumber: 'abc' });
    expect(badPrefix.status).toBe(422);
    expect(badPrefix.text).toContain('The prefix can be at most 12 characters.');
    expect(badPrefix.text).toContain('Enter the next number as a whole number.');

    // The same number is allowed (just the prefix changes).
    expect((await submitForm(agent, '/invoices/settings', '/invoices/settings', { invoicePrefix: 'INV-', nextInvoiceNumber: '42' })).status).toBe(303);
    expect(await numberOf(await createInvoiceVia(agent, client, [await gig()]))).toBe('INV-0042');
  });

  it('never reuses a number: voiding keeps it, and the freed gig goes on a new number', async () => {
    const g = await gig();
    const res = await createInvoiceVia(agent, client, [g]);
    const id = invoiceIdFrom(res);
    const number = await numberOf(res);
    const confirm = await agent.get(`/invoices/${id}/void`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('Void invoice');
    const voided = await submitForm(agent, `/invoices/${id}/void`, `/invoices/${id}/void`, {});
    expect(voided.status).toBe(303);
    const after = await t.prisma.invoice.findUniqueOrThrow({ where: { id } });
    expect(after.voidedAt).not.toBeNull();
    expect(after.number).toBe(number);
    expect((await t.prisma.gig.findUniqueOrThrow({ where: { id: g } })).invoiceId).toBeNull();
    const again = await createInvoiceVia(agent, client, [g]);
    expect(await numberOf(again)).not.toBe(number);
    expect(await numberOf(again)).toBe('INV-0044');
    // Voiding twice changes nothing.
    const twice = await agent.post(`/invoices/${id}/void`).type('form').send({ _csrf: csrfFrom(await agent.get(`/invoices/${id}`)) });
    expect(twice.status).toBe(303);
    expect((await t.prisma.invoice.findUniqueOrThrow({ where: { id } })).voidedAt).toEqual(after.voidedAt);
  });

  it('gives two concurrent creations different numbers (same process)', async () => {
    const [g1, g2] = [await gig(), await gig()];
    const csrf = csrfFrom(await agent.get(`/invoices/new?clientId=${client}`));
    const post = (g: number) => agent.post('/invoices').type('form').send({ _csrf: csrf, clientId: String(client), gigIds: String(g), issuedOn: today() });
    const [a, b] = await Promise.all([post(g1), post(g2)]);
    expect([a.status, b.status]).toEqual([303, 303]);
    const numbers = [await numberOf(a), await numberOf(b)].sort();
    expect(numbers).toEqual(['INV-0045', 'INV-0046']);
  });

  it('gives concurrent creations on two database connections different numbers, and one gig to only one of them', async () => {
    // A second app on its own connection to the same file: two server processes.
    const other = createPrisma(t.db.url);
    try {
      const app2 = createApp({ prisma: other, config: testConfig, log: () => {} });
      const agent2 = request.agent(app2);
      expect((await submitForm(agent2, '/signin', '/signin', login)).status).toBe(303);
      const csrf = csrfFrom(await agent.get(`/invoices/new?clientId=${client}`));
      const csrf2 = csrfFrom(await agent2.get(`/invoices/new?clientId=${client}`));
      const before = (await numbering(t.prisma, userId)).nextInvoiceNumber;

      const gigsA = await Promise.all(Array.from({ length: 5 }, () => gig()));
      const gigsB = await Promise.all(Array.from({ length: 5 }, () => gig()));
      const send = (ag: Agent, g: number) => ag.post('/invoices').type('form').send({ _csrf: ag === agent ? csrf : csrf2, clientId: String(client), gigIds: String(g), issuedOn: today() });
      const results = await Promise.all(gigsA.flatMap((g, i) => [send(agent, g), send(agent2, gigsB[i])]));
      expect(results.map((r) => r.status)).toEqual(Array(10).fill(303));
      const numbers = await Promise.all(results.map(numberOf));
      expect(new Set(numbers).size).toBe(10);
      expect((await numbering(t.prisma, userId)).nextInvoiceNumber).toBe(before + 10);

      // One gig ticked on both connections at once: one invoice gets it, the other is refused and gives its number back.
      const contested = await gig();
      const [x, y] = await Promise.all([send(agent, contested), send(agent2, contested)]);
      expect([x.status, y.status].sort()).toEqual([303, 422]);
      expect((x.status === 422 ? x : y).text).toMatch(/already on invoice|put on another invoice in the meantime/);
      expect((await numbering(t.prisma, userId)).nextInvoiceNumber).toBe(before + 11);
      expect(await t.prisma.invoice.count({ where: { userId, gigs: { some: { id: contested } } } })).toBe(1);
    } finally {
      await other.$disconnect();
    }
  });

  it('shows a clear error when a changed prefix would repeat an existing number', async () => {
    const existing = await t.prisma.invoice.findFirstOrThrow({ where: { userId }, orderBy: { id: 'desc' } });
    const sequence = Number(existing.number.replace(/^INV-/, ''));
    // Only possible through a hand edit or a restored backup (the form only lets the number go up),
    // or with odd prefixes past 9999 ("INV-1" + 0005 = "INV-" + 10005): the unique index refuses it.
    await t.prisma.user.update({ where: { id: userId }, data: { invoicePrefix: 'INV-', nextInvoiceNumber: sequence } });
    const before = await numbering(t.prisma, userId);
    const res = await createInvoiceVia(agent, client, [await gig()]);
    expect(res.status).toBe(422);
    expect(res.text).toContain('An invoice with the next number already exists');
    expect(await numbering(t.prisma, userId)).toEqual(before);
    await t.prisma.user.update({ where: { id: userId }, data: { nextInvoiceNumber: sequence + 1 } });
  });
});

describe("another musician's rows", () => {
  it('404s on their client and refuses their gigs on my client, creating nothing', async () => {
    const me = await signUpWithId(t, 'Me');
    const them = await signUpWithId(t, 'Them');
    const mine = (await t.prisma.client.create({ data: { userId: me.userId, name: 'Mine' } })).id;
    const theirs = (await t.prisma.client.create({ data: { userId: them.userId, name: 'Theirs' } })).id;
    const theirGig = (await makeGig(t.prisma, them.userId, { clientId: theirs, lines: [usd(10000)] })).id;
    const myGig = (await makeGig(t.prisma, me.userId, { clientId: mine, lines: [usd(10000)] })).id;
    const before = await Promise.all([numbering(t.prisma, me.userId), numbering(t.prisma, them.userId)]);

    expect((await me.agent.get(`/invoices/new?clientId=${theirs}`)).status).toBe(404);
    const csrf = csrfFrom(await me.agent.get('/invoices'));
    const onTheirClient = await me.agent.post('/invoices').type('form').send({ _csrf: csrf, clientId: String(theirs), gigIds: String(theirGig), issuedOn: today() });
    expect(onTheirClient.status).toBe(404);

    const theirGigOnMine = await createInvoiceVia(me.agent, mine, [myGig, theirGig]);
    expect(theirGigOnMine.status).toBe(422);
    expect(theirGigOnMine.text).toContain('One of the ticked gigs is not in your list any more.');

    expect(await t.prisma.invoice.count({ where: { userId: { in: [me.userId, them.userId] } } })).toBe(0);
    expect(await Promise.all([numbering(t.prisma, me.userId), numbering(t.prisma, them.userId)])).toEqual(before);
    expect((await t.prisma.gig.findUniqueOrThrow({ where: { id: theirGig } })).invoiceId).toBeNull();
    // Their invoices never show in my list.
    await createInvoiceVia(them.agent, theirs, [theirGig]);
    expect((await me.agent.get('/invoices')).text).not.toContain('Theirs');
  });
});
