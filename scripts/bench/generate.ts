// Generates the benchmark database: ten years of a busy session musician
// (≈3,000 gigs, 300 clients, 9,000 fee lines, 6,000 payments, 1,000
// recordings, 400 royalty statements) plus 50 other musicians with similar
// data, so every query runs against a table where most rows are someone
// else's — as on a shared install.
//
// Written with better-sqlite3 prepared statements in one transaction per
// musician (about a million rows in seconds); the file is first migrated by
// the app's own migration code, so the schema is exactly the app's.
import Database from 'better-sqlite3';
import { databaseFilePath } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { hashPassword } from '../../src/auth/passwords.ts';
import { addDays } from '../../src/lib/dates.ts';
import { normalizeIsrc } from '../../src/lib/identifiers.ts';

export const BENCH_EMAIL = 'busy@ledgerlines.test';
export const BENCH_PASSWORD = 'benchmark-password-1';
export const BENCH_SLUG = 'busy-musician';

export type Volume = { gigs: number; clients: number; paymentsPerGig: number; linesPerGig: number; recordings: number; statements: number };
export const BUSY: Volume = { gigs: 3000, clients: 300, paymentsPerGig: 2, linesPerGig: 3, recordings: 1000, statements: 400 };

/** Deterministic PRNG (mulberry32), so every run measures the same data. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['studio_session', 'studio_session', 'remote_session', 'live', 'tour', 'rehearsal', 'lesson'];
const CLIENT_KINDS = ['studio', 'producer', 'engineer', 'artist', 'label', 'agency', 'contractor'];
const ROLES = ['StudioMusician', 'BackgroundVocalist', 'Soloist', 'MusicArranger', 'Programmer'];
const INSTRUMENTS = ['piano', 'Hammond organ', 'Rhodes', 'Wurlitzer', 'synth', 'backing vocals'];
const GENRES = ['soul', 'pop', 'jazz', 'gospel', 'rock', 'country', 'film'];

export async function generateBenchDatabase(databaseUrl: string, options: { others?: number; today?: string; log?: (s: string) => void } = {}) {
  const others = options.others ?? 50;
  const today = options.today ?? '2026-11-26';
  const log = options.log ?? (() => {});
  await migrateDatabase(databaseUrl);
  const db = new Database(databaseFilePath(databaseUrl));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF'); // a generator: durability is not the point here
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const now = new Date().toISOString().replace('Z', '+00:00');

  const insert = {
    user: db.prepare(`INSERT INTO User (email, name, passwordHash, slug, portfolioPublic, homeCurrency, timeZone, instruments, bio, updatedAt) VALUES (?, ?, ?, ?, 1, 'USD', 'America/Los_Angeles', 'keys, backing vocals', 'Keys and vocals on a few thousand sessions.', ?)`),
    client: db.prepare(`INSERT INTO Client (userId, kind, name, company, email, city, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)`),
    gig: db.prepare(`INSERT INTO Gig (userId, date, startTime, durationMinutes, kind, status, title, artist, location, instruments, clientId, "union", workForHire, notes, dueDate, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`),
    line: db.prepare(`INSERT INTO LineItem (userId, gigId, kind, description, amountMinor, currency, owedToMusician, position) VALUES (?, ?, ?, '', ?, ?, ?, ?)`),
    payment: db.prepare(`INSERT INTO Payment (userId, clientId, receivedOn, amountMinor, currency, method, reference) VALUES (?, ?, ?, ?, ?, 'bank_transfer', ?)`),
    allocation: db.prepare(`INSERT INTO PaymentAllocation (userId, paymentId, gigId, amountMinor) VALUES (?, ?, ?, ?)`),
    recording: db.prepare(`INSERT INTO Recording (userId, gigId, title, artist, release, label, releaseDate, isrc, genres, isPublic, displayOrder, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    credit: db.prepare(`INSERT INTO RecordingCredit (userId, recordingId, role, instrument, position) VALUES (?, ?, ?, ?, ?)`),
    link: db.prepare(`INSERT INTO RecordingLink (userId, recordingId, kind, url, position) VALUES (?, ?, 'spotify', ?, 0)`),
    agreement: db.prepare(`INSERT INTO RoyaltyAgreement (userId, recordingId, payerId, basis, rateBps, advanceMinor, currency, recoupable) VALUES (?, ?, ?, 'PPD', ?, ?, 'USD', 1)`),
    statement: db.prepare(`INSERT INTO RoyaltyStatement (userId, agreementId, recordingId, payerId, source, periodStart, periodEnd, amountMinor, currency, receivedOn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'USD', ?)`),
    rateCard: db.prepare(`INSERT INTO RateCard (userId, name, currency, baseUnitMinor, overtimeIncrementMinor, cartageMinor, pensionBps, healthWelfareMinor, isDefault) VALUES (?, 'AFM scale', 'USD', 53402, 8900, 1200, 1409, 3000, 1)`),
  };

  const musician = db.transaction((index: number, email: string, slug: string, volume: Volume) => {
    const random = rng(1000 + index);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    const userId = Number(insert.user.run(email, index === 0 ? 'Busy Musician' : `Musician ${index}`, passwordHash, slug, now).lastInsertRowid);
    insert.rateCard.run(userId);
    const clients: number[] = [];
    for (let c = 0; c < volume.clients; c++) {
      clients.push(Number(insert.client.run(userId, pick(CLIENT_KINDS), `Client ${index}-${c} ${pick(['Sound', 'Studios', 'Records', 'Productions', 'Music'])}`, '', `c${c}@example.test`, pick(['Los Angeles', 'Nashville', 'London', 'New York']), now).lastInsertRowid));
    }
    const gigIds: number[] = [];
    const start = addDays(today, -3650);
    for (let g = 0; g < volume.gigs; g++) {
      const date = addDays(start, Math.floor((g / volume.gigs) * 3680)); // ten years, a month into the future
      const future = date > today;
      const status = future ? (random() < 0.3 ? 'hold' : 'booked') : random() < 0.03 ? 'cancelled' : 'done';
      const clientId = clients[Math.floor(random() * clients.length)];
      const currency = random() < 0.15 ? 'GBP' : 'USD';
      const gigId = Number(
        insert.gig.run(userId, date, '14:00', 180, pick(KINDS), status, `Session ${g}`, `Artist ${Math.floor(random() * 400)}`, pick(['Studio A', 'Studio B', 'Home', 'The Venue']), pick(INSTRUMENTS), clientId, random() < 0.5 ? 1 : 0, random() < 0.1 ? 'Bring the Rhodes' : '', addDays(date, 30), now).lastInsertRowid,
      );
      gigIds.push(gigId);
      let total = 0;
      for (let l = 0; l < volume.linesPerGig; l++) {
        const amount = l === 0 ? 40000 + Math.floor(random() * 60000) : 1200 + Math.floor(random() * 10000);
        const owed = l === volume.linesPerGig - 1 && random() < 0.3 ? 0 : 1; // some pension lines
        if (owed) total += amount;
        insert.line.run(userId, gigId, l === 0 ? 'base_fee' : owed ? pick(['overtime', 'doubling', 'cartage']) : 'pension', amount, currency, owed, l);
      }
      // Most past gigs are paid in two parts; recent ones partly or not at all.
      if (status === 'done' && date < addDays(today, -60) ? random() < 0.97 : random() < 0.4) {
        const first = Math.floor(total / 2);
        const parts = volume.paymentsPerGig === 1 ? [total] : [first, total - first];
        parts.forEach((amount, p) => {
          if (p > 0 && date > addDays(today, -45) && random() < 0.6) return; // second half not in yet
          const paymentId = Number(insert.payment.run(userId, clientId, addDays(date, p === 0 ? 0 : 20 + Math.floor(random() * 30)), amount, currency, `REF-${g}-${p}`).lastInsertRowid);
          insert.allocation.run(userId, paymentId, gigId, amount);
        });
      }
    }
    for (let r = 0; r < volume.recordings; r++) {
      const year = 2016 + Math.floor((r / volume.recordings) * 10);
      const isrc = normalizeIsrc(`US-ABC-${String(year).slice(2)}-${String(index * 10000 + r).padStart(5, '0').slice(-5)}`);
      const recordingId = Number(
        insert.recording.run(userId, gigIds[Math.floor(random() * gigIds.length)], `Track ${r}`, `Artist ${r % 400}`, `Album ${r % 300}`, `Label ${r % 40}`, `${year}-0${1 + (r % 9)}-15`, isrc, `${pick(GENRES)}, ${pick(GENRES)}`, random() < 0.6 ? 1 : 0, r < 12 ? r + 1 : null, now).lastInsertRowid,
      );
      insert.credit.run(userId, recordingId, 'StudioMusician', pick(INSTRUMENTS), 0);
      if (random() < 0.4) insert.credit.run(userId, recordingId, pick(ROLES), random() < 0.5 ? 'backing vocals' : '', 1);
      insert.link.run(userId, recordingId, `https://open.spotify.com/track/bench${index}x${r}`);
    }
    const agreements: number[] = [];
    for (let a = 0; a < 40; a++) agreements.push(Number(insert.agreement.run(userId, a + 1, clients[a % clients.length], 150, a % 3 === 0 ? 200000 : 0).lastInsertRowid));
    for (let s = 0; s < volume.statements; s++) {
      const received = addDays(start, Math.floor((s / volume.statements) * 3650));
      const fund = s % 5 === 0;
      insert.statement.run(userId, fund ? null : agreements[s % agreements.length], null, clients[s % clients.length], fund ? 'nonfeatured_fund' : 'agreement', addDays(received, -120), addDays(received, -30), 500 + Math.floor(random() * 40000), received);
    }
    return userId;
  });

  const started = Date.now();
  musician(0, BENCH_EMAIL, BENCH_SLUG, BUSY);
  log(`busy musician written (${Date.now() - started} ms)`);
  for (let i = 1; i <= others; i++) musician(i, `musician${i}@ledgerlines.test`, `musician-${i}`, BUSY);
  log(`${others} other musicians written (${Date.now() - started} ms)`);
  db.pragma('optimize');
  db.close();
}
