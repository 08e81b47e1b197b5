// The demo's gigs: 120 over the two years before today and a few holds and
// booked dates ahead, with their line items.
import { CANCELLATION_FEE } from '../domain/vocabulary.ts';
import { addDays, daysBetween } from '../lib/dates.ts';
import { applyBasisPoints } from '../lib/money.ts';
import { type ClientKey, type DemoArtist, clientFor, demoArtists, demoFilm, keyboards, studioRooms, tourCities } from './catalog.ts';
import type { Random } from './random.ts';
import { unionLines } from './rates.ts';
import type { PlanGig, PlanLine } from './types.ts';

type Category = 'record' | 'film' | 'jingle' | 'live' | 'tour' | 'rehearsal' | 'lesson' | 'other';

const line = (kind: string, description: string, amountMinor: number): PlanLine => ({ kind, description, amountMinor, owedToMusician: true });

function newGig(fields: Partial<PlanGig> & Pick<PlanGig, 'date' | 'kind' | 'client' | 'title'>): PlanGig {
  const c = clientFor(fields.client);
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
export function scheduleGigs(rng: Random, day: (offset: number) => string): PlanGig[] {
  const slots: { offset: number; category: Category; artist?: string; booker?: ClientKey }[] = [];
  const randomOffset = () => {
    for (;;) {
      const offset = -rng.int(1, 728);
      if (offset > -392 || offset < -405) return offset; // keep the tour weeks free
    }
  };
  const add = (category: Category, count: number) => {
    for (let i = 0; i < count; i++) slots.push({ offset: randomOffset(), category });
  };
  add('record', 61);
  // Sessions the invoices are made of (see issueInvoices), at fixed ages so
  // they exist whatever the random draws: three label-paid album dates and two
  // London remote sessions.
  for (const offset of [-212, -205, -199]) slots.push({ offset, category: 'record', artist: 'Nadia Reyes', booker: 'danaWhitfield' });
  for (const offset of [-76, -69]) slots.push({ offset, category: 'record', artist: 'Hollis & Vane', booker: 'kingsway' });
  add('live', 14);
  add('rehearsal', 3);
  add('other', 4);
  // A scoring week and a second block of pickups for the same film.
  for (const offset of [-320, -319, -318, -150, -149, -148]) slots.push({ offset, category: 'film' });
  for (const offset of [-12, -95, -230, -470, -610]) slots.push({ offset, category: 'jingle' });
  for (let i = 0; i < 8; i++) slots.push({ offset: -400 + i, category: 'tour' });
  for (const offset of [-404, -402]) slots.push({ offset, category: 'rehearsal' });
  for (let i = 0; i < 12; i++) slots.push({ offset: -16 - 14 * i, category: 'lesson' });

  // Every song gets a session: the songs, shuffled, go to record slots spread evenly from oldest to newest.
  const pairs = demoArtists.flatMap((artist) => artist.songs.map((song) => ({ artist, song: song.title })));
  const songs = rng.sample(pairs, pairs.length);
  const recordSlots = slots.filter((s) => s.category === 'record' && !s.artist).sort((a, b) => a.offset - b.offset);
  const assigned = new Map(songs.map((pair, k) => [recordSlots[Math.floor((k * recordSlots.length) / songs.length)], pair]));

  let tourStop = 0;
  let filmDay = 0;
  let jingles = 0;
  return slots.map((slot) => {
    const { offset, category } = slot;
    const date = day(offset);
    switch (category) {
      case 'record': {
        const anchor = slot.artist ? { artist: demoArtists.find((a) => a.name === slot.artist)!, booker: slot.booker! } : undefined;
        return recordGig(rng, date, assigned.get(slot) ?? anchor);
      }
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

/** A studio or remote session: for a random artist, or the given one (and song, and booker). */
function recordGig(rng: Random, date: string, given?: { artist: DemoArtist; song?: string; booker?: ClientKey }): PlanGig {
  const artist = given?.artist ?? rng.pick(demoArtists);
  const booker = given?.booker ?? rng.pick(artist.bookers);
  const remote = booker === 'kingsway' || booker === 'marcusLee' || booker === 'juneAlvarez' || (!artist.union && rng.chance(0.4));
  const songs = new Set(given?.song ? [given.song] : []);
  const count = rng.pick([1, 1, 2]);
  while (songs.size < Math.min(count, artist.songs.length)) songs.add(rng.pick(artist.songs).title);
  const bookerKind = clientFor(booker).kind;
  const union = artist.union && !remote;
  const instruments = rng.sample(keyboards, rng.pick(remote ? [1, 2] : [1, 1, 2, 2, 3]));
  // Singing on a union date falls under SAG-AFTRA, not the AFM scale priced here, so vocals go on non-union dates.
  if (!union && rng.chance(0.45)) instruments.push('Background vocals');
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
export function upcomingGigs(day: (offset: number) => string): PlanGig[] {
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
export function priceGigs(rng: Random, gigs: PlanGig[]): void {
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

export function cancelSome(rng: Random, past: PlanGig[], keep: Set<PlanGig>, today: string): void {
  const candidates = past.filter(
    (g) => g.status === 'done' && !keep.has(g) && (g.kind === 'live' || g.kind === 'studio_session') && g.client !== 'brightline' && daysBetween(g.date, today) > 30,
  );
  rng.sample(candidates, 5).forEach((gig, i) => {
    gig.status = 'cancelled';
    if (i < 2) {
      // Cancelled late: half the agreed fee is still owed.
      const owed = gig.lines.filter((l) => l.owedToMusician).reduce((sum, l) => sum + l.amountMinor, 0);
      gig.lines = [line(CANCELLATION_FEE, 'Late cancellation fee (50% of the agreed fee)', applyBasisPoints(owed, 5000))];
      gig.notes = 'Cancelled the day before; half the fee paid as agreed.';
    } else {
      gig.lines = [];
      gig.notes = 'Cancelled a week ahead, no fee.';
    }
    gig.songs = [];
    gig.bFormFiled = false;
  });
}
