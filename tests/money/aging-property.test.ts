// Property: on random ledgers (gigs of every status, fee lines of every kind,
// part payments, overpayments, payments before and after the date, two
// currencies with different minor units), the aging buckets partition what is
// owed exactly — per currency, Σ buckets = the total = Σ of the gig rows —
// and every figure equals a plain re-computation of the rules in
// src/money/balances.ts. Seeded, so a failure replays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forUser } from '../../src/db/scoped.ts';
import { addDays, daysBetween } from '../../src/lib/dates.ts';
import { agingBuckets, owedReport, type AgingBucket } from '../../src/money/queries.ts';
import { testApp } from '../support/app.ts';
import { seeded } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

type GenGig = { id: number; date: string; dueDate: string | null; status: string; currency: string; lines: { kind: string; amountMinor: number; owedToMusician: boolean }[] };
type GenAllocation = { gigId: number; amountMinor: number; receivedOn: string };

const STATUSES = ['hold', 'booked', 'done', 'done', 'done', 'cancelled'];
const KINDS = ['base_fee', 'overtime', 'doubling', 'cartage', 'cancellation_fee', 'pension', 'health_welfare'];
const CURRENCIES = ['USD', 'JPY'];

async function buildLedger(seed: number) {
  const rng = seeded(seed);
  const user = await t.prisma.user.create({ data: { email: `prop-${seed}@example.test`, name: 'Prop', passwordHash: 'x', slug: `prop-${seed}` } });
  const userId = user.id;
  const clientIds = [];
  for (let i = 0; i < 4; i++) clientIds.push((await t.prisma.client.create({ data: { userId, name: `Client ${i}` } })).id);
  const gigs: GenGig[] = [];
  const allocations: GenAllocation[] = [];
  for (let i = 0; i < 70; i++) {
    const date = addDays('2025-06-01', rng.int(0, 540));
    const dueDate = rng.chance(0.12) ? null : addDays(date, rng.int(0, 60));
    const status = rng.pick(STATUSES);
    const currency = rng.pick(CURRENCIES);
    const lines = Array.from({ length: rng.int(0, 3) }, () => {
      const kind = rng.pick(KINDS);
      return { kind, amountMinor: rng.int(1, 90000), owedToMusician: kind !== 'pension' && kind !== 'health_welfare' };
    });
    const gig = await t.prisma.gig.create({
      data: {
        userId, date, dueDate, status,
        clientId: rng.chance(0.9) ? rng.pick(clientIds) : null,
        payerId: rng.chance(0.2) ? rng.pick(clientIds) : null,
        lineItems: { create: lines.map((l, position) => ({ userId, ...l, currency, position })) },
      },
    });
    gigs.push({ id: gig.id, date, dueDate, status, currency, lines });
    // Zero to three payments, any time around the gig; sometimes more than agreed.
    const agreed = lines.reduce((s, l) => s + l.amountMinor, 0);
    for (let p = rng.int(0, 3); p > 0; p--) {
      const amountMinor = rng.int(1, Math.max(1, Math.ceil((agreed * 0.7) + 5000)));
      const receivedOn = addDays(date, rng.int(-30, 200));
      await t.prisma.payment.create({
        data: { userId, receivedOn, amountMinor, currency, allocations: { create: [{ userId, gigId: gig.id, amountMinor }] } },
      });
      allocations.push({ gigId: gig.id, amountMinor, receivedOn });
    }
  }
  return { userId, gigs, allocations };
}

/** The rules of balances.ts, re-stated plainly over the generated rows. */
function expected(ledger: Awaited<ReturnType<typeof buildLedger>>, asOf: string) {
  const perCurrency = new Map<string, { total: number; buckets: Record<AgingBucket, number> }>();
  const rows: { gigId: number; owed: number; bucket: AgingBucket }[] = [];
  for (const gig of ledger.gigs) {
    const counted = gig.lines.filter((l) => l.owedToMusician && (gig.status === 'booked' || gig.status === 'done' || (gig.status === 'cancelled' && l.kind === 'cancellation_fee')));
    if (counted.length === 0) continue;
    const agreed = counted.reduce((s, l) => s + l.amountMinor, 0);
    const paid = ledger.allocations.filter((a) => a.gigId === gig.id && a.receivedOn <= asOf).reduce((s, a) => s + a.amountMinor, 0);
    const owed = agreed - paid;
    if (owed <= 0 || gig.date > asOf) continue;
    const late = gig.dueDate && gig.dueDate < asOf ? daysBetween(gig.dueDate, asOf) : 0;
    const bucket: AgingBucket = late === 0 ? 'current' : late <= 30 ? 'late_1_30' : late <= 60 ? 'late_31_60' : late <= 90 ? 'late_61_90' : 'late_90_plus';
    let c = perCurrency.get(gig.currency);
    if (!c) {
      c = { total: 0, buckets: { current: 0, late_1_30: 0, late_31_60: 0, late_61_90: 0, late_90_plus: 0 } };
      perCurrency.set(gig.currency, c);
    }
    c.total += owed;
    c.buckets[bucket] += owed;
    rows.push({ gigId: gig.id, owed, bucket });
  }
  return { perCurrency, rows };
}

