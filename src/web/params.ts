import { notFound } from './errors.ts';

/** A route's :id as a positive integer; anything else is a 404 (never a 500). */
export function parseId(value: unknown, what = 'page'): number {
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) throw notFound(what);
  const id = Number(value);
  if (id > 2_147_483_647) throw notFound(what);
  return id;
}
