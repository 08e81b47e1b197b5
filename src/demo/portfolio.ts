// The demo's portfolio: recordings with credits and links, royalty deals and
// statements, the non-featured performers' fund.
import { addDays, addMonths, daysBetween } from '../lib/dates.ts';
import { isValidIsrc, iswcCheckDigit } from '../lib/identifiers.ts';
import { demoArtists, demoFilm, demoOlderRecordings } from './catalog.ts';
import type { Random } from './random.ts';
import { yearOf } from './rates.ts';
import type { PlanAgreement, PlanGig, PlanRecording, PlanStatement } from './types.ts';

export function buildRecordings(rng: Random, firstSessions: Map<string, PlanGig>, today: string): PlanRecording[] {
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

  // Each song is recorded at its first session; the film's cues count as songs of its soundtrack.
  const tracks = [
    ...demoArtists.flatMap((artist) =>
      artist.songs.map((song) => ({ ...artist, artist: artist.name, title: song.title, iswc: song.iswc === true, bandcamp: artist.bandcamp })),
    ),
    ...demoFilm.cues.map((cue) => ({
      ...demoFilm, artist: demoFilm.composer, title: cue, releaseType: 'soundtrack', genres: 'score', iswc: false, bandcamp: undefined,
    })),
  ].map((track) => {
    const gig = firstSessions.get(track.title);
    if (!gig) throw new Error(`Demo plan: no session recorded “${track.title}”`);
    return { ...track, gig };
  });
  // A release comes out a few months after its last track was recorded; one still being made has no date yet.
  const releaseDates = new Map<string, string>();
  for (const track of tracks) {
    const latest = tracks.filter((t) => t.release === track.release).reduce((a, b) => (b.gig.date > a ? b.gig.date : a), '');
    if (!releaseDates.has(track.release)) releaseDates.set(track.release, addDays(latest, rng.int(60, 200)));
  }

  const recordings: PlanRecording[] = tracks.map((track) => {
    const release = releaseDates.get(track.release)!;
    const released = release < today;
    return {
      gig: track.gig, title: track.title, artist: track.artist, release: track.release, releaseType: track.releaseType, label: track.label,
      releaseDate: released ? release : null, isrc: isrcFor(track.isrcPrefix, yearOf(track.gig.date)), iswc: track.iswc ? iswc() : null,
      genres: track.genres, isPublic: released, displayOrder: null, notes: released ? '' : 'Not released yet.',
      credits: creditsFor(track.gig, track.artist), links: released ? linksFor(track.title, track.bandcamp) : [],
    };
  });
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
export function buildRoyalties(rng: Random, recordings: PlanRecording[], today: string) {
  const agreements: PlanAgreement[] = [];
  const statements: PlanStatement[] = [];
  // The deal is on the artist's earliest-recorded song; statements start once it is released.
  const earliest = (artist: string) =>
    recordings.filter((r) => r.artist === artist && r.gig).sort((a, b) => a.gig!.date.localeCompare(b.gig!.date))[0];
  const deals = [
    { artist: 'June Alvarez', payer: 'copperKettle' as const, basis: 'PPD (published price to dealers)', rateBps: 150, advanceMinor: 50000, currency: 'USD', months: 6, notes: '1.5 points for arranging the background vocals; $500 advance, recoupable.' },
    { artist: 'Nadia Reyes', payer: 'danaWhitfield' as const, basis: 'Producer’s net receipts', rateBps: 200, advanceMinor: 0, currency: 'USD', months: 3, notes: 'Two points out of the producer’s share.' },
    { artist: 'Hollis & Vane', payer: 'kingsway' as const, basis: 'Net receipts', rateBps: 100, advanceMinor: 0, currency: 'GBP', months: 6, notes: 'One point on the single, paid by the studio’s label.' },
  ];
  for (const deal of deals) {
    const recording = earliest(deal.artist);
    recording.gig!.workForHire = false;
    const agreement: PlanAgreement = {
      recording, gig: recording.gig, payer: deal.payer, basis: deal.basis, rateBps: deal.rateBps, advanceMinor: deal.advanceMinor,
      currency: deal.currency, recoupable: deal.advanceMinor > 0, startsOn: recording.releaseDate, notes: deal.notes,
    };
    agreements.push(agreement);
    if (recording.releaseDate === null) continue;
    // Statements for each whole period after release, received ~75 days after the period closes.
    let start = `${recording.releaseDate!.slice(0, 7)}-01`;
    for (let n = 0; ; n++) {
      const end = addDays(addMonths(start, deal.months), -1);
      const receivedOn = addDays(end, 75);
      if (receivedOn >= today) break;
      const amountMinor = rng.int(1500, 24000);
      // What the period earned: the payment, plus (in the first period) the advance it recouped.
      const earnedMinor = amountMinor + (n === 0 ? deal.advanceMinor : 0);
      statements.push({
        agreement, recording, payer: deal.payer, source: 'agreement', periodStart: start, periodEnd: end,
        amountMinor, currency: deal.currency, receivedOn,
        reference: `Statement ${start.slice(0, 7)} to ${end.slice(0, 7)}`,
        notes: n === 0 && deal.advanceMinor > 0 ? 'Advance recouped in this period.' : '',
        earnedMinor,
        // The basis the statement reported, to the nearest cent (earned = basis × rate).
        basisAmountMinor: Math.floor((earnedMinor * 10_000 + Math.floor(deal.rateBps / 2)) / deal.rateBps),
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
