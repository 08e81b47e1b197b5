import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/lib/dates.ts';
import { signUp, testApp, type Agent } from '../support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let agent: Agent;
const today = todayIn('UTC');
const ids: Record<string, number> = {};

/** Rows of the gigs table, as [title cell text] in page order. */
const titles = (html: string) => [...html.matchAll(/class="gig-table__title">([^<]*)</g)].map((m) => m[1]);

beforeAll(async () => {
  t = await testApp();
  const s = await signUp(t.app);
  agent = s.agent;
  const userId = (await t.prisma.user.findUniqueOrThrow({ where: { email: s.email } })).id;
  const studio = await t.prisma.client.create({ data: { userId, name: 'Sunset Sound', kind: 'studio' } });
  const label = await t.prisma.client.create({ data: { userId, name: 'Abbey Road', kind: 'studio' } });
  ids.studio = studio.id;
  ids.label = label.id;

  const gig = async (title: string, date: string, o: { client?: number; kind?: string; status?: string; fee?: [number, string]; paid?: number; due?: string; notes?: string; artist?: string } = {}) => {
    const g = await t.prisma.gig.create({
      data: { userId, title, date, clientId: o.client ?? studio.id, kind: o.kind ?? 'studio_session', status: o.status ?? 'done', dueDate: o.due ?? addDays(date, 30), notes: o.notes ?? '', artist: o.artist ?? '' },
    });
    if (o.fee) await t.prisma.lineItem.create({ data: { userId, gigId: g.id, amountMinor: o.fee[0], currency: o.fee[1] } });
    if (o.paid) {
      const p = await t.prisma.payment.create({ data: { userId, clientId: g.clientId, receivedOn: date, amountMinor: o.paid, currency: o.fee![1] } });
      await t.prisma.paymentAllocation.create({ data: { userId, paymentId: p.id, gigId: g.id, amountMinor: o.paid } });
    }
    ids[title] = g.id;
  };
  await gig('Paid in full', addDays(today, -100), { fee: [50000, 'USD'], paid: 50000 });
  await gig('Half paid', addDays(today, -90), { fee: [40000, 'USD'], paid: 20000 });
  await gig('Overdue one', addDays(today, -80), { fee: [30000, 'USD'] });
  await gig('Not yet due', addDays(today, -5), { fee: [12345, 'USD'] });
  await gig('London date', addDays(today, -20), { fee: [30000, 'GBP'], client: label.id, kind: 'live', artist: 'The Kinks Tribute' });
  await gig('A hold', addDays(today, 20), { fee: [99900, 'USD'], status: 'hold' });
  await gig('Cancelled one', addDays(today, -3), { fee: [70000, 'USD'], status: 'cancelled', notes: 'Rain 50% off' });
  for (let i = 0; i < 30; i++) await gig(`Filler ${String(i).padStart(2, '0')}`, addDays(today, -400 - i), { fee: [100, 'USD'], paid: 100 });
});
afterAll(() => t.close());

describe('the gigs list', () => {
  it('shows newest first, 25 a page, with page links', async () => {
    const first = await agent.get('/gigs');
    expect(first.status).toBe(200);
    const rows = titles(first.text);
    expect(rows).toHaveLength(25);
    expect(rows[0]).toBe('A hold');
    expect(first.text).toContain('Page 1 of 2');
    const second = await agent.get('/gigs?page=2');
    expect(titles(second.text)).toHaveLength(12);
    expect(titles(second.text).at(-1)).toBe('Filler 29');
  });

  it('totals the filtered gigs per currency, never mixing currencies', async () => {
    const res = await agent.get(`/gigs?from=${addDays(today, -120)}`);
    // USD counted: 500 + 400 + 300 + 123.45 (the hold and the cancelled gig count nothing)
    const totalsRow = (currency: string) =>
      [...new RegExp(`<th scope="row">${currency}</th>(.*?)</tr>`).exec(res.text)![1].matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(totalsRow('USD')).toEqual(['$1,323.45', '$700.00', '$623.45']);
    expect(totalsRow('GBP')).toEqual(['£300.00', '£0.00', '£300.00']);
  });

  it.each([
    ['paid=paid', ['Paid in full']],
    ['paid=partly_paid', ['Half paid']],
    ['paid=overdue', ['Overdue one', 'Half paid']],
    ['paid=owed', ['Not yet due', 'London date', 'Overdue one', 'Half paid']],
    ['status=hold', ['A hold']],
    ['kind=live', ['London date']],
    ['q=kinks', ['London date']],
    ['q=rain%2050%25', ['Cancelled one']],
    ['q=100%25', []],
  ])('filters by %s', async (query, expected) => {
    const res = await agent.get(`/gigs?${query}&from=${addDays(today, -120)}`);
    expect(titles(res.text)).toEqual(expected);
  });

  it('filters by client', async () => {
    const res = await agent.get(`/gigs?clientId=${ids.label}`);
    expect(titles(res.text)).toEqual(['London date']);
  });

  it('sorts by a column and back', async () => {
    const asc = titles((await agent.get(`/gigs?from=${addDays(today, -120)}&sort=amount&dir=asc`)).text);
    expect(asc.slice(-2)).toEqual(['Half paid', 'Paid in full']);
    const byTitle = titles((await agent.get(`/gigs?from=${addDays(today, -120)}&sort=title`)).text);
    expect(byTitle[0]).toBe('A hold');
  });

  it('keeps filters in the page, sort and export links', async () => {
    const res = await agent.get(`/gigs?kind=studio_session&page=1`);
    expect(res.text).toContain('href="/gigs/export.csv?kind=studio_session"');
    expect(res.text).toContain('href="/gigs?kind=studio_session&amp;page=2"');
    expect(res.text).toContain('<option value="studio_session" selected>');
  });

  it('ignores unreadable filters with a note instead of failing', async () => {
    const res = await agent.get('/gigs?from=yesterday&page=-1&sort=drop%20table&paid=maybe');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Ignored the from date');
    expect(titles(res.text)).toHaveLength(25);
  });

});
