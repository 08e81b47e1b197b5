// The demo's invoices and payments: who paid what, when, as of today.
import { addDays, addMonths, daysBetween } from '../lib/dates.ts';
import { applyBasisPoints } from '../lib/money.ts';
import { type ClientKey, clientFor } from './catalog.ts';
import type { Random } from './random.ts';
import type { PlanGig, PlanInvoice, PlanPayment } from './types.ts';

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

export function issueInvoices(past: PlanGig[], today: string): PlanInvoice[] {
  const done = past.filter((g) => g.status === 'done');
  const ageOf = (g: PlanGig) => daysBetween(g.date, today);
  const groups: { client: ClientKey; gigs: PlanGig[]; notes: string }[] = [
    // The label pays for a producer's album dates: one invoice to the label for three sessions.
    { client: 'copperKettle', gigs: done.filter((g) => g.payer === 'copperKettle' && ageOf(g) >= 199 && ageOf(g) <= 212), notes: 'Sessions produced by Dana Whitfield.' },
    // A London studio in pounds, now overdue.
    { client: 'kingsway', gigs: done.filter((g) => g.client === 'kingsway' && ageOf(g) >= 69 && ageOf(g) <= 76), notes: 'Remote sessions for Hollis & Vane.' },
    // The latest jingle: not yet due.
    { client: 'brightline', gigs: done.filter((g) => g.client === 'brightline').slice(-1), notes: '' },
  ];
  return groups.map((group, i) => {
    if (group.gigs.length === 0) throw new Error(`Demo plan: no gigs for invoice ${i + 1}`);
    const terms = clientFor(group.client).termsDays;
    const issuedOn = addDays(group.gigs.at(-1)!.date, 1);
    const dueOn = addDays(issuedOn, terms);
    const invoice: PlanInvoice = {
      number: `INV-${String(i + 1).padStart(4, '0')}`,
      client: group.client,
      issuedOn,
      dueOn,
      currency: group.gigs[0].currency,
      terms: `Net ${terms}`,
      notes: group.notes,
      // A polite nudge a week after the due date, for invoices still open then.
      reminders: group.client === 'kingsway' && addDays(dueOn, 7) < today ? [addDays(dueOn, 7)] : [],
    };
    for (const gig of group.gigs) {
      gig.invoice = invoice;
      gig.dueDate = dueOn;
    }
    return invoice;
  });
}

const owedOn = (gig: PlanGig) => gig.lines.filter((l) => l.owedToMusician).reduce((sum, l) => sum + l.amountMinor, 0);

/**
 * Who paid what when. The rules, in order: invoices (paid, overdue, not yet
 * due), cash on the night, the tour settlement, deposits, monthly studio
 * checks, a few deliberately overdue or partly paid dates in each aging
 * bucket, then everyone else pays around the due date — unless that is still
 * to come.
 */
