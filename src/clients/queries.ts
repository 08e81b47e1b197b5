// Client look-ups shared by features (gigs, payments, imports).
import type { UserDb } from '../db/scoped.ts';

/**
 * The client a form names: by id when one was picked from the list, else by
 * name (case-insensitive, archived ones included so they are not duplicated),
 * creating a new client when the name is new. Returns null when neither is
 * given, and `'not-found'` for an id that is not this musician's.
 */
export async function resolveClient(
  db: UserDb,
  choice: { id: number | null; name: string },
  defaults: { kind?: string } = {},
): Promise<{ id: number; name: string; created: boolean } | null | 'not-found'> {
  if (choice.id !== null) {
    const client = await db.client.findUnique({ where: { id: choice.id }, select: { id: true, name: true } });
    return client ? { ...client, created: false } : 'not-found';
  }
  const name = choice.name.trim();
  if (!name) return null;
  const existing = await findClientByName(db, name);
  if (existing) return { ...existing, created: false };
  const created = await db.client.create({ data: { userId: db.$userId, name, kind: defaults.kind ?? 'other' }, select: { id: true, name: true } });
  return { ...created, created: true };
}

/** Case-insensitive exact match on the name (SQLite's LIKE is case-insensitive for ASCII). */
export async function findClientByName(db: UserDb, name: string) {
  const candidates = await db.client.findMany({
    where: { name: { equals: name } },
    select: { id: true, name: true },
    take: 1,
  });
  if (candidates[0]) return candidates[0];
  const lower = name.toLowerCase();
  const all = await db.client.findMany({ where: { name: { contains: name } }, select: { id: true, name: true }, take: 20 });
  return all.find((c) => c.name.toLowerCase() === lower) ?? null;
}

/** Names and ids for pick lists, most used first would be nicer; alphabetical is predictable. */
export function clientChoices(db: UserDb) {
  return db.client.findMany({ where: { archived: false }, select: { id: true, name: true, kind: true }, orderBy: { name: 'asc' } });
}
