// Writes the demo musician (see plan.ts for what the data contains).
//
// Idempotency: if an account with the demo e-mail exists, nothing is written
// and `created` is false. We never replace that account's data: someone may
// have been trying the app with it, and a seed script silently wiping their
// edits would be worse than a stale demo. To start over, delete the user (its
// rows cascade) or the database file. Everything else is written in one
// transaction, so a failure leaves no half-made musician; the unique e-mail
// means a concurrent second run fails and rolls back instead of duplicating.
import { hashPassword } from '../auth/passwords.ts';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import { todayIn } from '../lib/dates.ts';
import { DEMO_EMAIL, DEMO_PASSWORD, DEMO_TIME_ZONE, type ClientKey, demoMusician } from './catalog.ts';
import { buildDemoPlan, type DemoPlan } from './plan.ts';

export { DEMO_EMAIL, DEMO_PASSWORD } from './catalog.ts';

export async function seedDemo(
  prisma: PrismaClient,
  options: { today?: string } = {},
): Promise<{ email: string; password: string; created: boolean }> {
  const result = { email: DEMO_EMAIL, password: DEMO_PASSWORD };
  const existing = await prisma.user.findUnique({ where: { email: DEMO_EMAIL }, select: { id: true } });
  if (existing) return { ...result, created: false };

  const plan = buildDemoPlan(options.today ?? todayIn(DEMO_TIME_ZONE));
  // Hashing takes ~100 ms on purpose; do it before the transaction holds the write lock.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await prisma.$transaction((tx) => writePlan(tx, plan, passwordHash), { maxWait: 10_000, timeout: 30_000 });
  return { ...result, created: true };
}

/**
 * The database ids the plan's rows will get. Assigning them here lets whole
 * tables go in with one createMany each (about 20 statements) instead of one
 * insert per gig, payment and recording (about 300: 0.8 s, more on a busy
 * machine). Safe because the user row is written first, so this transaction
 * already holds SQLite's write lock and no other writer can take these ids;
 * starting after sqlite_sequence (which AUTOINCREMENT keeps at the largest id
 * ever used) means no id is ever reused, as AUTOINCREMENT promises.
 */
async function reserveIds<T>(tx: Prisma.TransactionClient, table: string, rows: readonly T[]): Promise<Map<T, number>> {
  const [row] = await tx.$queryRaw<{ seq: number | bigint }[]>`SELECT COALESCE(MAX(seq), 0) AS seq FROM sqlite_sequence WHERE name = ${table}`;
  const first = Number(row.seq) + 1;
  return new Map(rows.map((item, i) => [item, first + i]));
}

