import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn, addDays } from '../../src/lib/dates.ts';
import { signUp, submitForm, testApp, type Agent } from '../support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let agent: Agent;
let userId: number;
const today = todayIn('UTC');

beforeAll(async () => {
  t = await testApp();
  const s = await signUp(t.app, 'Maya Okafor');
  agent = s.agent;
  userId = (await t.prisma.user.findUniqueOrThrow({ where: { email: s.email } })).id;
});
afterAll(() => t.close());

const quickLog = (fields: Record<string, string>) =>
  submitForm(agent, '/gigs/new', '/gigs', {
    date: today, clientName: 'Sunset Sound', kind: 'studio_session', status: 'done', hours: '3', instruments: 'piano', currency: 'USD',
    'items[0][kind]': 'base_fee', 'items[0][amount]': '434.21',
    ...fields,
  });

const gigIdFrom = (location: string) => Number(/^\/gigs\/(\d+)$/.exec(location)![1]);

describe('the quick log', () => {
  it('offers today, the last instruments and the home currency', async () => {
    const page = await agent.get('/gigs/new');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`name="date" value="${today}"`);
    expect(page.text).toContain('name="currency" value="USD"');
    expect(page.text).toMatch(/<label for="f-fee">Fee/);
  });

  it('logs a gig with a new client in one post and lands on it with "Logged"', async () => {
    const res = await quickLog({ clientName: 'Capitol Studio B' });
    expect(res.status).toBe(303);
    const id = gigIdFrom(res.headers.location);
    const gig = await t.prisma.gig.findUniqueOrThrow({ where: { id }, include: { lineItems: true, client: true } });
    expect(gig).toMatchObject({ userId, date: today, kind: 'studio_session', status: 'done', durationMinutes: 180, instruments: 'piano', dueDate: addDays(today, 30) });
    expect(gig.client?.name).toBe('Capitol Studio B');
    expect(gig.lineItems).toMatchObject([{ kind: 'base_fee', amountMinor: 43421, currency: 'USD', owedToMusician: true }]);

    const page = await agent.get(res.headers.location);
    expect(page.text).toContain('Logged. Capitol Studio B was added to your clients.');
    expect(page.text).toContain('$434.21');
    expect(page.text).toContain('data-clear-draft="gig-new"');
  });

  it('reuses an existing client whatever the case of the name', async () => {
    await quickLog({ clientName: 'Blackbird Studio' });
    await quickLog({ clientName: 'blackbird studio' });
    expect(await t.prisma.client.count({ where: { userId, name: { in: ['Blackbird Studio', 'blackbird studio'] } } })).toBe(1);
  });

  it('remembers the instruments from the last gig', async () => {
    await quickLog({ instruments: 'Hammond organ, backing vocals', date: addDays(today, -0) });
    const page = await agent.get('/gigs/new');
    expect(page.text).toContain('value="Hammond organ, backing vocals"');
  });

  it('records extra fee lines; pension is kept but not owed', async () => {
    const res = await quickLog({
      'items[1][kind]': 'overtime', 'items[1][description]': '2 × 30 min', 'items[1][amount]': '144.74',
      'items[2][kind]': 'pension', 'items[2][amount]': '81.55',
    });
    const id = gigIdFrom(res.headers.location);
    const items = await t.prisma.lineItem.findMany({ where: { gigId: id }, orderBy: { position: 'asc' } });
    expect(items.map((i) => [i.kind, i.amountMinor, i.owedToMusician])).toEqual([
      ['base_fee', 43421, true],
      ['overtime', 14474, true],
      ['pension', 8155, false],
    ]);
    const page = await agent.get(`/gigs/${id}`);
    expect(page.text).toContain('$578.95'); // agreed: 434.21 + 144.74
    expect(page.text).toContain('Employer contributions to union funds: $81.55');
  });
});

