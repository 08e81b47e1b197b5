// Gig.agreedMinor / paidMinor / balanceCurrency are kept by triggers. Whatever
// happens to fee lines, allocations and statuses, they must equal the totals
// recomputed from scratch with the rules of src/money/balances.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/database.ts';

let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase();
});
afterAll(() => db.close());

const TRIGGERS = [
  'Gig_after_status_totals',
  'LineItem_after_delete_totals',
  'LineItem_after_insert_totals',
  'LineItem_after_update_totals',
  'PaymentAllocation_after_delete_totals',
  'PaymentAllocation_after_insert_totals',
  'PaymentAllocation_after_update_totals',
];

/** The totals recomputed from the rows, independently of the triggers. */
const RECOMPUTED = `
  SELECT g.id,
    COALESCE((SELECT SUM(l.amountMinor) FROM LineItem l WHERE l.gigId = g.id AND l.owedToMusician = 1
      AND (g.status IN ('booked', 'done') OR (g.status = 'cancelled' AND l.kind = 'cancellation_fee'))), 0) AS agreed,
    COALESCE((SELECT SUM(a.amountMinor) FROM PaymentAllocation a WHERE a.gigId = g.id), 0) AS paid,
    (SELECT MIN(l.currency) FROM LineItem l WHERE l.gigId = g.id) AS currency,
    g.agreedMinor, g.paidMinor, g.balanceCurrency
  FROM Gig g`;

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('gig totals kept by triggers', () => {
  it('exist in a migrated database (a migration that rebuilds a table must recreate them)', async () => {
    const rows = await db.prisma.$queryRaw<{ name: string }[]>`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`;
    expect(rows.map((r) => r.name)).toEqual(TRIGGERS);
  });

  it('match a full recomputation after hundreds of random writes', async () => {
    const p = db.prisma;
    const random = rng(42);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    const user = await p.user.create({ data: { email: 'triggers@example.test', name: 'T', passwordHash: 'x', slug: 'triggers' } });
    const client = await p.client.create({ data: { userId: user.id, name: 'C' } });
    const gigs: number[] = [];
    for (let i = 0; i < 30; i++) gigs.push((await p.gig.create({ data: { userId: user.id, date: '2026-01-01', status: pick(['hold', 'booked', 'done', 'cancelled']) } })).id);
    const kinds = ['base_fee', 'overtime', 'pension', 'cancellation_fee', 'cartage'];
    for (let step = 0; step < 400; step++) {
      const action = random();
      const gigId = pick(gigs);
      if (action < 0.3) {
        const kind = pick(kinds);
        await p.lineItem.create({ data: { userId: user.id, gigId, kind, amountMinor: Math.floor(random() * 100000), currency: 'USD', owedToMusician: kind !== 'pension' } });
      } else if (action < 0.4) {
        const line = await p.lineItem.findFirst({ where: { userId: user.id }, skip: Math.floor(random() * 10) });
        if (line) await p.lineItem.update({ where: { id: line.id }, data: random() < 0.5 ? { amountMinor: Math.floor(random() * 100000) } : { gigId: pick(gigs) } });
      } else if (action < 0.5) {
        const line = await p.lineItem.findFirst({ where: { userId: user.id }, skip: Math.floor(random() * 10) });
        if (line) await p.lineItem.delete({ where: { id: line.id } });
      } else if (action < 0.75) {
        const payment = await p.payment.create({ data: { userId: user.id, clientId: client.id, receivedOn: '2026-02-01', amountMinor: 50000, currency: 'USD' } });
        await p.paymentAllocation.create({ data: { userId: user.id, paymentId: payment.id, gigId, amountMinor: Math.floor(random() * 50000) } });
      } else if (action < 0.82) {
        const allocation = await p.paymentAllocation.findFirst({ where: { userId: user.id }, skip: Math.floor(random() * 5) });
        if (allocation) await p.paymentAllocation.update({ where: { id: allocation.id }, data: { amountMinor: Math.floor(random() * 50000) } });
      } else if (action < 0.9) {
        const payment = await p.payment.findFirst({ where: { userId: user.id }, skip: Math.floor(random() * 5) });
        if (payment) await p.payment.delete({ where: { id: payment.id } }); // cascades to its allocations
      } else {
        await p.gig.update({ where: { id: gigId }, data: { status: pick(['hold', 'booked', 'done', 'cancelled']) } });
      }
    }
    const rows = await p.$queryRawUnsafe<{ id: number; agreed: number; paid: number; currency: string | null; agreedMinor: number; paidMinor: number; balanceCurrency: string | null }[]>(RECOMPUTED);
    const mismatches = rows.filter((r) => Number(r.agreed) !== r.agreedMinor || Number(r.paid) !== r.paidMinor || r.currency !== r.balanceCurrency);
    expect(mismatches).toEqual([]);
    expect(rows.some((r) => r.agreedMinor > 0)).toBe(true);
    expect(rows.some((r) => r.paidMinor > 0)).toBe(true);
  });
});
