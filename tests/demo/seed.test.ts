import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/passwords.ts';
import { clientKinds, creditRoles, fundLineItemKinds, gigKinds, gigStatuses, lineItemKinds, linkKinds } from '../../src/domain/vocabulary.ts';
import { isValidIsrc, isValidIswc } from '../../src/lib/identifiers.ts';
import { buildDemoPlan } from '../../src/demo/plan.ts';
import { gigBalancesCte, paidStateOf } from '../../src/money/balances.ts';
import { DEMO_EMAIL, DEMO_PASSWORD, seedDemo } from '../../src/demo/seed.ts';
import { freshDatabase } from '../support/database.ts';

const TODAY = '2026-03-14';

type Db = Awaited<ReturnType<typeof freshDatabase>>;

async function countAll(prisma: Db['prisma']) {
  const [users, clients, gigs, lineItems, payments, allocations, invoices, reminders, rateCards, exchangeRates, recordings, credits, links, agreements, statements, outreach] =
    await Promise.all([
      prisma.user.count(),
      prisma.client.count(),
      prisma.gig.count(),
      prisma.lineItem.count(),
      prisma.payment.count(),
      prisma.paymentAllocation.count(),
      prisma.invoice.count(),
      prisma.invoiceReminder.count(),
      prisma.rateCard.count(),
      prisma.exchangeRate.count(),
      prisma.recording.count(),
      prisma.recordingCredit.count(),
      prisma.recordingLink.count(),
      prisma.royaltyAgreement.count(),
      prisma.royaltyStatement.count(),
      prisma.outreachEntry.count(),
    ]);
  return { users, clients, gigs, lineItems, payments, allocations, invoices, reminders, rateCards, exchangeRates, recordings, credits, links, agreements, statements, outreach };
}