async function writePlan(tx: Prisma.TransactionClient, plan: DemoPlan, passwordHash: string): Promise<void> {
  const { id: userId } = await tx.user.create({
    data: { ...demoMusician, passwordHash, nextInvoiceNumber: plan.nextInvoiceNumber },
    select: { id: true },
  });

  // Companies before the people who work for them, so a row only points back.
  const clients = [...plan.clients].sort((a, b) => Number(a.organization !== undefined) - Number(b.organization !== undefined));
  const clientIds = await reserveIds(tx, 'Client', clients.map((c) => c.key));
  const clientId = (key: ClientKey | null) => (key === null ? null : clientIds.get(key)!);
  const invoiceIds = await reserveIds(tx, 'Invoice', plan.invoices);
  const gigIds = await reserveIds(tx, 'Gig', plan.gigs);
  const paymentIds = await reserveIds(tx, 'Payment', plan.payments);
  const recordingIds = await reserveIds(tx, 'Recording', plan.recordings);
  const agreementIds = await reserveIds(tx, 'RoyaltyAgreement', plan.agreements);

  await tx.client.createMany({
    data: clients.map((c) => ({
      id: clientId(c.key)!,
      userId,
      kind: c.kind,
      name: c.name,
      company: c.company ?? '',
      organizationId: c.organization ? clientId(c.organization) : null,
      email: c.email ?? '',
      phone: c.phone ?? '',
      city: c.city,
      notes: c.notes ?? '',
    })),
  });

  const billTo = new Map(plan.clients.map((c) => [c.key, [c.name, c.company, c.email, c.city].filter(Boolean).join('\n')]));
  await tx.invoice.createMany({
    data: plan.invoices.map((invoice) => {
      const { client, reminders, ...fields } = invoice;
      return {
        id: invoiceIds.get(invoice)!,
        userId,
        clientId: clientId(client),
        fromText: demoMusician.invoiceDetails,
        billToText: billTo.get(client)!,
        ...fields,
      };
    }),
  });
  await tx.invoiceReminder.createMany({
    data: plan.invoices.flatMap((invoice) =>
      invoice.reminders.map((date) => ({ userId, invoiceId: invoiceIds.get(invoice)!, sentAt: new Date(`${date}T17:00:00Z`) })),
    ),
  });

  await tx.gig.createMany({
    data: plan.gigs.map((gig) => ({
      id: gigIds.get(gig)!,
      userId,
      date: gig.date,
      startTime: gig.startTime,
      durationMinutes: gig.durationMinutes,
      kind: gig.kind,
      status: gig.status,
      title: gig.title,
      artist: gig.artist,
      location: gig.location,
      instruments: gig.instruments.join(', '),
      clientId: clientId(gig.client),
      payerId: clientId(gig.payer),
      union: gig.union,
      bFormType: gig.bFormType,
      bFormFiled: gig.bFormFiled,
      workForHire: gig.workForHire,
      notes: gig.notes,
      dueDate: gig.dueDate,
      invoiceId: gig.invoice ? invoiceIds.get(gig.invoice)! : null,
    })),
  });
  await tx.lineItem.createMany({
    data: plan.gigs.flatMap((gig) =>
      gig.lines.map((line, position) => ({ userId, gigId: gigIds.get(gig)!, ...line, currency: gig.currency, position })),
    ),
  });

  await tx.payment.createMany({
    data: plan.payments.map((payment) => {
      const { client, allocations, ...fields } = payment;
      return { id: paymentIds.get(payment)!, userId, clientId: clientId(client), ...fields };
    }),
  });
  await tx.paymentAllocation.createMany({
    data: plan.payments.flatMap((payment) =>
      payment.allocations.map((a) => ({ userId, paymentId: paymentIds.get(payment)!, gigId: gigIds.get(a.gig)!, amountMinor: a.amountMinor })),
    ),
  });

  await tx.rateCard.createMany({ data: plan.rateCards.map((card) => ({ userId, ...card })) });
  await tx.exchangeRate.createMany({ data: plan.exchangeRates.map((rate) => ({ userId, ...rate })) });

  await tx.recording.createMany({
    data: plan.recordings.map((recording) => {
      const { gig, credits, links, ...fields } = recording;
      return { id: recordingIds.get(recording)!, userId, gigId: gig ? gigIds.get(gig)! : null, ...fields };
    }),
  });
  await tx.recordingCredit.createMany({
    data: plan.recordings.flatMap((r) =>
      r.credits.map((credit, position) => ({ userId, recordingId: recordingIds.get(r)!, ...credit, position })),
    ),
  });
  await tx.recordingLink.createMany({
    data: plan.recordings.flatMap((r) =>
      r.links.map((link, position) => ({ userId, recordingId: recordingIds.get(r)!, ...link, position })),
    ),
  });

  await tx.royaltyAgreement.createMany({
    data: plan.agreements.map((agreement) => {
      const { recording, gig, payer, ...fields } = agreement;
      return {
        id: agreementIds.get(agreement)!,
        userId,
        recordingId: recordingIds.get(recording)!,
        gigId: gig ? gigIds.get(gig)! : null,
        payerId: clientId(payer),
        ...fields,
      };
    }),
  });
  await tx.royaltyStatement.createMany({
    data: plan.statements.map(({ agreement, recording, payer, ...statement }) => ({
      userId,
      agreementId: agreement ? agreementIds.get(agreement)! : null,
      recordingId: recording ? recordingIds.get(recording)! : null,
      payerId: clientId(payer),
      ...statement,
    })),
  });

  await tx.outreachEntry.createMany({
    data: plan.outreach.map(({ client, ...entry }) => ({ userId, clientId: clientId(client), ...entry })),
  });
}
