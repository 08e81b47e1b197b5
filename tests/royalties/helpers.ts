// Hand-built royalty data for the royalties tests, written straight through
// Prisma so every figure on the pages is known to the cent.
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
export { signUpWithId } from '../support/app.ts';

export function makeRecording(prisma: PrismaClient, userId: number, r: { title: string; artist?: string; isrc?: string | null; gigId?: number | null }) {
  return prisma.recording.create({ data: { userId, title: r.title, artist: r.artist ?? 'Artist', isrc: r.isrc ?? null, gigId: r.gigId ?? null } });
}

export function makeAgreement(
  prisma: PrismaClient,
  userId: number,
  a: { recordingId?: number | null; gigId?: number | null; payerId?: number | null; rateBps: number; currency: string; advanceMinor?: number; recoupable?: boolean; basis?: string },
) {
  return prisma.royaltyAgreement.create({
    data: {
      userId,
      recordingId: a.recordingId ?? null,
      gigId: a.gigId ?? null,
      payerId: a.payerId ?? null,
      rateBps: a.rateBps,
      currency: a.currency,
      advanceMinor: a.advanceMinor ?? 0,
      recoupable: a.recoupable ?? true,
      basis: a.basis ?? '',
    },
  });
}

export function makeStatement(
  prisma: PrismaClient,
  userId: number,
  s: {
    agreementId?: number | null;
    recordingId?: number | null;
    payerId?: number | null;
    source?: string;
    periodStart?: string;
    periodEnd?: string;
    amountMinor: number;
    currency: string;
    receivedOn: string;
    reference?: string;
    basisAmountMinor?: number | null;
    earnedMinor?: number | null;
  },
) {
  return prisma.royaltyStatement.create({
    data: {
      userId,
      agreementId: s.agreementId ?? null,
      recordingId: s.recordingId ?? null,
      payerId: s.payerId ?? null,
      source: s.source ?? 'agreement',
      periodStart: s.periodStart ?? '2025-01-01',
      periodEnd: s.periodEnd ?? '2025-06-30',
      amountMinor: s.amountMinor,
      currency: s.currency,
      receivedOn: s.receivedOn,
      reference: s.reference ?? '',
      basisAmountMinor: s.basisAmountMinor ?? null,
      earnedMinor: s.earnedMinor ?? null,
    },
  });
}

/** Collapses whitespace so assertions can read text across tags. */
export const squash = (html: string) => html.replace(/\s+/g, ' ');

/** The HTML of the table row that links to `href`. */
export function rowLinking(html: string, href: string): string {
  const rows = html.split('<tr').slice(1);
  const row = rows.find((r) => r.includes(`href="${href}"`));
  if (!row) throw new Error(`No row links to ${href}`);
  return squash(row.slice(0, row.indexOf('</tr>')));
}

/** The HTML of the element with this id up to the end of its section. */
export function sectionById(html: string, id: string): string {
  const start = html.indexOf(`id="${id}"`);
  if (start < 0) throw new Error(`No element #${id}`);
  return squash(html.slice(start, html.indexOf('</section>', start)));
}

/** The field error shown beside a field, or null. */
export function fieldError(html: string, name: string): string | null {
  const m = new RegExp(`id="f-${name}-error">([^<]*)<`).exec(html);
  return m ? m[1] : null;
}
