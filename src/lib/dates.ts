// Calendar dates as 'YYYY-MM-DD' strings (see prisma/schema.prisma for why).
// All arithmetic is done on UTC midnights, where every day has 24 hours.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date ('2026-02-29' is not one). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2200 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const toUtc = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
};
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const DAY_MS = 86_400_000;

// Building an Intl.DateTimeFormat costs far more than using one: one per zone.
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** Today's date where the musician is, e.g. todayIn('America/Los_Angeles'). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // Every page asks; the answer can only change on a minute boundary (zone
  // offsets are whole minutes), so it is kept for the minute.
  const minute = Math.floor(now.getTime() / 60_000);
  const known = lastDayIn.get(timeZone);
  if (known?.minute === minute) return known.day;
  let formatter = dayFormatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, formatter);
  }
  const day = formatter.format(now);
  lastDayIn.set(timeZone, { minute, day });
  return day;
}
const lastDayIn = new Map<string, { minute: number; day: string }>();

export function addDays(iso: string, days: number): string {
  return fromUtc(toUtc(iso) + days * DAY_MS);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

export function addMonths(iso: string, months: number): string {
  const [y, m] = iso.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  return fromUtc(first.getTime());
}

/** First and last day of the month containing `iso`. */
export function monthBounds(iso: string): { first: string; last: string } {
  const first = `${iso.slice(0, 7)}-01`;
  return { first, last: addDays(addMonths(first, 1), -1) };
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(iso: string): number {
  const day = new Date(toUtc(iso)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** "3:45", "3h45", "3.75", "3" (hours) or "90m" → minutes; null when unreadable. */
export function parseDuration(input: string): number | null {
  const s = input.trim().toLowerCase();
  let m = /^(\d{1,2})\s*(?::|h)\s*(\d{1,2})?\s*m?$/.exec(s);
  if (m) {
    const minutes = Number(m[2] ?? 0);
    return minutes < 60 ? Number(m[1]) * 60 + minutes : null;
  }
  m = /^(\d{1,3})\s*(?:m|min|mins|minutes)$/.exec(s);
  if (m) return Number(m[1]);
  m = /^(\d{1,2})(?:[.,](\d{1,2}))?\s*(?:h|hrs?|hours?)?$/.exec(s);
  if (m) {
    const fraction = m[2] ? Number(m[2].padEnd(2, '0')) : 0; // hundredths of an hour
    const minutes = (fraction * 60) / 100;
    return Number.isInteger(minutes) ? Number(m[1]) * 60 + minutes : null;
  }
  return null;
}

/** 225 → "3:45". */
export function formatDuration(minutes: number | null | undefined): string {
  if (minutes == null) return '';
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}
