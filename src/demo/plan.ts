// Builds the demo musician's two years of work as plain data, relative to
// `today`, without touching the database (seed.ts writes it). Rows point at
// each other by object (an allocation holds its PlanGig), so nothing here
// depends on database ids.
//
// What the data must show, whatever `today` is: every gig kind and status;
// union dates with fund lines the musician is not owed; money fully paid,
// partly paid, overdue in each aging bucket, not yet due, and a deposit paid
// before the gig; USD and GBP; invoices; royalties; a portfolio with credits.
import { isValidIsrc, iswcCheckDigit } from '../lib/identifiers.ts';
import { applyBasisPoints } from '../lib/money.ts';
import {
  type ClientKey,
  type DemoArtist,
  type DemoClient,
  demoArtists,
  demoClients,
  demoFilm,
  demoOlderRecordings,
  hauled,
  keyboards,
  studioRooms,
  tourCities,
} from './catalog.ts';
import { createRandom, type Random } from './random.ts';

const SEED = 0x1ed6e5; // any fixed number: the same seed gives the same musician

export type PlanLine = { kind: string; description: string; amountMinor: number; owedToMusician: boolean };

export type PlanGig = {
  date: string;
  startTime: string | null;
  durationMinutes: number | null;
  kind: string;
  status: string;
  title: string;
  artist: string;
  location: string;
  instruments: string[];
  client: ClientKey;
  payer: ClientKey | null;
  currency: string;
  union: boolean;
  bFormType: string;
  bFormFiled: boolean;
  workForHire: boolean;
  notes: string;
  dueDate: string;
  invoice: PlanInvoice | null;
  lines: PlanLine[];
  /** Songs recorded at this session (recording gigs only). Not stored: recordings link to the gig. */
  songs: string[];
  /** Leader or contractor on a union date: paid double scale. Not stored: it shows in the line items. */
  leader: boolean;
};

export type PlanInvoice = {
  number: string;
  client: ClientKey;
  issuedOn: string;
  dueOn: string;
  currency: string;
  terms: string;
  notes: string;
  reminders: string[];
};

export type PlanPayment = {
  client: ClientKey;
  receivedOn: string;
  amountMinor: number;
  currency: string;
  method: string;
  reference: string;
  notes: string;
  allocations: { gig: PlanGig; amountMinor: number }[];
};

export type PlanRecording = {
  gig: PlanGig | null;
  title: string;
  artist: string;
  release: string;
  releaseType: string;
  label: string;
  releaseDate: string | null;
  isrc: string;
  iswc: string | null;
  genres: string;
  isPublic: boolean;
  displayOrder: number | null;
  notes: string;
  credits: { role: string; instrument: string }[];
  links: { kind: string; url: string }[];
};

export type PlanAgreement = {
  recording: PlanRecording;
  gig: PlanGig | null;
  payer: ClientKey;
  basis: string;
  rateBps: number;
  advanceMinor: number;
  currency: string;
  recoupable: boolean;
  startsOn: string | null;
  notes: string;
};

export type PlanStatement = {
  agreement: PlanAgreement | null;
  recording: PlanRecording | null;
  payer: ClientKey;
  source: string;
  periodStart: string;
  periodEnd: string;
  amountMinor: number;
  currency: string;
  receivedOn: string;
  reference: string;
  notes: string;
};

export type PlanRateCard = {
  name: string;
  currency: string;
  unitMinutes: number;
  baseUnitMinor: number;
  overtimeIncrementMinutes: number;
  overtimeIncrementMinor: number;
  firstDoubleBps: number;
  additionalDoubleBps: number;
  cartageMinor: number;
  pensionBps: number;
  healthWelfareMinor: number;
  isDefault: boolean;
};

export type DemoPlan = {
  today: string;
  clients: DemoClient[];
  gigs: PlanGig[];
  invoices: PlanInvoice[];
  nextInvoiceNumber: number;
  payments: PlanPayment[];
  rateCards: PlanRateCard[];
  exchangeRates: { fromCurrency: string; toCurrency: string; rate: string; asOf: string }[];
  recordings: PlanRecording[];
  agreements: PlanAgreement[];
  statements: PlanStatement[];
  outreach: {
    client: ClientKey | null;
    contactName: string;
    contactedOn: string;
    channel: string;
    selection: string;
    followUpOn: string | null;
    outcome: string;
    notes: string;
  }[];
};

// --- calendar dates ('YYYY-MM-DD', no time zone: see prisma/schema.prisma) --

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);
const yearOf = (date: string) => Number(date.slice(0, 4));

