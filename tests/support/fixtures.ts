// One row of every musician-owned model, for isolation tests.
import type { PrismaClient } from '../../src/generated/prisma/client.ts';

export type OwnedIds = Awaited<ReturnType<typeof createOneOfEverything>>;

export async function createOneOfEverything(prisma: PrismaClient, userId: number) {
  const client = await prisma.client.create({ data: { userId, name: 'Sunset Sound', kind: 'studio' } });
  const invoice = await prisma.invoice.create({
    data: { userId, clientId: client.id, number: `INV-${userId}-1`, issuedOn: '2026-01-05', dueOn: '2026-02-04', currency: 'USD' },
  });
  const gig = await prisma.gig.create({
    data: { userId, date: '2026-01-02', clientId: client.id, title: 'Album tracking', invoiceId: invoice.id, dueDate: '2026-02-01' },
  });
  const lineItem = await prisma.lineItem.create({ data: { userId, gigId: gig.id, amountMinor: 43421, currency: 'USD' } });
  const payment = await prisma.payment.create({
    data: { userId, clientId: client.id, receivedOn: '2026-01-20', amountMinor: 20000, currency: 'USD' },
  });
  const allocation = await prisma.paymentAllocation.create({ data: { userId, paymentId: payment.id, gigId: gig.id, amountMinor: 20000 } });
  const reminder = await prisma.invoiceReminder.create({ data: { userId, invoiceId: invoice.id } });
  const rateCard = await prisma.rateCard.create({ data: { userId, name: 'Scale', currency: 'USD', baseUnitMinor: 43421 } });
  const exchangeRate = await prisma.exchangeRate.create({ data: { userId, fromCurrency: 'GBP', toCurrency: 'USD', rate: '1.27', asOf: '2026-01-01' } });
  const recording = await prisma.recording.create({ data: { userId, gigId: gig.id, title: 'Song', artist: 'Artist', isrc: 'USRC17607839' } });
  const recordingCredit = await prisma.recordingCredit.create({ data: { userId, recordingId: recording.id, role: 'StudioMusician', instrument: 'piano' } });
  const recordingLink = await prisma.recordingLink.create({ data: { userId, recordingId: recording.id, kind: 'spotify', url: 'https://open.spotify.com/track/x' } });
  const royaltyAgreement = await prisma.royaltyAgreement.create({ data: { userId, recordingId: recording.id, rateBps: 100, currency: 'USD' } });
  const royaltyStatement = await prisma.royaltyStatement.create({
    data: { userId, agreementId: royaltyAgreement.id, recordingId: recording.id, periodStart: '2026-01-01', periodEnd: '2026-03-31', amountMinor: 1234, currency: 'USD', receivedOn: '2026-05-01' },
  });
  const outreachEntry = await prisma.outreachEntry.create({ data: { userId, clientId: client.id, contactedOn: '2026-01-10' } });
  return {
    client: client.id,
    gig: gig.id,
    lineItem: lineItem.id,
    payment: payment.id,
    paymentAllocation: allocation.id,
    invoice: invoice.id,
    invoiceReminder: reminder.id,
    rateCard: rateCard.id,
    exchangeRate: exchangeRate.id,
    recording: recording.id,
    recordingCredit: recordingCredit.id,
    recordingLink: recordingLink.id,
    royaltyAgreement: royaltyAgreement.id,
    royaltyStatement: royaltyStatement.id,
    outreachEntry: outreachEntry.id,
  };
}
