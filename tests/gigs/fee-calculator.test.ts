import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayIn } from '../../src/lib/dates.ts';
import { signUp, submitForm, testApp, type Agent } from '../support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let agent: Agent;
let userId: number;
let scaleId: number;
const today = todayIn('UTC');

beforeAll(async () => {
  t = await testApp();
  const s = await signUp(t.app);
  agent = s.agent;
  userId = (await t.prisma.user.findUniqueOrThrow({ where: { email: s.email } })).id;
  const scale = await t.prisma.rateCard.create({
    data: { userId, name: 'AFM scale', currency: 'USD', baseUnitMinor: 43421, overtimeIncrementMinutes: 30, overtimeIncrementMinor: 7237, cartageMinor: 1200, pensionBps: 1409, healthWelfareMinor: 3000, isDefault: true },
  });
  scaleId = scale.id;
  await t.prisma.rateCard.create({ data: { userId, name: 'London flat', currency: 'GBP', baseUnitMinor: 25000 } });
});
afterAll(() => t.close());

const base = { date: today, clientName: 'Sunset Sound', kind: 'studio_session', status: 'done', currency: 'EUR', title: 'Kept', 'items[0][kind]': 'base_fee', 'items[0][amount]': '' };

describe('proposing fees from a rate card on the gig form', () => {
  it('fills in the lines for 3h45, two doubles and one cartage, and saves nothing', async () => {
    const before = await t.prisma.gig.count({ where: { userId } });
    const res = await submitForm(agent, '/gigs/new', '/gigs', { ...base, hours: '3:45', doubles: '2', cartageInstruments: '1', rateCardId: String(scaleId), intent: 'calculate' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('Fees proposed from “AFM scale”');
    expect(res.text).toContain('name="currency" value="USD"');
    // 434.21 base; 2 × 72.37 overtime; +50% = 217.11 (217.105 half-up); +20% = 86.84; cartage 12; pension 14.09% of 882.90 = 124.40; H&W 30
    for (const amount of ['434.21', '144.74', '217.11', '86.84', '12.00', '124.40', '30.00']) expect(res.text).toContain(`value="${amount}"`);
    expect(res.text).toContain('value="Kept"');
    expect(await t.prisma.gig.count({ where: { userId } })).toBe(before);
  });

  it('saves the proposed lines when the musician logs the gig', async () => {
    const page = await submitForm(agent, '/gigs/new', '/gigs', { ...base, hours: '3', rateCardId: String(scaleId), intent: 'calculate' });
    const amounts = [...page.text.matchAll(/name="items\[(\d+)\]\[amount\]" value="([^"]+)"/g)].map((m) => [Number(m[1]), m[2]]);
    const hiddenKinds = [...page.text.matchAll(/<input type="hidden" name="items\[(\d+)\]\[kind\]" value="([a-z_]+)"/g)].map((m) => [Number(m[1]), m[2]]);
    const selectKinds = [...page.text.matchAll(/<select id="[^"]+" name="items\[(\d+)\]\[kind\]"[^>]*>([\s\S]*?)<\/select>/g)].map((m) => [Number(m[1]), /<option value="([a-z_]+)" selected>/.exec(m[2])?.[1] ?? '']);
    const kinds = [...hiddenKinds, ...selectKinds];
    const fields: Record<string, string> = { ...base, hours: '3', currency: 'USD' };
    for (const [i, amount] of amounts) fields[`items[${i}][amount]`] = String(amount);
    for (const [i, kind] of kinds) fields[`items[${i}][kind]`] = String(kind);
    const saved = await submitForm(agent, '/gigs/new', '/gigs', fields);
    expect(saved.status).toBe(303);
    const id = Number(saved.headers.location.split('/').pop());
    const items = await t.prisma.lineItem.findMany({ where: { gigId: id }, orderBy: { position: 'asc' } });
    expect(items.map((i) => [i.kind, i.amountMinor, i.owedToMusician])).toEqual([
      ['base_fee', 43421, true],
      ['pension', 6118, false], // 14.09% of 434.21 = 61.178… → 61.18
      ['health_welfare', 3000, false],
    ]);
  });

  it('uses the default card when none is chosen, in its currency', async () => {
    const res = await submitForm(agent, '/gigs/new', '/gigs', { ...base, hours: '3', intent: 'calculate' });
    expect(res.text).toContain('Fees proposed from “AFM scale”');
  });

  it('explains what is missing: hours, a bad count, a foreign card', async () => {
    const noHours = await submitForm(agent, '/gigs/new', '/gigs', { ...base, hours: '', intent: 'calculate' });
    expect(noHours.status).toBe(422);
    expect(noHours.text).toContain('Enter how long the session ran');
    const badCount = await submitForm(agent, '/gigs/new', '/gigs', { ...base, hours: '3', doubles: 'two', intent: 'calculate' });
    expect(badCount.text).toContain('Enter the number of doubles');
    expect(badCount.text).toContain('value="two"');

    const other = await signUp(t.app);
    const otherId = (await t.prisma.user.findUniqueOrThrow({ where: { email: other.email } })).id;
    const theirs = await t.prisma.rateCard.create({ data: { userId: otherId, name: 'Secret rates', currency: 'USD', baseUnitMinor: 99999 } });
    const foreign = await submitForm(agent, '/gigs/new', '/gigs', { ...base, hours: '3', rateCardId: String(theirs.id), intent: 'calculate' });
    expect(foreign.status).toBe(422);
    expect(foreign.text).toContain('That rate card is not one of yours.');
    expect(foreign.text).not.toContain('Secret rates');
    expect(foreign.text).not.toContain('999.99');
  });

  it('also works on the edit form', async () => {
    const created = await submitForm(agent, '/gigs/new', '/gigs', { ...base, currency: 'USD', 'items[0][amount]': '100' });
    const id = Number(created.headers.location.split('/').pop());
    const res = await submitForm(agent, `/gigs/${id}/edit`, `/gigs/${id}`, { ...base, hours: '6', intent: 'calculate' });
    expect(res.status).toBe(200);
    expect(res.text).toContain('value="868.42"'); // 2 units
    expect((await t.prisma.lineItem.findMany({ where: { gigId: id } })).map((i) => i.amountMinor)).toEqual([10000]);
  });
});
