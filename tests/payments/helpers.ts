// Shared steps for the payments tests.
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { forUser } from '../../src/db/scoped.ts';
import { gigBalance } from '../../src/gigs/queries.ts';
import { submitForm, type Agent } from '../support/app.ts';

export { makeGig, makePayment, signUpWithId, squash } from '../clients/helpers.ts';

/** Posts the payment form as a browser would (CSRF token from the form page). */
export function postPayment(agent: Agent, fields: Record<string, string>, page = '/payments/new', action = '/payments') {
  return submitForm(agent, page, action, fields);
}

/** The `listedFor` a form showing this client's gigs in this currency carries. */
export const listed = (clientId: number, currency = 'USD') => ({ listedFor: `${clientId}:${currency}` });

export async function countsFor(prisma: PrismaClient, userId: number) {
  const [payments, allocations] = await Promise.all([
    prisma.payment.count({ where: { userId } }),
    prisma.paymentAllocation.count({ where: { userId } }),
  ]);
  return { payments, allocations };
}

/** The gig's agreed / paid / owed from the one definition of owed. */
export function balance(prisma: PrismaClient, userId: number, gigId: number) {
  return gigBalance(forUser(prisma, userId), gigId);
}

export const paymentIdFrom = (location: string) => Number(/^\/payments\/(\d+)$/.exec(location)![1]);

/** The value of an input in a page, by name. */
export function inputValue(html: string, name: string): string | null {
  const tag = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(html)?.[0];
  if (!tag) return null;
  return /value="([^"]*)"/.exec(tag)?.[1] ?? null;
}
