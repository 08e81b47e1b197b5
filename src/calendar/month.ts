// The month page's shape: a Monday-first grid of weeks and, for small
// screens, an agenda of the days that have gigs. Pure functions.
import { addDays, addMonths, isIsoDate, isoWeekday, monthBounds } from '../lib/dates.ts';
import { gigKinds } from '../domain/vocabulary.ts';
import type { CalendarGigRow } from './queries.ts';

/** Short status words shown on every gig (status is never colour alone). */
export const statusLabels: Record<string, string> = {
  hold: 'Hold',
  booked: 'Booked',
  done: 'Done',
  cancelled: 'Cancelled',
};

export const legend = [
  { status: 'hold', label: 'Hold', description: 'inquiry or pencilled in, not confirmed' },
  { status: 'booked', label: 'Booked', description: 'confirmed' },
  { status: 'done', label: 'Done', description: 'played' },
  { status: 'cancelled', label: 'Cancelled', description: 'called off' },
];

export type MonthGig = {
  id: number;
  status: string;
  statusLabel: string;
  startTime: string | null;
  /** "10:00–13:00", "10:00" or "" (all day). */
  timeRange: string;
  /** Title, else artist, else client, else the kind. */
  label: string;
  clientName: string | null;
  location: string;
};

export type MonthDay = { date: string; day: number; inMonth: boolean; isToday: boolean; gigs: MonthGig[] };

/** 'YYYY-MM' when it is a real month between 1900 and 2200, else null. */
export function parseMonth(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}$/.test(value)) return null;
  return isIsoDate(`${value}-01`) ? value : null;
}

const monthFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'long', year: 'numeric' });

const shortMonthFormat = new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', month: 'short', year: 'numeric' });

/** '2026-11' → 'November 2026' (or 'Nov 2026' when short). */
export function monthLabel(month: string, style: 'long' | 'short' = 'long'): string {
  const [y, m] = month.split('-').map(Number);
  return (style === 'short' ? shortMonthFormat : monthFormat).format(new Date(Date.UTC(y, m - 1, 1)));
}

function endTime(start: string, minutes: number): string {
  const [h, m] = start.split(':').map(Number);
  const total = (h * 60 + m + minutes) % (24 * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

export function toMonthGig(row: CalendarGigRow): MonthGig {
  const label = row.title.trim() || row.artist.trim() || row.clientName?.trim() || gigKinds.labelOf(row.kind);
  return {
    id: row.id,
    status: row.status,
    statusLabel: statusLabels[row.status] ?? row.status,
    startTime: row.startTime,
    timeRange: row.startTime ? (row.durationMinutes ? `${row.startTime}–${endTime(row.startTime, row.durationMinutes)}` : row.startTime) : '',
    label,
    clientName: row.clientName,
    location: row.location,
  };
}

/** The weeks (Monday to Sunday) covering `month`, each day with its gigs. */
export function buildMonth(month: string, rows: CalendarGigRow[], today: string) {
  const { first, last } = monthBounds(`${month}-01`);
  const byDate = new Map<string, MonthGig[]>();
  for (const row of rows) {
    const list = byDate.get(row.date) ?? [];
    list.push(toMonthGig(row));
    byDate.set(row.date, list);
  }
  const start = addDays(first, 1 - isoWeekday(first));
  const end = addDays(last, 7 - isoWeekday(last));
  const weeks: MonthDay[][] = [];
  for (let date = start; date <= end; date = addDays(date, 1)) {
    if (isoWeekday(date) === 1) weeks.push([]);
    const inMonth = date >= first && date <= last;
    weeks[weeks.length - 1].push({
      date,
      day: Number(date.slice(8)),
      inMonth,
      isToday: date === today,
      gigs: inMonth ? (byDate.get(date) ?? []) : [],
    });
  }
  const agenda = weeks.flat().filter((d) => d.inMonth && d.gigs.length > 0);
  const counts = legend.map((l) => ({ ...l, count: rows.filter((r) => r.status === l.status).length })).filter((c) => c.count > 0);
  const prev = parseMonth(addMonths(first, -1).slice(0, 7));
  const next = parseMonth(addMonths(first, 1).slice(0, 7));
  return {
    month,
    label: monthLabel(month),
    weeks,
    agenda,
    total: rows.length,
    counts,
    // null past the supported years (1900–2200), so no link leads to a refusal.
    prev: prev ? { month: prev, label: monthLabel(prev), short: monthLabel(prev, 'short') } : null,
    next: next ? { month: next, label: monthLabel(next), short: monthLabel(next, 'short') } : null,
    isCurrent: today.slice(0, 7) === month,
    current: today.slice(0, 7),
  };
}

export type MonthView = ReturnType<typeof buildMonth>;
