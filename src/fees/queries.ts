// Rate card look-ups, always through the musician-scoped handle.
import type { RateCard } from '../generated/prisma/client.ts';
import type { UserDb } from '../db/scoped.ts';
import { found } from '../web/errors.ts';

/** The musician's rate cards: the default first, then by name. */
export function rateCardsFor(db: UserDb): Promise<RateCard[]> {
  return db.rateCard.findMany({ orderBy: [{ isDefault: 'desc' }, { name: 'asc' }, { id: 'asc' }] });
}

/** One of the musician's cards; a 404 for a missing id or another musician's. */
export async function getRateCard(db: UserDb, id: number): Promise<RateCard> {
  return found(await db.rateCard.findUnique({ where: { id } }), 'rate card');
}

/** The card marked default, or null when the musician has not chosen one. */
export function defaultRateCard(db: UserDb): Promise<RateCard | null> {
  return db.rateCard.findFirst({ where: { isDefault: true }, orderBy: { id: 'asc' } });
}
