// Property-style check of the money rules, on random data from a seeded
// generator (the same data every run): ~200 gigs in two currencies with
// random statuses and fee lines, then payments recorded, re-allocated and
// deleted through recordPayment / updatePayment / deletePayment, with
// attempts that must be refused on the way. Afterwards, per currency:
//   Σ owedMinor (gigBalancesCte) = Σ counted fee lines − Σ allocations
//   Σ payments                   = Σ allocations + Σ credit (creditByClient)
// and no gig is ever paid more than it is worth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.ts';
import { forUser, type UserDb } from '../../src/db/scoped.ts';
import { createRandom } from '../../src/demo/random.ts';
import { addDays } from '../../src/lib/dates.ts';
import { gigBalancesCte } from '../../src/money/balances.ts';
import {
  creditByClient,
  deletePayment,
  findPayments,
  openGigsForClient,
  recordPayment,
  suggestAllocation,
  updatePayment,
  type Allocation,
} from '../../src/payments/queries.ts';
import { testApp } from '../support/app.ts';
import { makeGig, signUpWithId } from './helpers.ts';

const CURRENCIES = ['USD', 'EUR'] as const;
const GIGS = 200;
const PAYMENTS = 160;

let t: Awaited<ReturnType<typeof testApp>>;
let db: UserDb;
beforeAll(async () => {
  t = await testApp();
  const me = await signUpWithId(t, 'Property Musician');
  db = forUser(t.prisma, me.userId);
});
afterAll(() => t.close());

type Tracked = { clientId: number; currency: string; amountMinor: number; allocations: Allocation[] };

const sum = (xs: Iterable<number>) => {
  let s = 0;
  for (const x of xs) s += x;
  return s;
};

