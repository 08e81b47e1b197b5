// Recording a payment over HTTP: the form's defaults, the allocation (typed,
// suggested, or oldest first when left empty), over-payments kept as credit,
// deposits on future gigs, validation, and other musicians' ids.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/lib/dates.ts';
import { testApp, type Agent } from '../support/app.ts';
import { balance, countsFor, inputValue, listed, makeGig, makePayment, paymentIdFrom, postPayment, signUpWithId, squash } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let agent: Agent;
let userId: number;
const today = todayIn('UTC');
const daysAgo = (n: number) => addDays(today, -n);

beforeAll(async () => {
  t = await testApp();
  ({ agent, userId } = await signUpWithId(t, 'Maya Okafor'));
});
afterAll(() => t.close());

/** A fresh client for each test, so balances do not mix. */
let clientId: number;
let clientName: string;
let n = 0;
beforeEach(async () => {
  clientName = `Sunset Sound ${++n}`;
  clientId = (await t.prisma.client.create({ data: { userId, name: clientName, kind: 'studio' } })).id;
});

const usd = (amountMinor: number) => [{ amountMinor, currency: 'USD' }];
const base = () => ({ clientId: String(clientId), currency: 'USD', receivedOn: today, method: 'bank_transfer', reference: '', notes: '' });

