// Builds the demo musician's two years of work as plain data, relative to
// `today`, without touching the database (seed.ts writes it). Rows point at
// each other by object (an allocation holds its PlanGig), so nothing here
// depends on database ids.
//
// What the data must show, whatever `today` is: every gig kind and status;
// union dates with fund lines the musician is not owed; money fully paid,
// partly paid, overdue in each aging bucket, not yet due, and a deposit paid
// before the gig; USD and GBP; invoices; royalties; a portfolio with credits.
import { addDays, daysBetween, isIsoDate } from '../lib/dates.ts';
import { demoClients } from './catalog.ts';
import { cancelSome, priceGigs, scheduleGigs, upcomingGigs } from './gigs.ts';
import { issueInvoices, receivePayments } from './payments.ts';
import { buildRecordings, buildRoyalties } from './portfolio.ts';
import { createRandom } from './random.ts';
import { rateCards } from './rates.ts';
import type { DemoPlan, PlanGig } from './types.ts';

export type * from './types.ts';

const SEED = 0x1ed6e5; // any fixed number: the same seed gives the same musician

export function buildDemoPlan(today: string): DemoPlan {
  if (!isIsoDate(today)) {
    throw new RangeError(`today must be a calendar date like 2026-03-14, got ${JSON.stringify(today)}`);
  }
  const rng = createRandom(SEED);
  const day = (offset: number) => addDays(today, offset);
  const age = (gig: PlanGig) => daysBetween(gig.date, today);

  const gigs = [...scheduleGigs(rng, day), ...upcomingGigs(day)].sort(
    (a, b) => a.date.localeCompare(b.date) || (a.startTime ?? '99').localeCompare(b.startTime ?? '99'),
  );
  priceGigs(rng, gigs);
  const past = gigs.filter((g) => g.date < today);

  // Recordings come from the first session of each song; those sessions (and invoiced ones) stay done.
  const firstSessions = new Map<string, PlanGig>();
  for (const gig of past) for (const song of gig.songs) if (!firstSessions.has(song)) firstSessions.set(song, gig);
  const keep = new Set(firstSessions.values());

  const invoices = issueInvoices(past, today);
  for (const gig of past) if (gig.invoice) keep.add(gig);
  // A session from the last few days is still "booked": the musician has not marked it done yet.
  const notMarked = past.filter((g) => g.kind === 'studio_session' && age(g) <= 4 && !keep.has(g)).at(-1);
  if (notMarked) notMarked.status = 'booked';
  cancelSome(rng, past, keep, today);

  const payments = receivePayments(rng, gigs, today);
  const recordings = buildRecordings(rng, firstSessions, today);
  const { agreements, statements } = buildRoyalties(rng, recordings, today);

  return {
    today,
    clients: demoClients,
    gigs,
    invoices,
    nextInvoiceNumber: invoices.length + 1,
    payments,
    rateCards: rateCards(today),
    exchangeRates: [
      { fromCurrency: 'GBP', toCurrency: 'USD', rate: '1.2650', asOf: day(-200) },
      { fromCurrency: 'GBP', toCurrency: 'USD', rate: '1.2710', asOf: day(-90) },
      { fromCurrency: 'GBP', toCurrency: 'USD', rate: '1.3395', asOf: day(-10) },
    ],
    recordings,
    agreements,
    statements,
    outreach: [
      { client: 'kingsway', contactName: 'Harriet Cole', contactedOn: day(-735), channel: 'dm', selection: '/p/maya-okafor?instrument=Rhodes', followUpOn: null, outcome: 'Became a regular client', notes: 'Sent three remote Rhodes parts after their folk compilation.' },
      { client: 'blueDoor', contactName: 'Marcus Lee', contactedOn: day(-260), channel: 'email', selection: '/p/maya-okafor?instrument=Synthesizer', followUpOn: null, outcome: 'Booked two sessions', notes: '' },
      { client: null, contactName: 'Alana Cho (Figtree Studios, Glendale)', contactedOn: day(-21), channel: 'in_person', selection: '/p/maya-okafor?instrument=Hammond+organ', followUpOn: day(7), outcome: '', notes: 'Met at a keyboard panel; she asked for organ on soul records.' },
      { client: null, contactName: 'Sundial Post (trailer music)', contactedOn: day(-10), channel: 'email', selection: '/p/maya-okafor?genre=soul', followUpOn: day(4), outcome: '', notes: 'Follow up if no reply.' },
    ],
  };
}
