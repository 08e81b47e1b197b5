// Hand-built money data for the money and dashboard tests, written straight
// through Prisma so every figure is known to the cent.
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
export { signUpWithId } from '../support/app.ts';
export { makeGig, makePayment, type Line } from '../support/ledger.ts';

export async function makeStatement(
  prisma: PrismaClient,
  userId: number,
  s: { payerId?: number | null; receivedOn: string; amountMinor: number; currency: string; source?: string },
) {
  return prisma.royaltyStatement.create({
    data: {
      userId,
      payerId: s.payerId ?? null,
      source: s.source ?? 'other',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      receivedOn: s.receivedOn,
      amountMinor: s.amountMinor,
      currency: s.currency,
    },
  });
}

export const makeClient = (prisma: PrismaClient, userId: number, name: string) => prisma.client.create({ data: { userId, name } });

/** Collapses whitespace so assertions can read text across tags. */
export const squash = (html: string) => html.replace(/\s+/g, ' ');

/** The HTML of an element by id, up to the end of its section. */
export function sectionById(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`No element #${id}`);
  const end = html.indexOf('</section>', start);
  return squash(html.slice(start, end));
}

/** Mulberry32: a small seeded PRNG, so a failing property run can be replayed. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    chance: (p: number) => next() < p,
  };
}