describe('seedDemo', () => {
  let db: Db;
  let first: Awaited<ReturnType<typeof seedDemo>>;
  let seedMs: number;

  beforeAll(async () => {
    db = await freshDatabase();
    const started = performance.now();
    first = await seedDemo(db.prisma, { today: TODAY });
    seedMs = performance.now() - started;
  });
  afterAll(() => db.close());

  it('creates the demo musician, who can sign in with the printed password', async () => {
    expect(first).toEqual({ email: DEMO_EMAIL, password: DEMO_PASSWORD, created: true });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
    expect(user).toMatchObject({ name: 'Maya Okafor', slug: 'maya-okafor', homeCurrency: 'USD', timeZone: 'America/Los_Angeles', nextInvoiceNumber: 4 });
    expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash)).toBe(true);
  });

  it('is fast', () => {
    // About 1 s here (one scrypt hash, ~300 statements in one transaction). The bound is loose so a
    // busy CI machine does not fail it; it is there to catch a query-per-row regression.
    expect(seedMs).toBeLessThan(10_000);
  });

  it('creates the expected amount of data', async () => {
    const counts = await countAll(db.prisma);
    expect(counts.users).toBe(1);
    expect(counts.clients).toBeGreaterThanOrEqual(14);
    expect(counts.clients).toBeLessThanOrEqual(18);
    expect(counts.gigs).toBeGreaterThanOrEqual(120);
    expect(counts.gigs).toBeLessThanOrEqual(135);
    expect(counts.recordings).toBe(30);
    expect(counts.invoices).toBe(3);
    expect(counts.rateCards).toBe(2);
    expect(counts.agreements).toBeGreaterThanOrEqual(2);
    expect(counts.statements).toBeGreaterThanOrEqual(4);
    expect(counts.outreach).toBeGreaterThanOrEqual(3);
    expect(counts.credits).toBeGreaterThanOrEqual(30);
    expect(counts.links).toBeGreaterThanOrEqual(20);
    expect(counts.reminders).toBeGreaterThanOrEqual(1);
  });

  it('spans the two years before today and the next weeks', async () => {
    const gigs = await db.prisma.gig.findMany({ select: { date: true, status: true } });
    const past = gigs.filter((g) => g.date < TODAY);
    expect(past.length).toBeGreaterThanOrEqual(115);
    expect(past.every((g) => g.date >= '2024-03-14')).toBe(true);
    const upcoming = gigs.filter((g) => g.date >= TODAY);
    expect(upcoming.every((g) => g.date <= '2026-04-30' && (g.status === 'hold' || g.status === 'booked'))).toBe(true);
    expect(new Set(upcoming.map((g) => g.status))).toEqual(new Set(['hold', 'booked']));
  });

  it('uses only the vocabularies, and every gig status and kind appears', async () => {
    const gigs = await db.prisma.gig.findMany({ select: { status: true, kind: true } });
    expect(new Set(gigs.map((g) => g.status))).toEqual(new Set(gigStatuses.values));
    expect(new Set(gigs.map((g) => g.kind))).toEqual(new Set(gigKinds.values));
    const clients = await db.prisma.client.findMany({ select: { kind: true, name: true } });
    for (const c of clients) expect(clientKinds.values).toContain(c.kind);
    expect(clients.find((c) => c.kind === 'fund')?.name).toBe('AFM & SAG-AFTRA Intellectual Property Rights Distribution Fund');
    for (const l of await db.prisma.lineItem.findMany({ select: { kind: true } })) expect(lineItemKinds.values).toContain(l.kind);
    for (const c of await db.prisma.recordingCredit.findMany({ select: { role: true } })) expect(creditRoles.values).toContain(c.role);
    for (const l of await db.prisma.recordingLink.findMany({ select: { kind: true } })) expect(linkKinds.values).toContain(l.kind);
  });

  it('gives every recording a valid, unique ISRC and valid ISWCs', async () => {
    const recordings = await db.prisma.recording.findMany({ include: { credits: true } });
    expect(recordings.every((r) => r.isrc !== null && isValidIsrc(r.isrc))).toBe(true);
    expect(new Set(recordings.map((r) => r.isrc)).size).toBe(30);
    const iswcs = recordings.flatMap((r) => (r.iswc ? [r.iswc] : []));
    expect(iswcs.length).toBeGreaterThan(0);
    expect(iswcs.every(isValidIswc)).toBe(true);
    expect(recordings.every((r) => r.credits.length > 0)).toBe(true);
    expect(recordings.filter((r) => r.gigId !== null).length).toBeGreaterThanOrEqual(20);
    const featured = recordings.filter((r) => r.displayOrder !== null);
    expect(featured.length).toBeGreaterThan(0);
    expect(featured.every((r) => r.isPublic)).toBe(true);
  });

  it('records union fund lines as not owed to the musician', async () => {
    const fundLines = await db.prisma.lineItem.findMany({ where: { kind: { in: [...fundLineItemKinds] } }, include: { gig: true } });
    expect(fundLines.length).toBeGreaterThan(0);
    expect(fundLines.every((l) => !l.owedToMusician && l.gig.union)).toBe(true);
    expect(await db.prisma.lineItem.count({ where: { owedToMusician: false, kind: { notIn: [...fundLineItemKinds] } } })).toBe(0);
  });

  it('has money in USD and GBP that never mixes currencies', async () => {
    const lineCurrencies = await db.prisma.lineItem.findMany({ distinct: ['currency'], select: { currency: true } });
    expect(lineCurrencies.map((l) => l.currency).sort()).toEqual(['GBP', 'USD']);
    const payments = await db.prisma.payment.findMany({ include: { allocations: { include: { gig: { include: { lineItems: true } } } } } });
    expect(new Set(payments.map((p) => p.currency))).toEqual(new Set(['GBP', 'USD']));
    for (const payment of payments) {
      // Allocations settle gigs in the payment's currency and add up to the payment.
      expect(payment.allocations.reduce((sum, a) => sum + a.amountMinor, 0)).toBe(payment.amountMinor);
      for (const a of payment.allocations) expect(a.gig.lineItems.every((l) => l.currency === payment.currency)).toBe(true);
    }
  });

  it('has money in every state as of today', async () => {
    const gigs = await db.prisma.gig.findMany({ include: { lineItems: true, allocations: { include: { payment: true } } } });
    const state = gigs.map((gig) => {
      const owed = gig.lineItems.filter((l) => l.owedToMusician).reduce((sum, l) => sum + l.amountMinor, 0);
      const received = gig.allocations.reduce((sum, a) => sum + a.amountMinor, 0);
      return { gig, owed, received };
    });
    expect(state.every((s) => s.received <= s.owed)).toBe(true); // nothing overpaid
    const done = state.filter((s) => s.gig.status === 'done' && s.owed > 0);
    const fullyPaid = done.filter((s) => s.received === s.owed);
    const partlyPaid = done.filter((s) => s.received > 0 && s.received < s.owed);
    const overdueUnpaid = done.filter((s) => s.received === 0 && s.gig.dueDate! < TODAY);
    const notYetDue = done.filter((s) => s.received < s.owed && s.gig.dueDate! >= TODAY);
    expect(fullyPaid.length).toBeGreaterThan(50);
    expect(partlyPaid.length).toBeGreaterThanOrEqual(1);
    expect(overdueUnpaid.length).toBeGreaterThanOrEqual(1);
    expect(notYetDue.length).toBeGreaterThanOrEqual(1);
    // Overdue in more than one aging bucket, one of them over 90 days.
    const daysLate = overdueUnpaid.map((s) => (Date.parse(TODAY) - Date.parse(s.gig.dueDate!)) / 86_400_000);
    expect(daysLate.some((d) => d <= 30)).toBe(true);
    expect(daysLate.some((d) => d > 90)).toBe(true);
    // A deposit paid before the gig.
    expect(state.some((s) => s.gig.allocations.some((a) => a.payment.receivedOn < s.gig.date))).toBe(true);
    // No payment from the future.
    expect(await db.prisma.payment.count({ where: { receivedOn: { gte: TODAY } } })).toBe(0);
  });

  it('shows every paid state through the app’s own definition of owed', async () => {
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
    const balances = await db.prisma.$queryRaw<
      { status: string; currency: string; dueDate: string | null; agreedMinor: number; paidMinor: number; owedMinor: number }[]
    >`WITH ${gigBalancesCte(user.id)} SELECT status, currency, dueDate, agreedMinor, paidMinor, owedMinor FROM balances`;
    const states = new Set(balances.map((b) => paidStateOf(b, TODAY)));
    expect(states).toEqual(new Set(['paid', 'partly_paid', 'owed', 'overdue']));
    expect(balances.every((b) => Number(b.owedMinor) >= 0)).toBe(true);
    // The late cancellation fees count, and are paid.
    const cancelled = balances.filter((b) => b.status === 'cancelled');
    expect(cancelled.length).toBeGreaterThan(0);
    expect(cancelled.every((b) => paidStateOf(b, TODAY) === 'paid')).toBe(true);
    expect(new Set(balances.map((b) => b.currency))).toEqual(new Set(['GBP', 'USD']));
  });

  it('numbers invoices in sequence and links their gigs', async () => {
    const invoices = await db.prisma.invoice.findMany({ orderBy: { number: 'asc' }, include: { gigs: true } });
    expect(invoices.map((i) => i.number)).toEqual(['INV-0001', 'INV-0002', 'INV-0003']);
    expect(invoices.every((i) => i.gigs.length > 0 && i.gigs.every((g) => g.dueDate === i.dueOn && g.clientId !== null))).toBe(true);
    expect(new Set(invoices.map((i) => i.currency))).toEqual(new Set(['USD', 'GBP']));
  });

  it('stores an AFM-style scale card and a flat-rate card', async () => {
    const cards = await db.prisma.rateCard.findMany({ orderBy: { id: 'asc' } });
    expect(cards[0]).toMatchObject({ currency: 'USD', unitMinutes: 180, overtimeIncrementMinutes: 30, firstDoubleBps: 5000, additionalDoubleBps: 2000, cartageMinor: 1200, pensionBps: 1409, healthWelfareMinor: 3000, isDefault: true });
    // $434.21 in 2019, +3% a year: $518.47 in 2025, $534.02 in 2026.
    expect(cards[0].baseUnitMinor).toBe(53402);
    expect(cards[1].isDefault).toBe(false);
  });

  it('creates nothing on a second run', async () => {
    const before = await countAll(db.prisma);
    const second = await seedDemo(db.prisma, { today: TODAY });
    expect(second).toEqual({ email: DEMO_EMAIL, password: DEMO_PASSWORD, created: false });
    expect(await countAll(db.prisma)).toEqual(before);
    // Even on another day.
    await seedDemo(db.prisma, { today: '2026-06-01' });
    expect(await countAll(db.prisma)).toEqual(before);
  });
});