// --- rates -------------------------------------------------------------------

/**
 * AFM-style side-musician record scale for a year: $434.21 per 3-hour session
 * and $144.74 per overtime half hour in 2019, +3% a year since; pension
 * 12.81% of scale, 14.09% from 2025 (DOMAIN.md). Seed data, like a rate card.
 */
export function recordScale(year: number) {
  let base = 43421;
  let overtime = 14474;
  for (let y = 2019; y < year; y++) {
    base = applyBasisPoints(base, 10300);
    overtime = applyBasisPoints(overtime, 10300);
  }
  return { base, overtime, pensionBps: year >= 2025 ? 1409 : 1281 };
}

function percent(bps: number): string {
  return `${Math.floor(bps / 100)}.${String(bps % 100).padStart(2, '0')}%`;
}

/** Line items of a union session priced at scale: base, overtime, doubles, cartage, and the fund lines. */
function unionLines(gig: PlanGig, options: { firstOfDay: boolean; leader: boolean; label: string }): PlanLine[] {
  const scale = recordScale(yearOf(gig.date));
  const base = options.leader ? applyBasisPoints(scale.base, 20000) : scale.base;
  const lines: PlanLine[] = [
    {
      kind: 'base_fee',
      description: `${options.label}, 3 hours${options.leader ? ' (leader: double scale)' : ''}`,
      amountMinor: base,
      owedToMusician: true,
    },
  ];
  const increments = Math.max(0, Math.ceil(((gig.durationMinutes ?? 180) - 180) / 30));
  if (increments > 0) {
    lines.push({ kind: 'overtime', description: `Overtime, ${increments} × 30 min`, amountMinor: increments * scale.overtime, owedToMusician: true });
  }
  gig.instruments.slice(1).forEach((instrument, i) => {
    const bps = i === 0 ? 5000 : 2000;
    lines.push({ kind: 'doubling', description: `Double: ${instrument} (+${bps / 100}%)`, amountMinor: applyBasisPoints(scale.base, bps), owedToMusician: true });
  });
  const wages = lines.reduce((sum, line) => sum + line.amountMinor, 0);
  for (const instrument of gig.instruments.filter((i) => hauled.has(i))) {
    lines.push({ kind: 'cartage', description: `Cartage: ${instrument}`, amountMinor: 1200, owedToMusician: true });
  }
  lines.push(
    { kind: 'pension', description: `Pension, ${percent(scale.pensionBps)} of scale (paid to the fund)`, amountMinor: applyBasisPoints(wages, scale.pensionBps), owedToMusician: false },
    { kind: 'health_welfare', description: `Health & welfare, ${options.firstOfDay ? 'first' : 'later'} session of the day`, amountMinor: options.firstOfDay ? 3000 : 2500, owedToMusician: false },
  );
  return lines;
}

const line = (kind: string, description: string, amountMinor: number): PlanLine => ({ kind, description, amountMinor, owedToMusician: true });

// --- the plan ------------------------------------------------------------------

type Category = 'record' | 'film' | 'jingle' | 'live' | 'tour' | 'rehearsal' | 'lesson' | 'other';

const clientByKey = new Map(demoClients.map((c) => [c.key, c]));
const client = (key: ClientKey) => clientByKey.get(key)!;

export function buildDemoPlan(today: string): DemoPlan {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today) || addDays(today, 0) !== today) {
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

  // Recordings come from the first session of each song; those sessions stay done.
  const firstSessions = new Map<string, PlanGig>();
  for (const gig of past) for (const song of gig.songs) if (!firstSessions.has(song)) firstSessions.set(song, gig);
  const keep = new Set(firstSessions.values());

  // One session from two days ago is still "booked": the musician has not marked it done yet.
  const notMarked = past.filter((g) => g.kind === 'studio_session' && age(g) <= 4 && !keep.has(g)).at(-1);
  if (notMarked) notMarked.status = 'booked';
  cancelSome(rng, past, keep, today);

  const invoices = issueInvoices(past, today);
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
      { client: 'kingsway', contactName: 'Harriet Cole', contactedOn: day(-700), channel: 'dm', selection: '/p/maya-okafor?instrument=Rhodes', followUpOn: null, outcome: 'Became a regular client', notes: 'Sent three remote Rhodes parts after their folk compilation.' },
      { client: 'blueDoor', contactName: 'Marcus Lee', contactedOn: day(-260), channel: 'email', selection: '/p/maya-okafor?instrument=Synthesizer', followUpOn: null, outcome: 'Booked two sessions', notes: '' },
      { client: null, contactName: 'Alana Cho (Figtree Studios, Glendale)', contactedOn: day(-21), channel: 'in_person', selection: '/p/maya-okafor?instrument=Hammond+organ', followUpOn: day(7), outcome: '', notes: 'Met at a keyboard panel; she asked for organ on soul records.' },
      { client: null, contactName: 'Sundial Post (trailer music)', contactedOn: day(-10), channel: 'email', selection: '/p/maya-okafor?genre=soul', followUpOn: day(4), outcome: '', notes: 'Follow up if no reply.' },
    ],
  };
}