export function receivePayments(rng: Random, gigs: PlanGig[], today: string): PlanPayment[] {
  const payments: PlanPayment[] = [];
  let checkNumber = 4100;
  const referenceFor = (method: string) =>
    method === 'check' ? `Check #${++checkNumber}`
    : method === 'bank_transfer' ? `ACH ${rng.int(100000, 999999)}`
    : method === 'wise' ? `Wise ${rng.int(10000000, 99999999)}`
    : '';
  const yesterday = addDays(today, -1);
  const pay = (clientKey: ClientKey, receivedOn: string, parts: { gig: PlanGig; amountMinor: number }[], notes = '', reference?: string) => {
    const c = clientFor(clientKey);
    payments.push({
      client: clientKey,
      receivedOn,
      amountMinor: parts.reduce((sum, p) => sum + p.amountMinor, 0),
      currency: parts[0].gig.currency,
      method: c.method,
      reference: reference ?? referenceFor(c.method),
      notes,
      allocations: parts,
    });
  };
  const full = (gig: PlanGig) => ({ gig, amountMinor: owedOn(gig) });
  const payerOf = (gig: PlanGig) => gig.payer ?? gig.client;
  const settled = new Set<PlanGig>();
  const payable = gigs.filter((g) => (g.status === 'done' || g.status === 'cancelled') && g.date < today && owedOn(g) > 0);

  // Invoices: the label's is paid a little late, the others are still open.
  const invoiced = payable.filter((g) => g.invoice);
  for (const gig of invoiced) settled.add(gig);
  const labelInvoice = invoiced.filter((g) => g.invoice!.client === 'copperKettle');
  if (labelInvoice.length > 0) {
    const invoice = labelInvoice[0].invoice!;
    pay('copperKettle', minDate(addDays(invoice.dueOn, 6), yesterday), labelInvoice.map(full), '', invoice.number);
  }

  // Deposits: half up front for the release show coming up, and for one earlier show.
  const releaseShow = gigs.find((g) => g.status === 'booked' && g.kind === 'live' && g.date > today);
  if (releaseShow) pay('juneAlvarez', addDays(today, -20), [{ gig: releaseShow, amountMinor: applyBasisPoints(owedOn(releaseShow), 5000) }], 'Deposit (50%)');
  const earlierShow = payable.filter((g) => g.client === 'juneAlvarez' && g.kind === 'live' && g.status === 'done' && daysBetween(g.date, today) > 60).at(-1);
  if (earlierShow) {
    const deposit = applyBasisPoints(owedOn(earlierShow), 5000);
    pay('juneAlvarez', addDays(earlierShow.date, -21), [{ gig: earlierShow, amountMinor: deposit }], 'Deposit (50%)');
    pay('juneAlvarez', earlierShow.date, [{ gig: earlierShow, amountMinor: owedOn(earlierShow) - deposit }], 'Balance on the night');
    settled.add(earlierShow);
  }

  // Paid on the day: the venue in cash, lessons by Venmo.
  for (const gig of payable) {
    if (settled.has(gig) || (gig.client !== 'hollowTavern' && gig.client !== 'priyaShah')) continue;
    pay(gig.client, gig.date, [full(gig)]);
    settled.add(gig);
  }

  // The tour settles in one transfer after the last show.
  const tour = payable.filter((g) => g.client === 'marigolds');
  if (tour.length > 0) {
    pay('marigolds', minDate(addDays(tour.at(-1)!.date, 10), yesterday), tour.map(full), 'Tour settlement');
    tour.forEach((g) => settled.add(g));
  }

  // Deliberately unpaid dates, one per aging bucket (1–30, 31–60, 61–90, 90+
  // days late), and two part-paid ones: the past-due gig whose due date is
  // nearest to `daysLate` days ago.
  const lateBy = (daysLate: number) => {
    const target = addDays(today, -daysLate);
    const eligible = payable.filter(
      (g) => !settled.has(g) && g.status === 'done' && g.dueDate < today && payerOf(g) !== 'echoPark' && g.kind !== 'live',
    );
    const distance = (g: PlanGig) => Math.abs(daysBetween(g.dueDate, target));
    const best = eligible.reduce((a, b) => (distance(a) <= distance(b) ? a : b));
    settled.add(best);
    return best;
  };
  for (const daysLate of [15, 45, 75, 150]) lateBy(daysLate).notes = 'Chased by email; no payment yet.';
  for (const daysLate of [25, 110]) {
    const gig = lateBy(daysLate);
    const part = applyBasisPoints(owedOn(gig), 5000);
    const receivedOn = minDate(maxDate(addDays(gig.dueDate, rng.int(-3, 8)), gig.date), yesterday);
    pay(payerOf(gig), receivedOn, [{ gig, amountMinor: part }], 'Part payment; the rest promised next month.');
  }

  // Echo Park Sound pays a month of sessions with one check, a month after the month ends.
  const byMonth = new Map<string, PlanGig[]>();
  for (const gig of payable) {
    if (settled.has(gig) || payerOf(gig) !== 'echoPark') continue;
    const month = gig.date.slice(0, 7);
    byMonth.set(month, [...(byMonth.get(month) ?? []), gig]);
  }
  for (const [month, monthGigs] of byMonth) {
    const due = addDays(addMonths(`${month}-01`, 1), 29); // 30 days after the month ends
    if (due >= addDays(today, -3)) continue; // not paid yet: this month's check is still to come
    pay('echoPark', addDays(due, rng.int(-5, 6)), monthGigs.map(full), `Sessions in ${month}`);
    monthGigs.forEach((g) => settled.add(g));
  }

  // Everyone else: around the due date, if that has passed.
  for (const gig of payable) {
    if (settled.has(gig) || gig.payer === 'echoPark' || gig.client === 'echoPark') continue;
    if (gig.dueDate >= addDays(today, -5)) continue; // not yet due, or only just: nothing yet
    const receivedOn = minDate(maxDate(addDays(gig.dueDate, rng.int(-14, 10)), gig.date), yesterday);
    pay(payerOf(gig), receivedOn, [full(gig)]);
  }
  return payments.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn));
}
