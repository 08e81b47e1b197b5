// Functions and lists every template can use (set once on app.locals).
import * as vocabulary from '../domain/vocabulary.ts';
import { formatMoney } from '../lib/money.ts';
import { formatDuration } from '../lib/dates.ts';

/** Main navigation. Each feature adds its entry here when its pages exist. */
export const navigation = [
  { href: '/', label: 'Home' },
  { href: '/gigs', label: 'Gigs' },
  { href: '/calendar', label: 'Calendar' },
  { href: '/clients', label: 'Clients' },
  { href: '/portfolio', label: 'Portfolio', sections: ['/recordings', '/outreach'] },
  { href: '/money', label: 'Money', sections: ['/payments', '/invoices', '/royalties'] },
  { href: '/settings', label: 'Settings' },
];

const within = (prefix: string, path: string) => path === prefix || path.startsWith(`${prefix}/`);

/** True when `current` is inside the navigation item `href` (or one of the sections it groups). */
function isCurrent(href: string, current: string) {
  if (href === '/') return current === '/';
  const item = navigation.find((n) => n.href === href) as { sections?: string[] } | undefined;
  return within(href, current) || (item?.sections ?? []).some((s) => within(s, current));
}

/** Only http(s) links entered by users are ever rendered as links. */
function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

// Built once: a list page formats hundreds of dates.
const dateFormats = {
  short: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }),
  long: new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', weekday: 'long', day: 'numeric', month: 'short', year: 'numeric' }),
};

const formattedDates = new Map<string, string>();

/** "2026-11-26" → "Thu 26 Nov 2026", without time-zone surprises (dates are calendar dates). */
function formatDate(isoDate: string | null | undefined, style: 'short' | 'long' = 'short') {
  if (!isoDate) return '';
  const key = style === 'short' ? isoDate : `L${isoDate}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    const [y, m, d] = isoDate.split('-').map(Number);
    text = dateFormats[style].format(new Date(Date.UTC(y, m - 1, d)));
    // A calendar date always reads the same, so results are kept; the bound
    // only guards against unbounded growth (ten years of dates is ~3,650).
    if (formattedDates.size >= 20_000) formattedDates.clear();
    formattedDates.set(key, text);
  }
  return text;
}

export const viewHelpers = {
  navigation,
  isCurrent,
  isHttpUrl,
  formatDate,
  vocabulary,
  formatMoney,
  formatDuration,
  appName: 'Ledger Lines',
};