// --- gigs ------------------------------------------------------------------------

function newGig(fields: Partial<PlanGig> & Pick<PlanGig, 'date' | 'kind' | 'client' | 'title'>): PlanGig {
  const c = client(fields.client);
  return {
    startTime: null,
    durationMinutes: null,
    status: 'done',
    artist: '',
    location: '',
    instruments: [],
    payer: null,
    currency: c.currency,
    union: false,
    bFormType: '',
    bFormFiled: false,
    workForHire: true,
    notes: '',
    dueDate: addDays(fields.date, c.termsDays),
    invoice: null,
    lines: [],
    songs: [],
    leader: false,
    ...fields,
  };
}

/** 120 gigs over the two years before today. */
function scheduleGigs(rng: Random, day: (offset: number) => string): PlanGig[] {
  const slots: { offset: number; category: Category }[] = [];
  const randomOffset = () => {
    for (;;) {
      const offset = -rng.int(1, 728);
      if (offset > -392 || offset < -405) return offset; // keep the tour weeks free
    }
  };
  const add = (category: Category, count: number) => {
    for (let i = 0; i < count; i++) slots.push({ offset: randomOffset(), category });
  };
  add('record', 66);
  add('live', 14);
  add('rehearsal', 3);
  add('other', 4);
  // A scoring week and a second block of pickups for the same film.
  for (const offset of [-320, -319, -318, -150, -149, -148]) slots.push({ offset, category: 'film' });
  for (const offset of [-12, -95, -230, -470, -610]) slots.push({ offset, category: 'jingle' });
  for (let i = 0; i < 8; i++) slots.push({ offset: -400 + i, category: 'tour' });
  for (const offset of [-404, -402]) slots.push({ offset, category: 'rehearsal' });
  for (let i = 0; i < 12; i++) slots.push({ offset: -16 - 14 * i, category: 'lesson' });

  // Every song gets a session: the record slots, oldest first, take the songs in a shuffled order.
  const pairs = demoArtists.flatMap((artist) => artist.songs.map((song) => ({ artist, song: song.title })));
  const songs = rng.sample(pairs, pairs.length);
  const recordSlots = slots.filter((s) => s.category === 'record').sort((a, b) => a.offset - b.offset);
  const assigned = new Map(recordSlots.map((slot, i) => [slot, i % 3 === 0 ? songs[i / 3] : undefined]));

  let tourStop = 0;
  let filmDay = 0;
  let jingles = 0;
  return slots.map((slot) => {
    const { offset, category } = slot;
    const date = day(offset);
    switch (category) {
      case 'record':
        return recordGig(rng, date, assigned.get(slot));
      case 'film': {
        const reel = ++filmDay;
        return newGig({
          date, kind: 'studio_session', client: 'rayDelgado', payer: 'northlight', title: `Scoring: ${demoFilm.title}, reel ${reel}`,
          artist: demoFilm.composer, location: 'Fairview Scoring Stage, Studio City', startTime: '10:00', durationMinutes: rng.pick([180, 180, 240]),
          instruments: rng.pick([['Piano'], ['Piano', 'Synthesizer'], ['Piano', 'Synthesizer', 'Mellotron']]), union: true, bFormType: 'B-7', bFormFiled: true,
          songs: reel <= demoFilm.cues.length ? [demoFilm.cues[reel - 1]] : [],
        });
      }
      case 'jingle': {
        const leader = jingles++ % 2 === 0; // every other ad date she leads and contracts the players
        return newGig({
          date, kind: 'studio_session', client: 'brightline', title: `Jingle: ${rng.pick(['Cedar Bank', 'Halo Oat Milk', 'Pacific Rail', 'Nimbus Phone'])} :30 and :15`,
          location: 'Brightline Music, Santa Monica', startTime: '14:00', durationMinutes: 180, instruments: ['Piano'], union: true, bFormType: 'B-6',
          bFormFiled: offset < -30, leader, notes: leader ? 'Led the date and contracted the other three players.' : '',
        });
      }
      case 'live': {
        const venue = rng.chance(0.55);
        return newGig({
          date, kind: 'live', client: venue ? 'hollowTavern' : 'juneAlvarez', artist: 'June Alvarez', startTime: '20:30', durationMinutes: 120,
          title: venue ? 'June Alvarez band at The Hollow Tavern' : `June Alvarez: ${rng.pick(['private event', 'festival set', 'radio session', 'album preview show'])}`,
          location: venue ? 'The Hollow Tavern, Silver Lake' : rng.pick(['Ivy Hall, Highland Park', 'Pasadena Civic lawn', 'KXLL studio, Burbank']),
          instruments: ['Rhodes', 'Synthesizer'],
        });
      }
      case 'tour':
        return newGig({
          date, kind: 'tour', client: 'marigolds', artist: 'The Marigolds', title: `The Marigolds on tour: ${tourCities[tourStop]}`,
          location: tourCities[tourStop++], instruments: ['Hammond organ', 'Piano'], notes: 'Backline organ provided by the venue.',
        });
      case 'rehearsal': {
        const tour = offset <= -400;
        return newGig({
          date, kind: 'rehearsal', client: tour ? 'marigolds' : 'juneAlvarez', artist: tour ? 'The Marigolds' : 'June Alvarez', startTime: '12:00',
          durationMinutes: 240, title: tour ? 'Tour rehearsal: The Marigolds' : 'Band rehearsal: June Alvarez', location: 'Rehearsal room, North Hollywood',
          instruments: ['Rhodes'],
        });
      }
      case 'lesson':
        return newGig({ date, kind: 'lesson', client: 'priyaShah', title: 'Piano lesson: Priya', startTime: '16:30', durationMinutes: 60, location: 'Home studio', instruments: ['Piano'] });
      case 'other':
        return rng.chance(0.5)
          ? newGig({ date, kind: 'other', client: 'lindaPark', title: 'Chart prep for a record date (10 charts)', notes: 'Copying work, paid flat.' })
          : newGig({ date, kind: 'other', client: 'juneAlvarez', artist: 'June Alvarez', title: 'Background vocal arrangement', instruments: ['Background vocals'] });
    }
  });
}