describe('bad input comes back with messages and loses nothing', () => {
  const cases: [string, Record<string, string>, string, string][] = [
    ['an impossible date', { date: '2026-02-30' }, 'Enter a real date like 2026-11-26.', 'value="2026-02-30"'],
    ['a negative amount', { 'items[0][amount]': '-50' }, 'Enter an amount of zero or more.', 'value="-50"'],
    ['a non-numeric amount', { 'items[0][amount]': 'lots' }, 'Enter an amount like', 'value="lots"'],
    ['too many decimals', { 'items[0][amount]': '12.345' }, 'USD amounts have at most 2 decimal places', 'value="12.345"'],
    ['an unknown currency', { currency: 'XYZ' }, 'Use a three-letter ISO 4217 currency code', 'value="XYZ"'],
    ['10,000-character notes', { notes: 'n'.repeat(10_000) }, 'Notes can be at most 5,000 characters.', 'nnnnnnnnnn'],
    ['unreadable hours', { hours: 'all day' }, 'Enter hours like 3, 3:45 or 3.5', 'value="all day"'],
    ['a due date before the gig', { dueDate: addDays(today, -400) }, 'The due date cannot be before the gig.', `value="${addDays(today, -400)}"`],
    ['a future gig marked done', { date: addDays(today, 10) }, 'can’t be done yet', `value="${addDays(today, 10)}"`],
    ['a fee line with no amount', { 'items[1][kind]': 'cartage', 'items[1][description]': 'Rhodes' }, 'Enter an amount, like', 'value="Rhodes"'],
    ['no client on a booked gig', { clientName: '' }, 'Who booked this gig?', 'name="clientName" value=""'],
    ['a B-form without union', { bFormFiled: 'on' }, 'B-forms are filed for union sessions', 'name="bFormFiled" value="on" checked'],
  ];

  it.each(cases)('%s', async (_name, fields, message, kept) => {
    const before = await t.prisma.gig.count({ where: { userId } });
    const res = await quickLog({ title: 'Kept title', ...fields });
    expect(res.status).toBe(422);
    expect(res.text).toContain(message);
    expect(res.text).toContain(kept);
    expect(res.text).toContain('value="Kept title"');
    expect(res.text).toContain('aria-invalid="true"');
    expect(await t.prisma.gig.count({ where: { userId } })).toBe(before);
  });

  it("refuses another musician's client id, beside the client field", async () => {
    const other = await signUp(t.app, 'Other');
    const otherId = (await t.prisma.user.findUniqueOrThrow({ where: { email: other.email } })).id;
    const theirs = await t.prisma.client.create({ data: { userId: otherId, name: 'Their Studio' } });
    const before = await t.prisma.gig.count({ where: { userId } });
    const res = await quickLog({ clientId: String(theirs.id), clientName: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('That client is not in your list.');
    expect(res.text).not.toContain('Their Studio');
    expect(await t.prisma.gig.count({ where: { userId } })).toBe(before);
  });

  it('refuses a posted field that is not a string without a 500', async () => {
    const page = await agent.get('/gigs/new');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await agent.post('/gigs').type('form').send(`_csrf=${csrf}&date[a]=1&kind=studio_session&status=done&currency=USD&clientName=X`);
    expect(res.status).toBe(422);
  });
});

describe('the gig page', () => {
  it('moves the status on in one click, and refuses "done" for a future gig', async () => {
    const res = await quickLog({ date: addDays(today, 7), status: 'hold', clientName: 'Future Client' });
    const id = gigIdFrom(res.headers.location);
    const page = await agent.get(`/gigs/${id}`);
    expect(page.text).toContain('Mark as booked');
    await submitForm(agent, `/gigs/${id}`, `/gigs/${id}/status`, { status: 'booked' });
    expect((await t.prisma.gig.findUniqueOrThrow({ where: { id } })).status).toBe('booked');
    const done = await submitForm(agent, `/gigs/${id}`, `/gigs/${id}/status`, { status: 'done' });
    expect((await agent.get(done.headers.location)).text).toContain('can’t be done yet');
    expect((await t.prisma.gig.findUniqueOrThrow({ where: { id } })).status).toBe('booked');
  });

  it('edits a gig, replacing its fee lines', async () => {
    const res = await quickLog({ title: 'Before' });
    const id = gigIdFrom(res.headers.location);
    const edit = await agent.get(`/gigs/${id}/edit`);
    expect(edit.text).toContain('value="Before"');
    expect(edit.text).toContain('value="434.21"');
    const saved = await submitForm(agent, `/gigs/${id}/edit`, `/gigs/${id}`, {
      date: today, clientName: 'Sunset Sound', kind: 'remote_session', status: 'done', currency: 'GBP', title: 'After',
      'items[0][kind]': 'base_fee', 'items[0][amount]': '300',
    });
    expect(saved.status).toBe(303);
    const gig = await t.prisma.gig.findUniqueOrThrow({ where: { id }, include: { lineItems: true } });
    expect(gig.title).toBe('After');
    expect(gig.kind).toBe('remote_session');
    expect(gig.lineItems.map((i) => [i.amountMinor, i.currency])).toEqual([[30000, 'GBP']]);
  });

  it('duplicates a gig into a new form dated today', async () => {
    const res = await quickLog({ title: 'Weekly jingle', date: addDays(today, -7), instruments: 'Wurlitzer' });
    const id = gigIdFrom(res.headers.location);
    const page = await agent.get(`/gigs/new?from=${id}`);
    expect(page.text).toContain('value="Weekly jingle"');
    expect(page.text).toContain(`name="date" value="${today}"`);
    expect(page.text).toContain('value="434.21"');
  });

  it('deletes after confirmation', async () => {
    const res = await quickLog({ title: 'To delete' });
    const id = gigIdFrom(res.headers.location);
    expect((await agent.get(`/gigs/${id}/delete`)).text).toContain('Delete this gig?');
    await submitForm(agent, `/gigs/${id}/delete`, `/gigs/${id}/delete`, {});
    expect(await t.prisma.gig.count({ where: { id } })).toBe(0);
    expect(await t.prisma.lineItem.count({ where: { gigId: id } })).toBe(0);
  });

  it('answers 404 for ids that are not numbers or do not exist', async () => {
    expect((await agent.get('/gigs/abc')).status).toBe(404);
    expect((await agent.get('/gigs/999999')).status).toBe(404);
    expect((await agent.get('/gigs/99999999999999')).status).toBe(404);
  });
});

describe('edits that would break the books', () => {
  it("refuses to change the currency of a gig that has payments, and keeps no client created on the way", async () => {
    const res = await quickLog({ clientName: 'Paid Studio', 'items[0][amount]': '500' });
    const id = gigIdFrom(res.headers.location);
    const gig = await t.prisma.gig.findUniqueOrThrow({ where: { id } });
    const payment = await t.prisma.payment.create({ data: { userId, clientId: gig.clientId, receivedOn: today, amountMinor: 20000, currency: 'USD' } });
    await t.prisma.paymentAllocation.create({ data: { userId, paymentId: payment.id, gigId: id, amountMinor: 20000 } });
    const clientsBefore = await t.prisma.client.count({ where: { userId } });
    const edit = await submitForm(agent, `/gigs/${id}/edit`, `/gigs/${id}`, {
      date: today, clientName: 'A Brand New Client', kind: 'studio_session', status: 'done', currency: 'EUR', 'items[0][kind]': 'base_fee', 'items[0][amount]': '500',
    });
    expect(edit.status).toBe(422);
    expect(edit.text).toContain('Payments in USD are recorded against this gig');
    expect(edit.text).toContain('value="A Brand New Client"');
    expect(await t.prisma.client.count({ where: { userId } })).toBe(clientsBefore);
    expect((await t.prisma.lineItem.findMany({ where: { gigId: id } })).map((l) => l.currency)).toEqual(['USD']);
  });

  it('keeps no new payer client when the booker is refused', async () => {
    const other = await signUp(t.app, 'Someone Else');
    const otherId = (await t.prisma.user.findUniqueOrThrow({ where: { email: other.email } })).id;
    const theirs = await t.prisma.client.create({ data: { userId: otherId, name: 'Not Yours' } });
    const before = await t.prisma.client.count({ where: { userId } });
    const res = await quickLog({ clientId: String(theirs.id), clientName: '', payerName: 'Fresh Payer Ltd' });
    expect(res.status).toBe(422);
    expect(await t.prisma.client.count({ where: { userId } })).toBe(before);
  });
});

describe('a gig with payments', () => {
  it('cannot lose all its fee lines and then change currency', async () => {
    const res = await quickLog({ clientName: 'Sneaky Path Studio', 'items[0][amount]': '500' });
    const id = gigIdFrom(res.headers.location);
    const gig = await t.prisma.gig.findUniqueOrThrow({ where: { id } });
    const payment = await t.prisma.payment.create({ data: { userId, clientId: gig.clientId, receivedOn: today, amountMinor: 20000, currency: 'USD' } });
    await t.prisma.paymentAllocation.create({ data: { userId, paymentId: payment.id, gigId: id, amountMinor: 20000 } });
    const base = { date: today, clientName: 'Sneaky Path Studio', kind: 'studio_session', status: 'done', 'items[0][kind]': 'base_fee' };
    const emptied = await submitForm(agent, `/gigs/${id}/edit`, `/gigs/${id}`, { ...base, currency: 'USD', 'items[0][amount]': '' });
    expect(emptied.status).toBe(422);
    expect(emptied.text).toContain('keeps at least one fee line in USD');
    const yen = await submitForm(agent, `/gigs/${id}/edit`, `/gigs/${id}`, { ...base, currency: 'JPY', 'items[0][amount]': '500' });
    expect(yen.status).toBe(422);
    const after = await t.prisma.gig.findUniqueOrThrow({ where: { id } });
    expect([after.balanceCurrency, after.agreedMinor, after.paidMinor]).toEqual(['USD', 50000, 20000]);
  });

  it('answers a status change without a body with a message, not a 500', async () => {
    const res = await quickLog({});
    const id = gigIdFrom(res.headers.location);
    const page = await agent.get(`/gigs/${id}`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const bare = await agent.post(`/gigs/${id}/status`).set('x-csrf-token', csrf);
    expect(bare.status).toBe(303);
  });
});
