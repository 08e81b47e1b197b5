// Exchange rates: entered by the musician into the home currency, validated,
// replaced per date, deleted; only ever used for the optional converted totals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn, addDays } from '../../src/lib/dates.ts';
import { submitForm, testApp } from '../support/app.ts';
import { makeGig, signUpWithId, squash } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const post = (agent: Awaited<ReturnType<typeof signUpWithId>>['agent'], fields: Record<string, string>) => submitForm(agent, '/money/rates', '/money/rates', fields);

describe('exchange rates', () => {
  it('explain what they are for, and name the currencies that have no rate yet', async () => {
    const me = await signUpWithId(t);
    await makeGig(t.prisma, me.userId, { date: '2026-01-10', lines: [{ amountMinor: 1000, currency: 'GBP' }] });
    const res = await me.agent.get('/money/rates');
    expect(res.status).toBe(200);
    const html = squash(res.text);
    expect(html).toContain('only used for the optional total in USD');
    expect(html).toContain('You have money in GBP with no rate into USD yet.');
    expect(html).toContain('No rates yet.');
    expect(res.text).toContain(`value="${todayIn('UTC')}"`); // the date defaults to today
  });

  it('saves a rate as typed, and uses it on the owed page', async () => {
    const me = await signUpWithId(t);
    await makeGig(t.prisma, me.userId, { date: '2026-01-10', dueDate: '2026-02-09', lines: [{ amountMinor: 100000, currency: 'GBP' }] });
    const res = await post(me.agent, { fromCurrency: ' gbp ', rate: '1.2710', asOf: '2026-01-05' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/money/rates');
    const rows = await t.prisma.exchangeRate.findMany({ where: { userId: me.userId } });
    expect(rows).toMatchObject([{ fromCurrency: 'GBP', toCurrency: 'USD', rate: '1.2710', asOf: '2026-01-05' }]);
    const page = squash((await me.agent.get('/money/rates')).text);
    expect(page).toContain('Saved: 1 GBP = 1.2710 USD, rate of 2026-01-05.');
    expect(page).toMatch(/1 GBP = 1\.2710 USD<\/span> <span class="badge badge--paid-paid">In use today<\/span> <span class="money-rates__date">rate of 2026-01-05<\/span>/);
    const owed = squash((await me.agent.get('/money?asOf=2026-03-01')).text);
    expect(owed).toContain('$1,271.00');
    expect(owed).toContain('at 1 GBP = 1.2710 USD, rate of 2026-01-05');
  });

  it('replaces the rate of the same currency and date instead of keeping two', async () => {
    const me = await signUpWithId(t);
    expect((await post(me.agent, { fromCurrency: 'EUR', rate: '1.08', asOf: '2026-03-01' })).status).toBe(303);
    expect((await post(me.agent, { fromCurrency: 'EUR', rate: '1.09', asOf: '2026-03-01' })).status).toBe(303);
    expect((await post(me.agent, { fromCurrency: 'EUR', rate: '1.10', asOf: '2026-03-02' })).status).toBe(303);
    const rows = await t.prisma.exchangeRate.findMany({ where: { userId: me.userId }, orderBy: { asOf: 'asc' } });
    expect(rows.map((r) => [r.rate, r.asOf])).toEqual([['1.09', '2026-03-01'], ['1.10', '2026-03-02']]);
  });

  it.each([
    [{ fromCurrency: 'GBP', rate: '1,2710', asOf: '2026-01-05' }, 'rate', 'Enter the rate as a plain decimal number like 1.2710'],
    [{ fromCurrency: 'GBP', rate: '', asOf: '2026-01-05' }, 'rate', 'Enter the rate: how many USD one unit of the other currency buys'],
    [{ fromCurrency: 'GBP', rate: '0.0000', asOf: '2026-01-05' }, 'rate', 'A rate must be more than zero.'],
    [{ fromCurrency: 'GBP', rate: '-1.2', asOf: '2026-01-05' }, 'rate', 'Enter the rate as a plain decimal number'],
    [{ fromCurrency: 'GBP', rate: '1.23456789012', asOf: '2026-01-05' }, 'rate', 'at most 10 decimals'],
    [{ fromCurrency: 'USD', rate: '1', asOf: '2026-01-05' }, 'fromCurrency', 'Rates convert into your home currency (USD), so choose another currency.'],
    [{ fromCurrency: 'XYZ', rate: '1.2', asOf: '2026-01-05' }, 'fromCurrency', 'Use a three-letter ISO 4217 currency code'],
    [{ fromCurrency: 'GBP', rate: '1.2', asOf: '2026-02-30' }, 'asOf', 'Enter a real date like 2026-11-26.'],
    [{ fromCurrency: 'GBP', rate: '1.2', asOf: addDays(todayIn('UTC'), 1) }, 'asOf', 'A rate can’t be dated in the future'],
  ])('refuses %j with a message beside %s, keeping the input and saving nothing', async (fields, field, message) => {
    const me = await signUpWithId(t);
    const res = await post(me.agent, fields);
    expect(res.status).toBe(422);
    const html = res.text;
    const errorAt = html.indexOf(`id="f-${field}-error"`);
    expect(errorAt, 'error beside the field').toBeGreaterThan(0);
    expect(squash(html.slice(errorAt, html.indexOf('</p>', errorAt)))).toContain(message);
    for (const [name, value] of Object.entries(fields)) {
      expect(html).toContain(`name="${name}" value="${value.replaceAll('"', '&#34;')}"`);
    }
    expect(await t.prisma.exchangeRate.count({ where: { userId: me.userId } })).toBe(0);
  });

  it('deletes a rate', async () => {
    const me = await signUpWithId(t);
    await post(me.agent, { fromCurrency: 'GBP', rate: '1.25', asOf: '2026-01-05' });
    const rate = await t.prisma.exchangeRate.findFirstOrThrow({ where: { userId: me.userId } });
    const page = await me.agent.get('/money/rates');
    expect(page.text).toContain(`action="/money/rates/${rate.id}/delete"`);
    const res = await submitForm(me.agent, '/money/rates', `/money/rates/${rate.id}/delete`, {});
    expect(res.status).toBe(303);
    expect(await t.prisma.exchangeRate.count({ where: { userId: me.userId } })).toBe(0);
    expect(squash((await me.agent.get('/money/rates')).text)).toContain('Deleted the GBP → USD rate of 2026-01-05.');
    // Gone: a second delete is a 404, like another musician's id.
    expect((await submitForm(me.agent, '/money/rates', `/money/rates/${rate.id}/delete`, {})).status).toBe(404);
  });

  it('marks rates into a former home currency as not used', async () => {
    const me = await signUpWithId(t);
    await t.prisma.exchangeRate.create({ data: { userId: me.userId, fromCurrency: 'GBP', toCurrency: 'EUR', rate: '1.15', asOf: '2026-01-01' } });
    const html = squash((await me.agent.get('/money/rates')).text);
    expect(html).toContain('1 GBP = 1.15 EUR');
    expect(html).toContain('Not used: your home currency is USD.');
    expect(html).not.toContain('In use today');
  });
});