/** A studio or remote session for an artist; `guaranteed` is a song this session must include. */
function recordGig(rng: Random, date: string, guaranteed?: { artist: DemoArtist; song: string }): PlanGig {
  const artist = guaranteed?.artist ?? rng.pick(demoArtists);
  const booker = rng.pick(artist.bookers);
  const remote = booker === 'kingsway' || booker === 'marcusLee' || booker === 'juneAlvarez' || (!artist.union && rng.chance(0.4));
  const songs = new Set(guaranteed ? [guaranteed.song] : []);
  const count = rng.pick([1, 1, 2]);
  while (songs.size < Math.min(count, artist.songs.length)) songs.add(rng.pick(artist.songs).title);
  const bookerKind = client(booker).kind;
  const union = artist.union && !remote;
  const instruments = rng.sample(keyboards, rng.pick(remote ? [1, 2] : [1, 1, 2, 2, 3]));
  if (rng.chance(0.35)) instruments.push('Background vocals');
  const quoted = [...songs].map((s) => `“${s}”`).join(', ');
  return newGig({
    date,
    kind: remote ? 'remote_session' : 'studio_session',
    client: booker,
    // A producer's or contractor's album date is paid by the label; a studio or the artist pays its own.
    payer: artist.payer !== undefined && (bookerKind === 'producer' || bookerKind === 'contractor') ? artist.payer : null,
    artist: artist.name,
    title: remote ? `Remote keys: ${quoted}` : `${rng.pick(['Tracking', 'Overdubs'])}: ${quoted}`,
    location: remote ? 'Home studio (remote, files delivered)' : (studioRooms[booker] ?? 'Echo Park Sound, Studio A'),
    startTime: remote ? null : rng.pick(['10:00', '14:00', '19:00']),
    durationMinutes: remote ? null : rng.pick(union ? [180, 180, 180, 210, 240, 300] : [240]),
    instruments,
    union,
    bFormType: union ? 'B-4' : '',
    // Most B-4s get filed; recent ones may still be waiting.
    bFormFiled: union && rng.chance(0.85),
    songs: [...songs],
  });
}

