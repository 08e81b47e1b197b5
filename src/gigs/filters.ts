// The gigs list's filters, read from the URL so a view can be bookmarked.
// Unreadable values are ignored with a note rather than failing the page.
import { isIsoDate } from '../lib/dates.ts';
import { gigKinds, gigStatuses } from '../domain/vocabulary.ts';
import { paidStates, type PaidState } from '../money/balances.ts';
import { gigSorts, type GigFilter, type GigSort } from './queries.ts';

const one = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export function parseGigFilter(query: Record<string, unknown>): { filter: GigFilter; problems: string[] } {
  const problems: string[] = [];
  const date = (name: 'from' | 'to', label: string) => {
    const v = one(query[name]);
    if (v && !isIsoDate(v)) problems.push(`Ignored the ${label} date “${v}”: use a date like 2026-11-26.`);
    return v && isIsoDate(v) ? v : null;
  };
  const from = date('from', 'from');
  const to = date('to', 'to');
  const pick = <T extends string>(name: string, allowed: readonly T[]) => {
    const v = one(query[name]);
    return (allowed as readonly string[]).includes(v) ? (v as T) : null;
  };
  const clientId = /^[1-9]\d{0,9}$/.test(one(query.clientId)) ? Number(one(query.clientId)) : null;
  const page = /^[1-9]\d{0,5}$/.test(one(query.page)) ? Number(one(query.page)) : 1;
  const sort = pick<GigSort>('sort', Object.keys(gigSorts) as GigSort[]) ?? 'date';
  const dir = one(query.dir) === 'asc' ? 'asc' : one(query.dir) === 'desc' ? 'desc' : sort === 'date' || sort === 'amount' || sort === 'owed' ? 'desc' : 'asc';
  if (from && to && to < from) problems.push('The “to” date is before the “from” date, so nothing can match.');
  return {
    filter: {
      from,
      to,
      clientId,
      kind: pick('kind', gigKinds.values),
      status: pick('status', gigStatuses.values),
      paid: pick<PaidState>('paid', paidStates.map((s) => s.value)),
      q: one(query.q).slice(0, 200),
      sort,
      dir,
      page,
    },
    problems,
  };
}

/** The query string for a filter, with overrides (for sort links and pages). */
export function filterQuery(filter: GigFilter, overrides: Partial<GigFilter> = {}): string {
  const f = { ...filter, ...overrides };
  const params = new URLSearchParams();
  if (f.from) params.set('from', f.from);
  if (f.to) params.set('to', f.to);
  if (f.clientId) params.set('clientId', String(f.clientId));
  if (f.kind) params.set('kind', f.kind);
  if (f.status) params.set('status', f.status);
  if (f.paid) params.set('paid', f.paid);
  if (f.q) params.set('q', f.q);
  if (f.sort !== 'date') params.set('sort', f.sort);
  if (f.dir !== (f.sort === 'date' || f.sort === 'amount' || f.sort === 'owed' ? 'desc' : 'asc')) params.set('dir', f.dir);
  if (f.page > 1) params.set('page', String(f.page));
  const s = params.toString();
  return s ? `?${s}` : '';
}
