// Merging a duplicate client into the one to keep. Everything that points at
// the duplicate moves, its details fill the kept client's gaps, and the
// duplicate is deleted — in one transaction, so a failure changes nothing.
import type { UserDb } from '../db/scoped.ts';
import { notFound } from '../web/errors.ts';

export type MergeResult = {
  kept: { id: number; name: string };
  removed: { id: number; name: string };
  moved: {
    gigs: number;
    payments: number;
    invoices: number;
    royaltyAgreements: number;
    royaltyStatements: number;
    outreach: number;
    members: number;
  };
};

const CONTACT_FIELDS = ['company', 'email', 'phone', 'city'] as const;

/**
 * Moves all of `fromId`'s gigs (as booker and as payer), payments, invoices,
 * royalty agreements and statements (payer), outreach entries and members to
 * `intoId`; fills the kept client's empty contact fields and appends the
 * duplicate's notes; deletes the duplicate. Both ids must be this musician's
 * (404 otherwise) and differ. Every statement goes through the scoped handle.
 */
export async function mergeClients(db: UserDb, fromId: number, intoId: number): Promise<MergeResult> {
  if (fromId === intoId) throw new Error('mergeClients: a client cannot be merged into itself');
  return db.$transaction(async (tx) => {
    const from = await tx.client.findUnique({ where: { id: fromId } });
    const into = await tx.client.findUnique({ where: { id: intoId } });
    if (!from || !into) throw notFound('client');

    // Gigs: count distinct gigs once (a gig booked and paid by the duplicate is one gig).
    const gigs = await tx.gig.count({ where: { OR: [{ clientId: fromId }, { payerId: fromId }] } });
    // Where the duplicate and the kept client were booker and payer of the same
    // gig, they become one party: the payer field is only for "someone else pays".
    await tx.gig.updateMany({ where: { clientId: fromId, payerId: intoId }, data: { clientId: intoId, payerId: null } });
    await tx.gig.updateMany({ where: { clientId: intoId, payerId: fromId }, data: { payerId: null } });
    await tx.gig.updateMany({ where: { clientId: fromId }, data: { clientId: intoId } });
    await tx.gig.updateMany({ where: { payerId: fromId }, data: { payerId: intoId } });

    const payments = (await tx.payment.updateMany({ where: { clientId: fromId }, data: { clientId: intoId } })).count;
    const invoices = (await tx.invoice.updateMany({ where: { clientId: fromId }, data: { clientId: intoId } })).count;
    const royaltyAgreements = (await tx.royaltyAgreement.updateMany({ where: { payerId: fromId }, data: { payerId: intoId } })).count;
    const royaltyStatements = (await tx.royaltyStatement.updateMany({ where: { payerId: fromId }, data: { payerId: intoId } })).count;
    const outreach = (await tx.outreachEntry.updateMany({ where: { clientId: fromId }, data: { clientId: intoId } })).count;
    // The kept client may itself have been a member of the duplicate: it must not become its own organisation.
    const members = (
      await tx.client.updateMany({ where: { organizationId: fromId, id: { not: intoId } }, data: { organizationId: intoId } })
    ).count;

    const fill: Partial<Record<(typeof CONTACT_FIELDS)[number], string>> = {};
    for (const field of CONTACT_FIELDS) {
      if (!into[field].trim() && from[field].trim()) fill[field] = from[field];
    }
    const notes = from.notes.trim()
      ? into.notes.trim()
        ? `${into.notes.trimEnd()}\n\n— From ${from.name}:\n${from.notes.trim()}`
        : from.notes
      : into.notes;
    let organizationId = into.organizationId;
    if (organizationId === fromId) organizationId = from.organizationId === intoId ? null : from.organizationId;
    if (organizationId === null && from.organizationId !== null && from.organizationId !== intoId) organizationId = from.organizationId;
    await tx.client.update({ where: { id: intoId }, data: { ...fill, notes, organizationId } });

    await tx.client.delete({ where: { id: fromId } });
    return {
      kept: { id: into.id, name: into.name },
      removed: { id: from.id, name: from.name },
      moved: { gigs, payments, invoices, royaltyAgreements, royaltyStatements, outreach, members },
    };
  });
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "Moved 12 gigs and 3 payments to Sunset Sound." */
export function mergeSummary(result: MergeResult): string {
  const m = result.moved;
  const parts = [
    m.gigs ? plural(m.gigs, 'gig', 'gigs') : '',
    m.payments ? plural(m.payments, 'payment', 'payments') : '',
    m.invoices ? plural(m.invoices, 'invoice', 'invoices') : '',
    m.royaltyAgreements ? plural(m.royaltyAgreements, 'royalty agreement', 'royalty agreements') : '',
    m.royaltyStatements ? plural(m.royaltyStatements, 'royalty statement', 'royalty statements') : '',
    m.outreach ? plural(m.outreach, 'outreach entry', 'outreach entries') : '',
    m.members ? plural(m.members, 'member', 'members') : '',
  ].filter(Boolean);
  if (parts.length === 0) return `Merged ${result.removed.name} into ${result.kept.name}; there was nothing else to move.`;
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
  return `Moved ${list} to ${result.kept.name}.`;
}