/** Holds and booked dates in the next weeks. */
function upcomingGigs(day: (offset: number) => string): PlanGig[] {
  const gigs = [
    newGig({ date: day(3), kind: 'studio_session', status: 'hold', client: 'blueDoor', artist: 'Theo Brandt', title: 'Hold: Theo Brandt album, day 1', startTime: '11:00', durationMinutes: 180, instruments: ['Hammond organ', 'Piano'], location: studioRooms.blueDoor, union: true, bFormType: 'B-4', notes: 'First hold; they confirm by Friday.' }),
    newGig({ date: day(5), kind: 'studio_session', status: 'booked', client: 'echoPark', artist: 'Delphine Ash', title: 'Tracking: Delphine Ash, new album', startTime: '14:00', durationMinutes: 240, instruments: ['Rhodes', 'Wurlitzer'], location: studioRooms.echoPark, union: true, bFormType: 'B-4' }),
    newGig({ date: day(7), kind: 'lesson', status: 'booked', client: 'priyaShah', title: 'Piano lesson: Priya', startTime: '16:30', durationMinutes: 60, location: 'Home studio', instruments: ['Piano'] }),
    newGig({ date: day(9), kind: 'remote_session', status: 'booked', client: 'kingsway', artist: 'Hollis & Vane', title: 'Remote keys: new single (title to come)', instruments: ['Piano', 'Mellotron'], location: 'Home studio (remote, files delivered)' }),
    newGig({ date: day(12), kind: 'live', status: 'booked', client: 'juneAlvarez', artist: 'June Alvarez', title: 'June Alvarez: album release show', startTime: '20:00', durationMinutes: 120, location: 'Ivy Hall, Highland Park', instruments: ['Rhodes', 'Synthesizer'], notes: '50% deposit paid; balance on the night.' }),
    newGig({ date: day(16), kind: 'studio_session', status: 'hold', client: 'rayDelgado', payer: 'northlight', artist: demoFilm.composer, title: `Hold: ${demoFilm.title}, pickup session`, startTime: '10:00', durationMinutes: 180, instruments: ['Piano'], location: 'Fairview Scoring Stage, Studio City', union: true, bFormType: 'B-7' }),
    newGig({ date: day(24), kind: 'tour', status: 'hold', client: 'marigolds', artist: 'The Marigolds', title: 'Inquiry: The Marigolds summer run (8 dates)', instruments: ['Hammond organ', 'Piano'], notes: 'Quoted $400 a show plus $50 per diem. Waiting on routing.' }),
  ];
  return gigs;
}

/** Fills each gig's line items; union sessions need to know whether they are the first of their day. */
function priceGigs(rng: Random, gigs: PlanGig[]): void {
  const unionDays = new Set<string>();
  for (const gig of gigs) {
    if (gig.union) {
      const firstOfDay = !unionDays.has(gig.date);
      unionDays.add(gig.date);
      const label = gig.bFormType === 'B-7' ? 'Scale, motion picture session' : gig.bFormType === 'B-6' ? 'Scale, commercial session' : 'Scale, record session';
      gig.lines = unionLines(gig, { firstOfDay, leader: gig.leader, label });
      continue;
    }
    const gbp = gig.currency === 'GBP';
    switch (gig.kind) {
      case 'remote_session':
      case 'studio_session': {
        const songs = gig.songs.length > 0 ? gig.songs : ['new single'];
        const perSong = gbp ? rng.pick([20000, 22500, 25000, 30000]) : rng.pick([25000, 30000, 35000, 40000, 45000]);
        gig.lines = songs.map((song) => line('base_fee', `Keys, “${song}” (flat per song)`, perSong));
        if (gig.instruments.includes('Background vocals')) {
          gig.lines.push(line('other', 'Background vocal stack (3 parts)', gbp ? 12000 : 15000));
        }
        break;
      }
      case 'live':
        gig.lines = [line('base_fee', 'Show fee', rng.pick([20000, 25000, 30000, 35000]))];
        if (gig.status === 'booked') gig.lines = [line('base_fee', 'Show fee', 60000)];
        if (rng.chance(0.4)) gig.lines.push(line('cartage', 'Cartage: Rhodes and amp', 2500));
        if (rng.chance(0.3)) gig.lines.push(line('expense', 'Parking', 1500));
        break;
      case 'tour':
        if (gig.status === 'hold') break; // an inquiry: the quote is in the notes
        gig.lines = [line('base_fee', 'Show fee', 40000), line('per_diem', 'Per diem', 5000)];
        if (rng.chance(0.25)) gig.lines.push(line('expense', 'Gas share', 3500));
        break;
      case 'rehearsal':
        gig.lines = [line('base_fee', 'Rehearsal, 4 hours', 10000)];
        break;
      case 'lesson':
        gig.lines = [line('base_fee', 'Lesson, 60 minutes', 8000)];
        break;
      default:
        gig.lines = gig.client === 'lindaPark' ? [line('base_fee', 'Chart prep, 10 charts', 25000)] : [line('base_fee', 'Vocal arrangement, 3 parts', 30000)];
    }
  }
}