describe('aging buckets partition what is owed', () => {
  const AS_OF = ['2025-05-31', '2025-09-15', '2026-01-01', '2026-03-31', '2026-07-04', '2026-12-31', '2027-06-30'];

  it.each([11, 2026, 90210])('seed %i: Σ buckets = Σ owed per currency, equal to the rules recomputed, on every date', async (seed) => {
    const ledger = await buildLedger(seed);
    const db = forUser(t.prisma, ledger.userId);
    let nonEmpty = 0;
    for (const asOf of AS_OF) {
      const report = await owedReport(db, asOf, { perPage: 100_000 }); // every gig on one page
      const want = expected(ledger, asOf);
      const label = `seed ${seed}, as of ${asOf}`;
      expect(report.aging.map((a) => a.currency), label).toEqual([...want.perCurrency.keys()].sort());
      for (const a of report.aging) {
        const w = want.perCurrency.get(a.currency)!;
        const bucketSum = agingBuckets.reduce((s, b) => s + a.buckets[b.key].amountMinor, 0);
        const rowSum = report.groups.flatMap((g) => g.gigs).filter((g) => g.currency === a.currency).reduce((s, g) => s + g.owedMinor, 0);
        expect(bucketSum, label).toBe(a.totalMinor);
        expect(rowSum, label).toBe(a.totalMinor);
        expect(a.totalMinor, label).toBe(w.total);
        expect(Object.fromEntries(agingBuckets.map((b) => [b.key, a.buckets[b.key].amountMinor])), label).toEqual(w.buckets);
        expect(agingBuckets.reduce((s, b) => s + a.buckets[b.key].gigs, 0), label).toBe(a.gigs);
        // Client subtotals partition the currency total too.
        const clientSum = report.groups.reduce((s, g) => s + (g.totals.find((x) => x.currency === a.currency)?.amountMinor ?? 0), 0);
        expect(clientSum, label).toBe(a.totalMinor);
      }
      const rows = report.groups.flatMap((g) => g.gigs).map((g) => ({ gigId: g.gigId, owed: g.owedMinor, bucket: g.bucket }));
      expect(rows.sort((x, y) => x.gigId - y.gigId), label).toEqual(want.rows.sort((x, y) => x.gigId - y.gigId));
      if (want.rows.length) nonEmpty++;
    }
    // The dates are spread so that the property is tested on real data, not only on empty ledgers.
    expect(nonEmpty).toBeGreaterThanOrEqual(5);
  });
});

describe('bucket edges', () => {
  it('puts a gig due on the date in "not yet due", and day 30/31, 60/61, 90/91 on either side of each edge', async () => {
    const user = await t.prisma.user.create({ data: { email: 'edges@example.test', name: 'Edges', passwordHash: 'x', slug: 'edges' } });
    const asOf = '2026-03-01'; // after February, so month lengths are in play
    const want: Record<number, AgingBucket> = { [-1]: 'current', 0: 'current', 1: 'late_1_30', 30: 'late_1_30', 31: 'late_31_60', 60: 'late_31_60', 61: 'late_61_90', 90: 'late_61_90', 91: 'late_90_plus', 400: 'late_90_plus' };
    const ids = new Map<number, number>();
    for (const late of Object.keys(want).map(Number)) {
      const gig = await t.prisma.gig.create({
        data: { userId: user.id, date: '2025-01-01', dueDate: addDays(asOf, -late), lineItems: { create: [{ userId: user.id, amountMinor: 100 + late, currency: 'USD' }] } },
      });
      ids.set(gig.id, late);
    }
    const report = await owedReport(forUser(t.prisma, user.id), asOf);
    const got = report.groups.flatMap((g) => g.gigs).map((g) => [ids.get(g.gigId)!, g.bucket, g.daysLate] as const);
    expect(Object.fromEntries(got.map(([late, bucket]) => [late, bucket]))).toEqual(want);
    for (const [late, , daysLate] of got) expect(daysLate).toBe(Math.max(0, late));
  });
});
