import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '../../src/lib/dates.ts';
import { signUp, testApp } from '../support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('home', () => {
  it('shows what is owed per currency, what is overdue, and the next two weeks', async () => {
    const { agent, email } = await signUp(t.app);
    const userId = (await t.prisma.user.findUniqueOrThrow({ where: { email } })).id;
    const today = todayIn('UTC');
    const add = async (title: string, date: string, dueDate: string, amountMinor: number, currency: string, status = 'done') => {
      const gig = await t.prisma.gig.create({ data: { userId, title, date, dueDate, status } });
      await t.prisma.lineItem.create({ data: { userId, gigId: gig.id, amountMinor, currency } });
    };
    await add('Old session', addDays(today, -60), addDays(today, -30), 50000, 'USD');
    await add('Recent session', addDays(today, -2), addDays(today, 28), 25050, 'USD');
    await add('London', addDays(today, -40), addDays(today, -10), 30000, 'GBP');
    await add('Next week', addDays(today, 7), addDays(today, 37), 10000, 'USD', 'booked');
    await add('Far away', addDays(today, 40), addDays(today, 70), 10000, 'USD', 'booked');

    const res = await agent.get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('$750.50'); // 500 + 250.50; the booked gigs to come are not owed yet
    expect(res.text).toContain('$500.00 overdue on 1 gig');
    expect(res.text).toContain('£300.00');
    expect(res.text).toContain('£300.00 overdue on 1 gig');
    expect(res.text).toContain('Next week');
    expect(res.text).not.toContain('Far away');
    expect(res.text).not.toContain('Log your first gig');
  });
});