function cancelSome(rng: Random, past: PlanGig[], keep: Set<PlanGig>, today: string): void {
  const candidates = past.filter(
    (g) => g.status === 'done' && !keep.has(g) && (g.kind === 'live' || g.kind === 'studio_session') && g.client !== 'brightline' && daysBetween(g.date, today) > 30,
  );
  rng.sample(candidates, 5).forEach((gig, i) => {
    gig.status = 'cancelled';
    if (i < 2) {
      // Cancelled late: half the agreed fee is still owed.
      const owed = gig.lines.filter((l) => l.owedToMusician).reduce((sum, l) => sum + l.amountMinor, 0);
      gig.lines = [line('other', 'Late cancellation fee (50% of the agreed fee)', applyBasisPoints(owed, 5000))];
      gig.notes = 'Cancelled the day before; half the fee paid as agreed.';
    } else {
      gig.lines = [];
      gig.notes = 'Cancelled a week ahead, no fee.';
    }
    gig.songs = [];
    gig.bFormFiled = false;
  });
}

// --- invoices and payments ---------------------------------------------------------

function issueInvoices(past: PlanGig[], today: string): PlanInvoice[] {
  const done = past.filter((g) => g.status === 'done');
  const ageOf = (g: PlanGig) => daysBetween(g.date, today);
  const groups: { client: ClientKey; gigs: PlanGig[]; notes: string }[] = [
    // The label pays for a producer's album dates: one invoice to the label for three sessions.
    { client: 'copperKettle', gigs: done.filter((g) => g.payer === 'copperKettle' && ageOf(g) >= 120 && ageOf(g) <= 300).slice(-3), notes: 'Sessions produced by Dana Whitfield.' },
    // A London studio in pounds, now overdue.
    { client: 'kingsway', gigs: done.filter((g) => g.client === 'kingsway' && ageOf(g) >= 50 && ageOf(g) <= 200).slice(-2), notes: 'Remote sessions for Hollis & Vane.' },
    // The latest jingle: not yet due.
    { client: 'brightline', gigs: done.filter((g) => g.client === 'brightline').slice(-1), notes: '' },
  ];
  return groups.map((group, i) => {
    if (group.gigs.length === 0) throw new Error(`Demo plan: no gigs for invoice ${i + 1}`);
    const terms = client(group.client).termsDays;
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
function receivePayments(rng: Random, gigs: PlanGig[], today: string): PlanPayment[] {
  const payments: PlanPayment[] = [];
  let checkNumber = 4100;
  const referenceFor = (method: string) =>
    method === 'check' ? `Check #${++checkNumber}`
    : method === 'bank_transfer' ? `ACH ${rng.int(100000, 999999)}`
    : method === 'wise' ? `Wise ${rng.int(10000000, 99999999)}`
    : '';
  const yesterday = addDays(today, -1);
  const pay = (clientKey: ClientKey, receivedOn: string, parts: { gig: PlanGig; amountMinor: number }[], notes = '', reference?: string) => {
    const c = client(clientKey);
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

  // Deliberately unpaid or part-paid dates, one per aging bucket.
  const chooseNear = (days: number) => {
    const target = addDays(today, -days);
    const eligible = payable.filter((g) => !settled.has(g) && g.status === 'done' && payerOf(g) !== 'echoPark' && g.kind !== 'live');
    const best = eligible.reduce((a, b) => (daysBetween(a.date, target) ** 2 <= daysBetween(b.date, target) ** 2 ? a : b));
    settled.add(best);
    return best;
  };
  for (const days of [45, 80, 115, 210]) chooseNear(days).notes = 'Chased by email; no payment yet.';
  for (const days of [60, 150]) {
    const gig = chooseNear(days);
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
    const due = addDays(monthsLater(`${month}-01`, 1), 29); // 30 days after the month ends
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

// --- portfolio -------------------------------------------------------------------------

function buildRecordings(rng: Random, firstSessions: Map<string, PlanGig>, today: string): PlanRecording[] {
  const designations = new Map<string, number>();
  const isrcFor = (prefix: string, year: number, designation?: number) => {
    const next = designation ?? (designations.get(prefix) ?? rng.int(10, 400)) + rng.int(1, 9);
    designations.set(prefix, next);
    const isrc = `${prefix}${String(year % 100).padStart(2, '0')}${String(next).padStart(5, '0')}`;
    if (!isValidIsrc(isrc)) throw new Error(`Demo plan made an invalid ISRC: ${isrc}`);
    return isrc;
  };
  const iswc = () => {
    const digits = String(rng.int(0, 999_999_999)).padStart(9, '0');
    return `T${digits}${iswcCheckDigit(digits)}`;
  };
  let linkId = 0;
  const linksFor = (title: string, bandcamp?: string) => {
    const id = ++linkId;
    const links = [{ kind: 'spotify', url: `https://open.spotify.com/track/DEMO${String(id).padStart(18, '0')}` }];
    if (rng.chance(0.5)) links.push({ kind: 'youtube', url: `https://www.youtube.com/watch?v=DEMO${String(id).padStart(7, '0')}` });
    if (bandcamp) links.push({ kind: 'bandcamp', url: `https://${bandcamp}.bandcamp.com/track/${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}` });
    return links;
  };
  const creditsFor = (gig: PlanGig, artist: string) => {
    const credits = gig.instruments
      .filter((i) => i !== 'Background vocals')
      .slice(0, 2)
      .map((instrument) => ({ role: 'StudioMusician', instrument }));
    if (gig.instruments.includes('Background vocals')) {
      credits.push({ role: 'BackgroundVocalist', instrument: '' });
      if (rng.chance(0.4)) credits.push({ role: 'VocalArranger', instrument: '' });
    }
    if (artist === 'Pale Atlas') credits.push({ role: 'Programmer', instrument: 'Synthesizer' });
    if (credits.length === 1 && credits[0].instrument === 'Hammond organ') credits.push({ role: 'Soloist', instrument: 'Hammond organ' });
    return credits;
  };

  const recordings: PlanRecording[] = [];
  for (const artist of demoArtists) {
    for (const song of artist.songs) {
      const gig = firstSessions.get(song.title);
      if (!gig) throw new Error(`Demo plan: no session recorded “${song.title}”`);
      const release = addDays(gig.date, rng.int(60, 200));
      const released = release < today;
      recordings.push({
        gig, title: song.title, artist: artist.name, release: artist.release, releaseType: artist.releaseType, label: artist.label,
        releaseDate: released ? release : null, isrc: isrcFor(artist.isrcPrefix, yearOf(gig.date)), iswc: song.iswc ? iswc() : null,
        genres: artist.genres, isPublic: released, displayOrder: null, notes: released ? '' : 'Not released yet.',
        credits: creditsFor(gig, artist.name), links: released ? linksFor(song.title, artist.bandcamp) : [],
      });
    }
  }
  for (const cue of demoFilm.cues) {
    const gig = firstSessions.get(cue)!;
    const release = addDays(gig.date, 200);
    const released = release < today;
    recordings.push({
      gig, title: cue, artist: demoFilm.composer, release: demoFilm.release, releaseType: 'soundtrack', label: demoFilm.label,
      releaseDate: released ? release : null, isrc: isrcFor(demoFilm.isrcPrefix, yearOf(gig.date)), iswc: null, genres: 'score',
      isPublic: released, displayOrder: null, notes: 'Orchestra session; keys in the score.',
      credits: gig.instruments.map((instrument) => ({ role: 'StudioMusician', instrument })), links: released ? linksFor(cue) : [],
    });
  }
  for (const older of demoOlderRecordings) {
    const releaseDate = addDays(today, -365 * older.yearsAgo - rng.int(0, 120));
    recordings.push({
      gig: null, title: older.title, artist: older.artist, release: older.release, releaseType: older.releaseType, label: older.label,
      releaseDate, isrc: isrcFor(older.isrcPrefix, yearOf(releaseDate), older.designation), iswc: null, genres: older.genres,
      isPublic: true, displayOrder: null, notes: 'Before Ledger Lines: credit kept from the liner notes.',
      credits: [{ role: older.role, instrument: older.instrument }], links: linksFor(older.title),
    });
  }
  // Feature the six most recent releases on the portfolio.
  recordings
    .filter((r) => r.isPublic)
    .sort((a, b) => b.releaseDate!.localeCompare(a.releaseDate!))
    .slice(0, 6)
    .forEach((r, i) => (r.displayOrder = i + 1));
  // A couple of released tracks stay private (an NDA, a remix not worth showing).
  recordings.filter((r) => r.isPublic && r.displayOrder === null).slice(-2).forEach((r) => {
    r.isPublic = false;
    r.notes = 'Kept off the portfolio.';
  });
  return recordings;
}

/** Points on three recordings, and the non-featured performers' fund. */
function buildRoyalties(rng: Random, recordings: PlanRecording[], today: string) {
  const agreements: PlanAgreement[] = [];
  const statements: PlanStatement[] = [];
  const released = (artist: string) => recordings.find((r) => r.artist === artist && r.releaseDate !== null && r.gig);
  const deals = [
    { artist: 'June Alvarez', payer: 'copperKettle' as const, basis: 'PPD (published price to dealers)', rateBps: 150, advanceMinor: 50000, currency: 'USD', months: 6, notes: '1.5 points for arranging the background vocals; $500 advance, recoupable.' },
    { artist: 'Nadia Reyes', payer: 'danaWhitfield' as const, basis: 'Producer’s net receipts', rateBps: 200, advanceMinor: 0, currency: 'USD', months: 3, notes: 'Two points out of the producer’s share.' },
    { artist: 'Hollis & Vane', payer: 'kingsway' as const, basis: 'Net receipts', rateBps: 100, advanceMinor: 0, currency: 'GBP', months: 6, notes: 'One point on the single, paid by the studio’s label.' },
  ];
  for (const deal of deals) {
    const recording = released(deal.artist);
    if (!recording) throw new Error(`Demo plan: nothing released by ${deal.artist} for a royalty deal`);
    recording.gig!.workForHire = false;
    const agreement: PlanAgreement = {
      recording, gig: recording.gig, payer: deal.payer, basis: deal.basis, rateBps: deal.rateBps, advanceMinor: deal.advanceMinor,
      currency: deal.currency, recoupable: deal.advanceMinor > 0, startsOn: recording.releaseDate, notes: deal.notes,
    };
    agreements.push(agreement);
    // Statements for each whole period after release, received ~75 days after the period closes.
    let start = `${recording.releaseDate!.slice(0, 7)}-01`;
    for (let n = 0; ; n++) {
      const end = addDays(monthsLater(start, deal.months), -1);
      const receivedOn = addDays(end, 75);
      if (receivedOn >= today) break;
      statements.push({
        agreement, recording, payer: deal.payer, source: 'agreement', periodStart: start, periodEnd: end,
        amountMinor: rng.int(1500, 24000), currency: deal.currency, receivedOn,
        reference: `Statement ${start.slice(0, 7)} to ${end.slice(0, 7)}`,
        notes: n === 0 && deal.advanceMinor > 0 ? 'Advance recouped in this period.' : '',
      });
      start = addDays(end, 1);
    }
  }
  // The fund's annual distribution of the non-featured performers' share (SoundExchange), two years back.
  for (let back = 0; back <= 2; back++) {
    const year = yearOf(today) - back;
    const receivedOn = `${year}-11-14`;
    if (receivedOn >= today || daysBetween(receivedOn, today) > 730) continue;
    statements.push({
      agreement: null, recording: null, payer: 'fund', source: 'nonfeatured_fund', periodStart: `${year - 2}-01-01`, periodEnd: `${year - 2}-12-31`,
      amountMinor: rng.int(9000, 30000), currency: 'USD', receivedOn, reference: `Distribution ${year}`,
      notes: 'Non-featured performers’ share of digital performance royalties; lump sum covering several titles.',
    });
  }
  const older = recordings.find((r) => r.gig === null)!;
  statements.push({
    agreement: null, recording: older, payer: 'fund', source: 'nonfeatured_fund', periodStart: addDays(today, -540), periodEnd: addDays(today, -180),
    amountMinor: 4312, currency: 'USD', receivedOn: addDays(today, -60), reference: 'Supplemental distribution',
    notes: 'Listed against this title in the fund’s statement.',
  });
  return { agreements, statements: statements.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn)) };
}

function monthsLater(date: string, months: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

function rateCards(today: string): PlanRateCard[] {
  const year = yearOf(today);
  const scale = recordScale(year);
  return [
    {
      name: `AFM record scale, side musician (${year})`, currency: 'USD', unitMinutes: 180, baseUnitMinor: scale.base,
      overtimeIncrementMinutes: 30, overtimeIncrementMinor: scale.overtime, firstDoubleBps: 5000, additionalDoubleBps: 2000,
      cartageMinor: 1200, pensionBps: scale.pensionBps, healthWelfareMinor: 3000, isDefault: true,
    },
    {
      name: 'Flat rate: remote keys, per song', currency: 'USD', unitMinutes: 240, baseUnitMinor: 35000,
      overtimeIncrementMinutes: 60, overtimeIncrementMinor: 0, firstDoubleBps: 4000, additionalDoubleBps: 2000,
      cartageMinor: 0, pensionBps: 0, healthWelfareMinor: 0, isDefault: false,
    },
  ];
}
