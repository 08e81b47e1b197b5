// An iCalendar (RFC 5545) writer for the gig feed: pure functions, no I/O.
//
// Times. A gig is a local date ('YYYY-MM-DD') and wall-clock time ('HH:MM')
// in the musician's IANA zone. The feed writes timed events as UTC instants
// (DTSTART:20260310T170000Z), converted here with Intl, rather than as
// DTSTART;TZID=America/Los_Angeles:… because:
// - RFC 5545 §3.2.19 requires a VTIMEZONE component for every TZID used, and
//   a correct VTIMEZONE needs the zone's transition rules (RRULEs or a list of
//   observances), which Intl does not expose; guessing them breaks in zones
//   with historical or irregular rules.
// - A TZID without its VTIMEZONE is read differently by different clients:
//   ical.js cannot resolve it and treats the time as floating, Google falls
//   back to its own zone database, Apple may show it in the device's zone.
// - A UTC instant means the same moment to every client, which shows it in the
//   viewer's own zone; the musician sees the wall-clock time they entered
//   (converted back), and a 3-hour session is 3 real hours even across a DST
//   change. Nothing is lost: events are not recurring, so no rule needs the zone.
// Untimed gigs are all-day events (DTSTART;VALUE=DATE, DTEND the next day,
// exclusive), which are dates, not instants, and need no zone at all.
//
// Text. TEXT values escape backslash, semicolon, comma and newlines
// (§3.3.11); lines end in CRLF and are folded at 75 octets with CRLF + space,
// never inside a UTF-8 sequence or a surrogate pair (§3.1).

import { addDays } from '../lib/dates.ts';

export const CRLF = '\r\n';
const FOLD_OCTETS = 75;
const DEFAULT_DURATION_MINUTES = 180;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// --- Text --------------------------------------------------------------------

/** Escapes a TEXT value: \ ; , and newlines (CRLF, CR or LF → \n); drops other control characters. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    // Control characters other than tab and newline are not allowed in TEXT (TSAFE-CHAR).
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/[\\;,\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

const utf8Length = (codePoint: number) => (codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4);

/**
 * Folds one content line (without its line break) into physical lines of at
 * most 75 octets, joined with CRLF + space. The leading space of a
 * continuation counts towards its 75. Splits only between code points, so a
 * multi-byte character (é, ♪, 🎹) is never cut.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  let limit = FOLD_OCTETS;
  for (const char of line) {
    const size = utf8Length(char.codePointAt(0)!);
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
      limit = FOLD_OCTETS - 1; // room for the leading space
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

// --- Dates and times ---------------------------------------------------------

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as a UTC DATE-TIME: 20260310T170000Z. */
export function formatUtcDateTime(instant: Date | number): string {
  const d = new Date(instant);
  return (
    `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`
  );
}

