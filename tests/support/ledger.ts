// Hand-built gigs and payments written straight through Prisma, so the
// figures a page should show are known to the cent.
import type { PrismaClient } from '../../src/generated/prisma/client.ts';

export type Line = { amountMinor: number; currency: string; kind?: string; owedToMusician?: boolean };

export async function makeGig(
  prisma: PrismaClient,
  userId: number,
  gig: { clientId?: number | null; payerId?: number | null; date?: string; dueDate?: string | null; status?: string; title?: string; artist?: string; lines?: Line[] },
) {
  return prisma.gig.create({
    data: {
      userId,
      date: gig.date ?? '2026-03-02',
      dueDate: gig.dueDate ?? null,
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
  payment: { clientId?: number | null; receivedOn: string; amountMinor: number; currency: string; method?: string; reference?: string; allocations?: { gigId: number; amountMinor: number }[] },
) {
  return prisma.payment.create({
    data: {
      userId,
      clientId: payment.clientId ?? null,
      receivedOn: payment.receivedOn,
      amountMinor: payment.amountMinor,
      currency: payment.currency,
      method: payment.method ?? 'bank_transfer',
      reference: payment.reference ?? '',
      allocations: { create: (payment.allocations ?? []).map((a) => ({ userId, gigId: a.gigId, amountMinor: a.amountMinor })) },
    },
  });
}