describe('the form', () => {
  it('from a gig: its payer, currency and open balance, allocated to that gig', async () => {
    const older = await makeGig(t.prisma, userId, { clientId, date: daysAgo(40), lines: usd(10000) });
    const gig = await makeGig(t.prisma, userId, { clientId, date: daysAgo(10), title: 'Album tracking', lines: [{ amountMinor: 43421, currency: 'USD' }, { amountMinor: 5562, currency: 'USD', kind: 'pension', owedToMusician: false }] });
    const page = await agent.get(`/payments/new?gigId=${gig.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(new RegExp(`<option value="${clientId}" selected>`));
    expect(inputValue(page.text, 'amount')).toBe('434.21');
    expect(inputValue(page.text, 'currency')).toBe('USD');
    expect(inputValue(page.text, 'receivedOn')).toBe(today);
    expect(inputValue(page.text, `alloc_${gig.id}`)).toBe('434.21');
    expect(inputValue(page.text, `alloc_${older.id}`)).toBe(''); // the older gig is listed, but this money is for the gig it came from
    expect(page.text).toContain('Album tracking');
    expect(page.text).toContain('<script src="/js/payments.js" defer></script>');
  });

  it('from a gig paid by someone else: the payer is pre-selected, not the booker', async () => {
    const label = await t.prisma.client.create({ data: { userId, name: `Copper Kettle Records ${n}`, kind: 'label' } });
    const gig = await makeGig(t.prisma, userId, { clientId, payerId: label.id, date: daysAgo(5), lines: [{ amountMinor: 30000, currency: 'GBP' }] });
    const page = await agent.get(`/payments/new?gigId=${gig.id}`);
    expect(page.text).toMatch(new RegExp(`<option value="${label.id}" selected>`));
    expect(inputValue(page.text, 'currency')).toBe('GBP');
    expect(page.text).toContain('£300.00');
  });

  it('from a client: the currency of their oldest owed gig; else the home currency', async () => {
    await makeGig(t.prisma, userId, { clientId, date: daysAgo(90), lines: [{ amountMinor: 5000, currency: 'EUR' }] });
    await makeGig(t.prisma, userId, { clientId, date: daysAgo(9), lines: usd(5000) });
    const page = await agent.get(`/payments/new?clientId=${clientId}`);
    expect(inputValue(page.text, 'currency')).toBe('EUR');
    expect(page.text).toMatch(new RegExp(`<option value="${clientId}" selected>`));
    const plain = await agent.get('/payments/new');
    expect(inputValue(plain.text, 'currency')).toBe('USD');
    expect(plain.text).toContain('Choose who paid…');
  });

  it('answers 404 for ids that are not numbers or not there', async () => {
    expect((await agent.get('/payments/new?gigId=abc')).status).toBe(404);
    expect((await agent.get('/payments/new?clientId=999999')).status).toBe(404);
    expect((await agent.get('/payments/999999')).status).toBe(404);
    expect((await agent.get('/payments/abc/edit')).status).toBe(404);
  });
});

describe('recording', () => {
  it('a partial payment: the gig becomes "Partly paid" and what is owed drops by exactly that', async () => {
    const gig = await makeGig(t.prisma, userId, { clientId, date: daysAgo(20), lines: usd(50000) });
    const res = await postPayment(agent, { ...base(), ...listed(clientId), amount: '199.99', [`alloc_${gig.id}`]: '199.99', method: 'check', reference: 'Check #4101' });
    expect(res.status).toBe(303);
    const id = paymentIdFrom(res.headers.location);
    expect(await balance(t.prisma, userId, gig.id)).toMatchObject({ agreedMinor: 50000, paidMinor: 19999, owedMinor: 30001 });
    const shown = await agent.get(res.headers.location);
    expect(shown.text).toContain(`Recorded $199.99 from ${clientName} for 1 gig.`);
    expect(shown.text).not.toContain('kept as credit with');
    const gigPage = squash((await agent.get(`/gigs/${gig.id}`)).text);
    expect(gigPage).toContain('Partly paid');
    expect(gigPage).toContain('<dt>Owed</dt><dd class="num"><strong>$300.01</strong></dd>');
    expect(gigPage).toContain(`href="/payments/${id}"`);
    expect(gigPage).toContain(`href="/payments/new?gigId=${gig.id}"`); // still owed: record the rest
    const payment = await t.prisma.payment.findUniqueOrThrow({ where: { id }, include: { allocations: true } });
    expect(payment).toMatchObject({ userId, clientId, amountMinor: 19999, currency: 'USD', method: 'check', reference: 'Check #4101', receivedOn: today });
    expect(payment.allocations.map((a) => [a.gigId, a.amountMinor])).toEqual([[gig.id, 19999]]);
  });

  it('several gigs of one client, oldest first, when the allocation is left empty', async () => {
    const a = await makeGig(t.prisma, userId, { clientId, date: daysAgo(60), lines: usd(10000) });
    const b = await makeGig(t.prisma, userId, { clientId, date: daysAgo(30), lines: usd(20000) });
    const c = await makeGig(t.prisma, userId, { clientId, date: daysAgo(10), lines: usd(30000) });
    const res = await postPayment(agent, { ...base(), ...listed(clientId), amount: '250', [`alloc_${a.id}`]: '', [`alloc_${b.id}`]: '', [`alloc_${c.id}`]: '' });
    expect(res.status).toBe(303);
    expect((await agent.get(res.headers.location)).text).toContain(`Recorded $250.00 from ${clientName} for 2 gigs, oldest first.`);
    expect((await balance(t.prisma, userId, a.id))!.owedMinor).toBe(0);
    expect((await balance(t.prisma, userId, b.id))!.owedMinor).toBe(5000);
    expect((await balance(t.prisma, userId, c.id))!.owedMinor).toBe(30000);
  });

  it('"Suggest allocation" fills in the oldest-first split and saves nothing', async () => {
    const a = await makeGig(t.prisma, userId, { clientId, date: daysAgo(60), lines: usd(10000) });
    const b = await makeGig(t.prisma, userId, { clientId, date: daysAgo(30), lines: usd(20000) });
    const before = await countsFor(t.prisma, userId);
    const res = await postPayment(agent, { ...base(), ...listed(clientId), amount: '150', reference: 'Kept', [`alloc_${a.id}`]: '1', [`alloc_${b.id}`]: '2', intent: 'suggest' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Split oldest first.');
    expect(inputValue(res.text, `alloc_${a.id}`)).toBe('100.00');
    expect(inputValue(res.text, `alloc_${b.id}`)).toBe('50.00');
    expect(inputValue(res.text, 'reference')).toBe('Kept');
    expect(squash(res.text)).toContain('Allocated <strong data-allocated>$150.00</strong>');
    expect(await countsFor(t.prisma, userId)).toEqual(before);
  });

  it('"Show open gigs" before an amount is typed lists them, with nothing split and no error', async () => {
    const a = await makeGig(t.prisma, userId, { clientId, date: daysAgo(8), title: 'Listed gig', lines: usd(10000) });
    const res = await postPayment(agent, { ...base(), amount: '', intent: 'suggest' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Listed gig');
    expect(inputValue(res.text, `alloc_${a.id}`)).toBe('');
    expect(inputValue(res.text, 'listedFor')).toBe(`${clientId}:USD`);
    expect(res.text).toContain('Enter the amount received to split it');
    expect(res.text).not.toContain('aria-invalid="true"');
  });

  it('an over-payment: the rest is kept as credit with the client, said so and shown', async () => {
    const gig = await makeGig(t.prisma, userId, { clientId, date: daysAgo(15), lines: usd(60000) });
    const res = await postPayment(agent, { ...base(), ...listed(clientId), amount: '650.00', [`alloc_${gig.id}`]: '600.00' });
    expect(res.status).toBe(303);
    const id = paymentIdFrom(res.headers.location);
    const page = squash((await agent.get(res.headers.location)).text);
    expect(page).toContain(`Recorded $650.00 from ${clientName} for 1 gig. $50.00 kept as credit with ${clientName}.`);
    expect(page).toContain(`$50.00 kept as credit with ${clientName}</strong>`);
    expect(page).toContain('<dt>Kept as credit</dt><dd class="num"><strong>$50.00</strong></dd>');
    expect((await balance(t.prisma, userId, gig.id))!.owedMinor).toBe(0);
    const clientPage = squash((await agent.get(`/clients/${clientId}`)).text);
    expect(clientPage).toContain(`Credit held with ${clientName}: <strong>$50.00</strong>`);
    expect(clientPage).toContain(`href="/payments/new?clientId=${clientId}"`);
    expect(squash((await agent.get(`/payments?clientId=${clientId}`)).text)).toContain('<span class="payments-credit">$50.00</span>');
    // The credit is allocated later, when the gig it was for is logged: edit the payment.
    const later = await makeGig(t.prisma, userId, { clientId, date: daysAgo(1), lines: usd(8000) });
    const edit = await agent.get(`/payments/${id}/edit`);
    expect(inputValue(edit.text, `alloc_${gig.id}`)).toBe('600.00');
    expect(inputValue(edit.text, `alloc_${later.id}`)).toBe('');
    const saved = await postPayment(agent, { ...base(), ...listed(clientId), amount: '650.00', [`alloc_${gig.id}`]: '600.00', [`alloc_${later.id}`]: '50' }, `/payments/${id}/edit`, `/payments/${id}`);
    expect(saved.status).toBe(303);
    expect((await balance(t.prisma, userId, later.id))!.owedMinor).toBe(3000);
    expect(squash((await agent.get(`/clients/${clientId}`)).text)).not.toContain('Credit held with');
  });

  it('a payment with no open gig is all credit', async () => {
    const res = await postPayment(agent, { ...base(), ...listed(clientId), amount: '75' });
    expect(res.status).toBe(303);
    expect((await agent.get(res.headers.location)).text).toContain(`Recorded $75.00 from ${clientName}. $75.00 kept as credit with ${clientName}.`);
  });

  it('a deposit on a booked gig still to come is allocated to it, and is not "owed now"', async () => {
    const show = await makeGig(t.prisma, userId, { clientId, date: addDays(today, 24), status: 'booked', title: 'Release show', lines: usd(120000) });
    const form = await agent.get(`/payments/new?clientId=${clientId}`);
    expect(form.text).toContain('Release show');
    expect(form.text).toContain('Booked — deposit');
    const res = await postPayment(agent, { ...base(), ...listed(clientId), amount: '600', notes: 'Deposit (50%)' });
    expect(res.status).toBe(303);
    expect(await balance(t.prisma, userId, show.id)).toMatchObject({ paidMinor: 60000, owedMinor: 60000 });
    expect(squash((await agent.get(`/gigs/${show.id}`)).text)).toContain('Partly paid');
    // A future gig is income to come, not a debt: the client owes nothing now.
    expect(squash((await agent.get(`/clients/${clientId}`)).text)).toMatch(/Owed now<\/h3> <p class="clients-total__value"> ?<span class="clients-amounts clients-amounts--none">Nothing owed/);
  });

  it('lists only gigs in the payment’s currency; holds and paid gigs are not open', async () => {
    const usdGig = await makeGig(t.prisma, userId, { clientId, date: daysAgo(9), title: 'Dollar date', lines: usd(1000) });
    const eurGig = await makeGig(t.prisma, userId, { clientId, date: daysAgo(8), title: 'Euro date', lines: [{ amountMinor: 1000, currency: 'EUR' }] });
    const hold = await makeGig(t.prisma, userId, { clientId, date: addDays(today, 9), status: 'hold', title: 'Pencilled', lines: usd(1000) });
    const paid = await makeGig(t.prisma, userId, { clientId, date: daysAgo(7), title: 'Settled', lines: usd(1000) });
    await makePayment(t.prisma, userId, { clientId, receivedOn: daysAgo(1), amountMinor: 1000, currency: 'USD', allocations: [{ gigId: paid.id, amountMinor: 1000 }] });
    const res = await postPayment(agent, { ...base(), ...listed(clientId), amount: '10', intent: 'suggest' });
    expect(res.text).toContain('Dollar date');
    for (const g of [eurGig, hold, paid]) expect(res.text).not.toContain(`name="alloc_${g.id}"`);
    expect(inputValue(res.text, `alloc_${usdGig.id}`)).toBe('10.00');
  });

  it('changing the payer after typing amounts shows the new payer’s gigs instead of saving', async () => {
    const other = await t.prisma.client.create({ data: { userId, name: `Other payer ${n}` } });
    const theirs = await makeGig(t.prisma, userId, { clientId, date: daysAgo(3), lines: usd(5000) });
    const mine = await makeGig(t.prisma, userId, { clientId: other.id, date: daysAgo(3), title: 'Other payer gig', lines: usd(5000) });
    const before = await countsFor(t.prisma, userId);
    const res = await postPayment(agent, { ...base(), clientId: String(other.id), ...listed(clientId), amount: '20', [`alloc_${theirs.id}`]: '20' });
    expect(res.status).toBe(200);
    expect(res.text).toContain(`These are Other payer ${n}’s open gigs in USD`);
    expect(inputValue(res.text, `alloc_${mine.id}`)).toBe('20.00');
    expect(res.text).not.toContain(`name="alloc_${theirs.id}"`);
    expect(await countsFor(t.prisma, userId)).toEqual(before);
  });
});

describe('bad input comes back with messages, keeps what was typed and writes nothing', () => {
  let gigId: number;
  beforeEach(async () => {
    gigId = (await makeGig(t.prisma, userId, { clientId, date: daysAgo(12), lines: usd(10000) })).id;
  });

  const cases: [string, (g: number) => Record<string, string>, string | ((g: number) => string), (g: number) => [string, string]][] = [
    ['no amount', () => ({ amount: '' }), 'Enter an amount, like 1,250.50.', () => ['reference', 'Kept ref']],
    ['an amount that is not a number', () => ({ amount: 'lots' }), 'Enter an amount like 1,250.50.', () => ['amount', 'lots']],
    ['a zero amount', () => ({ amount: '0' }), 'Enter the amount received: more than zero.', () => ['amount', '0']],
    ['a negative amount', () => ({ amount: '-5' }), 'Enter an amount of zero or more.', () => ['amount', '-5']],
    ['too many decimals', () => ({ amount: '10.001' }), 'USD amounts have at most 2 decimal places', () => ['amount', '10.001']],
    ['no client', () => ({ clientId: '' }), 'Choose who paid.', () => ['amount', '10']],
    ['an impossible date', () => ({ receivedOn: '2026-02-30' }), 'Enter a real date like 2026-11-26.', () => ['receivedOn', '2026-02-30']],
    ['a date after today', () => ({ receivedOn: addDays(today, 1) }), `Enter the date the money arrived: today (${today}) or earlier.`, () => ['receivedOn', addDays(today, 1)]],
    ['an unknown currency', () => ({ currency: 'XYZ' }), 'Use a three-letter ISO 4217 currency code', () => ['currency', 'XYZ']],
    ['an unknown method', () => ({ method: 'barter' }), 'Choose how it was paid.', () => ['amount', '10']],
    ['a reference that is too long', () => ({ reference: 'r'.repeat(121) }), 'Reference can be at most 120 characters.', () => ['reference', 'r'.repeat(121)]],
    ['more than is open on a gig', (g) => ({ amount: '500', [`alloc_${g}`]: '100.01' }), 'At most $100.00 is open on this gig.', (g) => [`alloc_${g}`, '100.01']],
    ['allocations adding up to more than the amount', (g) => ({ amount: '50', [`alloc_${g}`]: '60' }), 'The gigs add up to $60.00, more than the $50.00 received.', (g) => [`alloc_${g}`, '60']],
    ['a negative allocation', (g) => ({ amount: '50', [`alloc_${g}`]: '-1' }), 'Enter an amount of zero or more.', (g) => [`alloc_${g}`, '-1']],
    ['an unreadable allocation', (g) => ({ amount: '50', [`alloc_${g}`]: '1.234' }), 'USD amounts have at most 2 decimal places', (g) => [`alloc_${g}`, '1.234']],
  ];

  it.each(cases)('%s', async (_name, fields, message, kept) => {
    const before = await countsFor(t.prisma, userId);
    const res = await postPayment(agent, { ...base(), ...listed(clientId), amount: '10', reference: 'Kept ref', notes: 'Kept notes', ...fields(gigId) });
    expect(res.status).toBe(422);
    expect(res.text).toContain(typeof message === 'string' ? message : message(gigId));
    const [name, value] = kept(gigId);
    expect(inputValue(res.text, name) ?? res.text).toContain(value);
    expect(res.text).toContain('Kept notes');
    expect(res.text).toContain('aria-invalid="true"');
    expect(await countsFor(t.prisma, userId)).toEqual(before);
    expect((await balance(t.prisma, userId, gigId))!.owedMinor).toBe(10000);
  });

  it('puts an allocation error beside its own gig', async () => {
    const res = await postPayment(agent, { ...base(), ...listed(clientId), amount: '500', [`alloc_${gigId}`]: '100.01' });
    expect(res.text).toMatch(new RegExp(`id="f-alloc_${gigId}-error">At most \\$100.00 is open on this gig.`));
  });

  it('refuses a field posted twice or as an object without a 500', async () => {
    const page = await agent.get('/payments/new');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await agent.post('/payments').type('form').send(`_csrf=${csrf}&clientId=${clientId}&amount[a]=1&currency=USD&receivedOn=${today}&method=cash`);
    expect(res.status).toBe(422);
  });
});

describe('another musician’s ids', () => {
  let theirClient: number;
  let theirGig: number;
  beforeAll(async () => {
    const other = await signUpWithId(t, 'Other Musician');
    theirClient = (await t.prisma.client.create({ data: { userId: other.userId, name: 'Their Studio' } })).id;
    theirGig = (await makeGig(t.prisma, other.userId, { clientId: theirClient, date: daysAgo(5), title: 'Their secret session', lines: usd(99900) })).id;
  });

  it('refuses their client beside the field, without showing it', async () => {
    const before = await countsFor(t.prisma, userId);
    const res = await postPayment(agent, { ...base(), clientId: String(theirClient), ...listed(theirClient), amount: '10' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Choose who paid from your list of clients.');
    expect(res.text).not.toContain('Their Studio');
    expect(res.text).not.toContain('Their secret session');
    expect(await countsFor(t.prisma, userId)).toEqual(before);
    const suggest = await postPayment(agent, { ...base(), clientId: String(theirClient), amount: '10', intent: 'suggest' });
    expect(suggest.status).toBe(422);
    expect(suggest.text).not.toContain('Their secret session');
  });

  it('refuses money for their gig, whichever client is named, and writes nothing', async () => {
    const mine = await makeGig(t.prisma, userId, { clientId, date: daysAgo(2), lines: usd(1000) });
    const before = await countsFor(t.prisma, userId);
    const res = await postPayment(agent, { ...base(), ...listed(clientId), amount: '20', [`alloc_${mine.id}`]: '10', [`alloc_${theirGig}`]: '10' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('is not an open gig of this client in USD');
    expect(res.text).not.toContain('Their secret session');
    expect(await countsFor(t.prisma, userId)).toEqual(before);
    expect(await t.prisma.paymentAllocation.count({ where: { gigId: theirGig } })).toBe(0);
  });

  it('answers 404 when the form is opened from their gig or client', async () => {
    expect((await agent.get(`/payments/new?gigId=${theirGig}`)).status).toBe(404);
    expect((await agent.get(`/payments/new?clientId=${theirClient}`)).status).toBe(404);
  });
});

describe('edit and delete', () => {
  it('re-allocates, and deleting restores every balance exactly', async () => {
    const a = await makeGig(t.prisma, userId, { clientId, date: daysAgo(50), lines: usd(12345) });
    const b = await makeGig(t.prisma, userId, { clientId, date: daysAgo(20), lines: usd(67890) });
    // Another payment on b, which must be untouched throughout.
    await makePayment(t.prisma, userId, { clientId, receivedOn: daysAgo(19), amountMinor: 890, currency: 'USD', allocations: [{ gigId: b.id, amountMinor: 890 }] });
    const before = { a: await balance(t.prisma, userId, a.id), b: await balance(t.prisma, userId, b.id) };
    const res = await postPayment(agent, { ...base(), ...listed(clientId), amount: '300' });
    const id = paymentIdFrom(res.headers.location);
    expect((await balance(t.prisma, userId, a.id))!.owedMinor).toBe(0);
    expect((await balance(t.prisma, userId, b.id))!.owedMinor).toBe(67890 - 890 - (30000 - 12345));

    // The edit form counts this payment's own allocations as open again.
    const edit = await agent.get(`/payments/${id}/edit`);
    expect(inputValue(edit.text, `alloc_${a.id}`)).toBe('123.45');
    expect(inputValue(edit.text, `alloc_${b.id}`)).toBe('176.55');
    expect(squash(edit.text)).toContain('$670.00'); // open on b for this payment: 678.90 − 8.90
    // More than is open on b, even counting this payment's own allocation:
    const tooMuch = await postPayment(agent, { ...base(), ...listed(clientId), amount: '700', [`alloc_${a.id}`]: '', [`alloc_${b.id}`]: '670.01' }, `/payments/${id}/edit`, `/payments/${id}`);
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.text).toContain('At most $670.00 is open on this gig.');
    expect(await t.prisma.paymentAllocation.findMany({ where: { paymentId: id }, select: { amountMinor: true }, orderBy: { gigId: 'asc' } })).toEqual([{ amountMinor: 12345 }, { amountMinor: 17655 }]);

    const saved = await postPayment(agent, { ...base(), ...listed(clientId), amount: '150', method: 'wise', [`alloc_${a.id}`]: '', [`alloc_${b.id}`]: '150' }, `/payments/${id}/edit`, `/payments/${id}`);
    expect(saved.status).toBe(303);
    expect((await agent.get(saved.headers.location)).text).toContain(`Saved the payment of $150.00 from ${clientName} for 1 gig.`);
    expect(await balance(t.prisma, userId, a.id)).toEqual(before.a);
    expect((await balance(t.prisma, userId, b.id))!.owedMinor).toBe(before.b!.owedMinor - 15000);
    expect((await t.prisma.payment.findUniqueOrThrow({ where: { id } })).method).toBe('wise');

    // Left all empty on edit: nothing allocated (all credit), not re-split.
    const cleared = await postPayment(agent, { ...base(), ...listed(clientId), amount: '150', [`alloc_${a.id}`]: '', [`alloc_${b.id}`]: '' }, `/payments/${id}/edit`, `/payments/${id}`);
    expect((await agent.get(cleared.headers.location)).text).toContain(`$150.00 kept as credit with ${clientName}.`);
    expect(await balance(t.prisma, userId, b.id)).toEqual(before.b);

    const confirm = await agent.get(`/payments/${id}/delete`);
    expect(confirm.text).toContain('Delete this payment?');
    const deleted = await postPayment(agent, {}, `/payments/${id}/delete`, `/payments/${id}/delete`);
    expect(deleted.status).toBe(303);
    expect(deleted.headers.location).toBe('/payments');
    expect(await t.prisma.payment.count({ where: { id } })).toBe(0);
    expect(await balance(t.prisma, userId, a.id)).toEqual(before.a);
    expect(await balance(t.prisma, userId, b.id)).toEqual(before.b);
  });

  it('deleting a payment that settled gigs frees their balances and says so', async () => {
    const g = await makeGig(t.prisma, userId, { clientId, date: daysAgo(6), lines: usd(40000) });
    const res = await postPayment(agent, { ...base(), ...listed(clientId), amount: '400' });
    const id = paymentIdFrom(res.headers.location);
    expect((await balance(t.prisma, userId, g.id))!.owedMinor).toBe(0);
    expect((await agent.get(`/payments/${id}/delete`)).text).toContain('will be owed again');
    const deleted = await postPayment(agent, {}, `/payments/${id}/delete`, `/payments/${id}/delete`);
    expect((await agent.get(deleted.headers.location)).text).toContain('Deleted the payment of $400.00. The gig it settled is owed again.');
    expect(await balance(t.prisma, userId, g.id)).toMatchObject({ paidMinor: 0, owedMinor: 40000 });
  });
});

describe('user text on the payment pages', () => {
  it('is escaped everywhere it appears', async () => {
    const hostile = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];
    const client = await t.prisma.client.create({ data: { userId, name: hostile[0] } });
    await makeGig(t.prisma, userId, { clientId: client.id, date: daysAgo(3), title: hostile[1], artist: hostile[0], lines: usd(10000) });
    const res = await postPayment(agent, { ...base(), clientId: String(client.id), ...listed(client.id), amount: '150', reference: hostile[1], notes: hostile[0] });
    expect(res.status).toBe(303);
    const id = paymentIdFrom(res.headers.location);
    for (const path of [`/payments/${id}`, `/payments/${id}/edit`, `/payments/${id}/delete`, '/payments', `/payments/new?clientId=${client.id}`, `/clients/${client.id}`]) {
      const html = (await agent.get(path)).text;
      for (const h of hostile) expect(html, path).not.toContain(h);
      expect(html, path).not.toMatch(/<img src=x/);
      expect(html, path).toContain('&lt;script&gt;');
    }
  });
});