/** 'YYYY-MM-DD' → DATE value 'YYYYMMDD'. */
export function formatDate(isoDate: string): string {
  return isoDate.replaceAll('-', '');
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in milliseconds (−7 h → −25 200 000). */
export function zoneOffsetMs(timeZone: string, instant: number): number {
  const at = Math.floor(instant / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(at))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wallClock = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wallClock - at;
}

/** True when Intl knows the zone. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The instant (ms since epoch) of a local date and 'HH:MM' in an IANA zone.
 * Around a DST change it behaves like Temporal's "compatible" disambiguation:
 * a time that occurs twice (the autumn hour) is the first, earlier one; a
 * time that does not exist (the skipped spring hour) moves forward by the
 * size of the gap (02:30 on the spring-forward night → 03:30).
 */
export function zonedTimeToUtc(isoDate: string, time: string, timeZone: string): number {
  const [y, mo, d] = isoDate.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wallClock = Date.UTC(y, mo - 1, d, h, mi);
  // Offsets a day either side bracket any single transition near this time.
  const before = zoneOffsetMs(timeZone, wallClock - DAY_MS);
  const after = zoneOffsetMs(timeZone, wallClock + DAY_MS);
  const matches = [...new Set([before, after])]
    .map((offset) => wallClock - offset)
    .filter((instant) => instant + zoneOffsetMs(timeZone, instant) === wallClock)
    .sort((a, b) => a - b);
  return matches.length ? matches[0] : wallClock - before;
}

// --- Content lines -----------------------------------------------------------

/** One unfolded content line: NAME;PARAM=x:value (the value already in its final form). */
export function contentLine(name: string, value: string, params: Record<string, string> = {}): string {
  const paramText = Object.entries(params)
    .map(([k, v]) => `;${k}=${v}`)
    .join('');
  return `${name}${paramText}:${value}`;
}

/** Lines → an iCalendar stream: each folded, each ending in CRLF. */
export function serialize(lines: string[]): string {
  return lines.map((line) => foldLine(line) + CRLF).join('');
}

// --- Gigs as events ----------------------------------------------------------

export type FeedGig = {
  id: number;
  date: string;
  startTime: string | null;
  durationMinutes: number | null;
  status: string;
  /** The kind's label ("Studio session"), used when there is no title or artist. */
  kindLabel: string;
  title: string;
  artist: string;
  location: string;
  instruments: string;
  notes: string;
  clientName: string | null;
  updatedAt: Date;
};

const EVENT_STATUS: Record<string, string> = {
  hold: 'TENTATIVE',
  booked: 'CONFIRMED',
  done: 'CONFIRMED',
  cancelled: 'CANCELLED',
};

const SUMMARY_PREFIX: Record<string, string> = { hold: 'HOLD: ', cancelled: 'CANCELLED: ' };

const NOTES_MAX = 500;

/** "HOLD: Album tracking — Sunset Sound": what the gig is, who booked it, and its status when not firm. */
export function gigSummary(gig: Pick<FeedGig, 'status' | 'title' | 'artist' | 'kindLabel' | 'clientName'>): string {
  const what = gig.title.trim() || gig.artist.trim() || gig.kindLabel;
  const who = gig.clientName?.trim();
  return `${SUMMARY_PREFIX[gig.status] ?? ''}${who ? `${what} — ${who}` : what}`;
}

function gigDescription(gig: FeedGig): string {
  const lines: string[] = [];
  if (gig.title.trim() && gig.artist.trim()) lines.push(`Artist: ${gig.artist.trim()}`);
  if (gig.instruments.trim()) lines.push(`Instruments: ${gig.instruments.trim()}`);
  const notes = gig.notes.trim();
  if (notes) lines.push(notes.length > NOTES_MAX ? `${notes.slice(0, NOTES_MAX).trimEnd()}…` : notes);
  return lines.join('\n');
}

/** DTSTART/DTEND of a gig: all-day dates when it has no start time, UTC instants otherwise. */
export function gigTimes(gig: Pick<FeedGig, 'date' | 'startTime' | 'durationMinutes'>, timeZone: string) {
  if (!gig.startTime) {
    // DTEND of an all-day event is exclusive: the next day (§3.6.1).
    return { allDay: true, start: formatDate(gig.date), end: formatDate(addDays(gig.date, 1)) };
  }
  const start = zonedTimeToUtc(gig.date, gig.startTime, timeZone);
  const end = start + (gig.durationMinutes ?? DEFAULT_DURATION_MINUTES) * MINUTE_MS;
  return { allDay: false, start: formatUtcDateTime(start), end: formatUtcDateTime(end) };
}

/** The content lines of one VEVENT. `gigUrl` (absolute) is added as URL when given. */
export function gigEventLines(gig: FeedGig, timeZone: string, gigUrl?: string): string[] {
  const times = gigTimes(gig, timeZone);
  const dateParams: Record<string, string> = times.allDay ? { VALUE: 'DATE' } : {};
  const stamp = formatUtcDateTime(gig.updatedAt);
  const lines = [
    'BEGIN:VEVENT',
    contentLine('UID', `gig-${gig.id}@ledger-lines`),
    // No METHOD on the calendar, so DTSTAMP is when the gig was last revised (§3.8.7.2).
    contentLine('DTSTAMP', stamp),
    contentLine('LAST-MODIFIED', stamp),
    contentLine('DTSTART', times.start, dateParams),
    contentLine('DTEND', times.end, dateParams),
    contentLine('SUMMARY', escapeText(gigSummary(gig))),
    contentLine('STATUS', EVENT_STATUS[gig.status] ?? 'CONFIRMED'),
    // A cancelled gig no longer makes the musician busy.
    contentLine('TRANSP', gig.status === 'cancelled' ? 'TRANSPARENT' : 'OPAQUE'),
  ];
  if (gig.location.trim()) lines.push(contentLine('LOCATION', escapeText(gig.location.trim())));
  const description = gigDescription(gig);
  if (description) lines.push(contentLine('DESCRIPTION', escapeText(description)));
  if (gigUrl) lines.push(contentLine('URL', gigUrl, { VALUE: 'URI' }));
  lines.push('END:VEVENT');
  return lines;
}

export type FeedOptions = {
  /** X-WR-CALNAME, the name calendar apps show for the subscription. */
  name: string;
  timeZone: string;
  /** Absolute URL of a gig page, for each event's URL property. */
  gigUrl?: (id: number) => string;
};

/** A whole VCALENDAR with one VEVENT per gig, CRLF-terminated and folded. */
export function buildCalendar(gigs: FeedGig[], options: FeedOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Ledger Lines//Gig calendar//EN',
    'CALSCALE:GREGORIAN',
    contentLine('X-WR-CALNAME', escapeText(options.name)),
    // How often subscribers should refresh (RFC 7986 and the older Microsoft/Apple property).
    contentLine('REFRESH-INTERVAL', 'PT1H', { VALUE: 'DURATION' }),
    'X-PUBLISHED-TTL:PT1H',
  ];
  for (const gig of gigs) lines.push(...gigEventLines(gig, options.timeZone, options.gigUrl?.(gig.id)));
  lines.push('END:VCALENDAR');
  return serialize(lines);
}