describe('seedDemo beside other accounts', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDatabase();
  });
  afterAll(() => db.close());

  it('takes fresh ids, never reusing one of a deleted row, and leaves other accounts alone', async () => {
    const other = await db.prisma.user.create({
      data: { email: 'someone@example.test', name: 'Someone', passwordHash: 'x', slug: 'someone' },
    });
    const client = await db.prisma.client.create({ data: { userId: other.id, name: 'Their studio' } });
    const gigs = await Promise.all(
      [1, 2, 3].map((n) => db.prisma.gig.create({ data: { userId: other.id, clientId: client.id, date: `2026-01-0${n}` } })),
    );
    await db.prisma.gig.delete({ where: { id: gigs[2].id } }); // the largest id is now free, but must not be reused

    expect((await seedDemo(db.prisma, { today: TODAY })).created).toBe(true);

    const demo = await db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_EMAIL } });
    const firstDemoGig = await db.prisma.gig.findFirstOrThrow({ where: { userId: demo.id }, orderBy: { id: 'asc' } });
    expect(firstDemoGig.id).toBe(gigs[2].id + 1);
    // Every reference stays inside the demo account.
    const demoClientIds = new Set((await db.prisma.client.findMany({ where: { userId: demo.id } })).map((c) => c.id));
    const demoGigs = await db.prisma.gig.findMany({ where: { userId: demo.id } });
    expect(demoGigs.every((g) => g.clientId !== null && demoClientIds.has(g.clientId))).toBe(true);
    expect(await db.prisma.gig.count({ where: { userId: other.id } })).toBe(2);
    // And the next ordinary insert continues after the demo's ids.
    const next = await db.prisma.gig.create({ data: { userId: other.id, date: '2026-01-04' } });
    expect(next.id).toBe(Math.max(...demoGigs.map((g) => g.id)) + 1);
  });
});

describe('buildDemoPlan', () => {
  it('is the same every run for the same day', () => {
    const strip = (plan: ReturnType<typeof buildDemoPlan>) => JSON.stringify(plan.gigs.map(({ invoice, ...g }) => ({ ...g, invoice: invoice?.number })));
    expect(strip(buildDemoPlan(TODAY))).toBe(strip(buildDemoPlan(TODAY)));
  });

  it.each(['2025-01-01', '2025-12-31', '2026-02-28', '2027-07-04'])('holds together on %s', (today) => {
    const plan = buildDemoPlan(today);
    expect(plan.gigs.length).toBeGreaterThanOrEqual(120);
    expect(plan.recordings.length).toBe(30);
    expect(plan.recordings.every((r) => isValidIsrc(r.isrc))).toBe(true);
    expect(new Set(plan.recordings.map((r) => r.isrc)).size).toBe(30);
    expect(plan.payments.every((p) => p.receivedOn < today)).toBe(true);
  });

  it('refuses a day that is not a calendar date', () => {
    expect(() => buildDemoPlan('2026-02-30')).toThrow(RangeError);
    expect(() => buildDemoPlan('14/03/2026')).toThrow(RangeError);
  });
});