describe('money rules on random data', () => {
  it('owed = counted lines − allocations, and payments = allocations + credit, per currency', async () => {
    const rng = createRandom(20261126);
    const userId = db.$userId;
    const clients = await Promise.all(Array.from({ length: 10 }, (_, i) => t.prisma.client.create({ data: { userId, name: `Client ${i}` } })));
    const clientIds = clients.map((c) => c.id);

    // Gigs: what each is worth, by the rules of src/money/balances.ts, worked out here independently.
    const worth = new Map<number, { currency: string; agreed: number }>();
    const countedByCurrency: Record<string, number> = { USD: 0, EUR: 0 };
    for (let i = 0; i < GIGS; i++) {
      const status = rng.pick(['hold', 'booked', 'booked', 'done', 'done', 'done', 'cancelled'] as const);
      const currency = rng.pick(CURRENCIES);
      const lines = Array.from({ length: rng.int(0, 4) }, () => ({
        kind: rng.pick(['base_fee', 'base_fee', 'overtime', 'cartage', 'pension', 'health_welfare', 'cancellation_fee', 'per_diem'] as const),
        amountMinor: rng.int(1, 250_000),
        currency,
      }));
      const owedLines = lines.map((l) => ({ ...l, owedToMusician: l.kind !== 'pension' && l.kind !== 'health_welfare' }));
      const clientId = rng.chance(0.95) ? rng.pick(clientIds) : null;
      const payerId = rng.chance(0.2) ? rng.pick(clientIds) : null;
      const gig = await makeGig(t.prisma, userId, { clientId, payerId, status, date: addDays('2025-06-01', rng.int(0, 600)), lines: owedLines });
      const counted = owedLines.filter((l) => l.owedToMusician && (status === 'booked' || status === 'done' || (status === 'cancelled' && l.kind === 'cancellation_fee')));
      if (counted.length) {
        const agreed = sum(counted.map((l) => l.amountMinor));
        worth.set(gig.id, { currency, agreed });
        countedByCurrency[currency] += agreed;
      }
    }
    expect(worth.size).toBeGreaterThan(100);

    const payments = new Map<number, Tracked>();
    let refused = 0;
    let credited = 0;
    for (let i = 0; i < PAYMENTS; i++) {
      const clientId = rng.pick(clientIds);
      const currency = rng.pick(CURRENCIES);
      const open = await openGigsForClient(db, clientId, currency);
      const totalOpen = sum(open.map((g) => g.openMinor));
      const receivedOn = addDays('2025-06-01', rng.int(0, 600));
      const base = { clientId, currency, receivedOn, method: 'bank_transfer', reference: `P${i}`, notes: '' };

      // Now and then, an allocation that must be refused: more than is open on a gig.
      if (open.length && rng.chance(0.15)) {
        const victim = rng.pick(open);
        const before = await t.prisma.paymentAllocation.count({ where: { userId } });
        const bad = await recordPayment(db, { ...base, amountMinor: victim.openMinor + 1, allocations: [{ gigId: victim.gigId, amountMinor: victim.openMinor + 1 }] });
        expect(bad.ok).toBe(false);
        expect(await t.prisma.paymentAllocation.count({ where: { userId } })).toBe(before);
        refused++;
      }

      const style = rng.pick(['oldest', 'oldest', 'oldest', 'random', 'random', 'over'] as const);
      let amountMinor: number;
      let allocations: Allocation[];
      if (style === 'random' && open.length) {
        allocations = open.map((g) => ({ gigId: g.gigId, amountMinor: rng.chance(0.5) ? rng.int(0, g.openMinor) : 0 }));
        amountMinor = Math.max(1, sum(allocations.map((a) => a.amountMinor)) + (rng.chance(0.3) ? rng.int(0, 5000) : 0));
      } else {
        amountMinor = style === 'over' ? totalOpen + rng.int(1, 50_000) : rng.int(1, Math.max(1, Math.ceil(totalOpen * 0.6)));
        allocations = suggestAllocation(open, amountMinor).allocations;
      }
      const explicit = rng.chance(0.5);
      const result = await recordPayment(db, { ...base, amountMinor, allocations: explicit ? allocations : 'oldest-first' });
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (!result.ok) continue;
      const kept = (explicit ? allocations : suggestAllocation(open, amountMinor).allocations).filter((a) => a.amountMinor > 0);
      expect(result.allocatedMinor).toBe(sum(kept.map((a) => a.amountMinor)));
      if (result.creditMinor > 0) credited++;
      payments.set(result.id, { clientId, currency, amountMinor, allocations: kept });

      // Sometimes re-allocate an earlier payment (new amount, oldest first), or delete one.
      if (payments.size > 5 && rng.chance(0.15)) {
        const [id, p] = rng.pick([...payments.entries()]);
        const reopen = await openGigsForClient(db, p.clientId, p.currency, { paymentId: id });
        const newAmount = rng.int(1, sum(reopen.map((g) => g.openMinor)) + 10_000);
        const split = suggestAllocation(reopen, newAmount).allocations.filter((a) => a.amountMinor > 0);
        const updated = await updatePayment(db, id, { ...base, clientId: p.clientId, currency: p.currency, amountMinor: newAmount, allocations: split });
        expect(updated.ok).toBe(true);
        payments.set(id, { ...p, amountMinor: newAmount, allocations: split });
      }
      if (payments.size > 5 && rng.chance(0.08)) {
        const [id] = rng.pick([...payments.entries()]);
        await deletePayment(db, id);
        payments.delete(id);
      }
    }
    expect(refused).toBeGreaterThan(5);
    expect(credited).toBeGreaterThan(5);

    const balances = await db.$queryRaw<{ gigId: number; currency: string; agreedMinor: number; paidMinor: number; owedMinor: number }[]>(
      Prisma.sql`WITH ${gigBalancesCte(db.$userId)} SELECT gigId, currency, agreedMinor, paidMinor, owedMinor FROM balances`,
    );
    const paidByGig = new Map<number, number>();
    for (const p of payments.values()) for (const a of p.allocations) paidByGig.set(a.gigId, (paidByGig.get(a.gigId) ?? 0) + a.amountMinor);

    // Gig by gig: the agreed amount as worked out above, paid = what the tracked payments allocated, never overpaid.
    expect(balances.length).toBe(worth.size);
    for (const b of balances) {
      const gigId = Number(b.gigId);
      expect(worth.get(gigId)).toEqual({ currency: b.currency, agreed: Number(b.agreedMinor) });
      expect(Number(b.paidMinor)).toBe(paidByGig.get(gigId) ?? 0);
      expect(Number(b.owedMinor)).toBeGreaterThanOrEqual(0);
    }

    const credit = await creditByClient(db);
    const listed = await findPayments(db, { clientId: null, year: null, method: null, page: 1 });
    for (const currency of CURRENCIES) {
      const owed = sum(balances.filter((b) => b.currency === currency).map((b) => Number(b.owedMinor)));
      const mine = [...payments.values()].filter((p) => p.currency === currency);
      const allocated = sum(mine.flatMap((p) => p.allocations.map((a) => a.amountMinor)));
      const received = sum(mine.map((p) => p.amountMinor));
      const creditTotal = sum(credit.filter((c) => c.currency === currency).map((c) => c.creditMinor));
      expect(owed, `owed ${currency}`).toBe(countedByCurrency[currency] - allocated);
      expect(received, `payments ${currency}`).toBe(allocated + creditTotal);
      // The list's SQL totals agree.
      expect(listed.totals.find((x) => x.currency === currency)).toMatchObject({ payments: mine.length, receivedMinor: received, allocatedMinor: allocated, creditMinor: creditTotal });
    }
  }, 120_000);
});
