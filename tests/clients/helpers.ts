// Hand-built data for the clients tests: gigs with fee lines, payments with
// allocations, written straight through Prisma so the figures are known exactly.
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { signUp, type Agent } from '../support/app.ts';

export async function signUpWithId(t: { app: Parameters<typeof signUp>[0]; prisma: PrismaClient }, name?: string): Promise<{ agent: Agent; userId: number }> {
  const { agent, email } = await signUp(t.app, name);
  const user = await t.prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  return { agent, userId: user.id };
}

type Line = { amountMinor: number; currency: string; kind?: string; owedToMusician?: boolean };

export async function makeGig(
  prisma: PrismaClient,
  userId: number,
  gig: { clientId?: number | null; payerId?: number | null; date?: string; status?: string; title?: string; artist?: string; lines?: Line[] },
) {
  return prisma.gig.create({
    data: {
      userId,
      date: gig.date ?? '2026-03-02',
      status: gig.status ?? 'done',
      title: gig.title ?? '',
      artist: gig.artist ?? '',
      clientId: gig.clientId ?? null,
      payerId: gig.payerId ?? null,
      lineItems: {
        create: (gig.lines ?? []).map((l, position) => ({
          userId,
          amountMinor: l.amountMinor,
          currency: l.currency,
          kind: l.kind ?? 'base_fee',
          owedToMusician: l.owedToMusician ?? true,
          position,
        })),
      },
    },
  });
}

export async function makePayment(
  prisma: PrismaClient,
  userId: number,
  payment: { clientId: number | null; receivedOn: string; amountMinor: number; currency: string; method?: string; reference?: string; allocations?: { gigId: number; amountMinor: number }[] },
) {
  return prisma.payment.create({
    data: {
      userId,
      clientId: payment.clientId,
      receivedOn: payment.receivedOn,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      method: payment.method ?? 'bank_transfer',
      reference: payment.reference ?? '',
      allocations: { create: (payment.allocations ?? []).map((a) => ({ userId, gigId: a.gigId, amountMinor: a.amountMinor })) },
    },
  });
}

/** The HTML of the table row (or stacked card) that links to the client. */
export function rowFor(html: string, clientId: number): string {
  const rows = html.split('<tr').slice(1);
  const row = rows.find((r) => r.includes(`href="/clients/${clientId}"`));
  if (!row) throw new Error(`No row for client ${clientId}`);
  return row.slice(0, row.indexOf('</tr>'));
}

/** The text of an element by id, up to the end of its section. */
export function sectionById(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`No element #${id}`);
  const end = html.indexOf('</section>', start);
  return html.slice(start, end);
}

/** Collapses whitespace between tags so assertions can read text. */
export const squash = (html: string) => html.replace(/\s+/g, ' ');
