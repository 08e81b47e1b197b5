// How a statement's period reads on a page. Royalty periods are almost always
// whole months, quarters, halves or years, so they are shown that way.
import { isIsoDate, monthBounds } from '../lib/dates.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const monthYear = (iso: string) => `${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
const dayMonthYear = (iso: string) => `${Number(iso.slice(8, 10))} ${monthYear(iso)}`;

/**
 * "2025" (a calendar year), "Oct 2025 – Mar 2026" (whole months), "Jun 2026"
 * (one month), else "3 Oct 2025 – 15 Mar 2026".
 */
export function formatPeriod(start: string, end: string): string {
  if (!isIsoDate(start) || !isIsoDate(end)) return `${start} – ${end}`;
  const wholeMonths = start.endsWith('-01') && monthBounds(end).last === end;
  if (wholeMonths && start.slice(5) === '01-01' && end.slice(5) === '12-31' && start.slice(0, 4) === end.slice(0, 4)) return start.slice(0, 4);
  if (wholeMonths) return start.slice(0, 7) === end.slice(0, 7) ? monthYear(start) : `${monthYear(start)} – ${monthYear(end)}`;
  return start === end ? dayMonthYear(start) : `${dayMonthYear(start)} – ${dayMonthYear(end)}`;
}
