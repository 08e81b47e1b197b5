// Shared steps for the invoice tests: a musician with clients and gigs built
// straight through Prisma (so every amount is known to the cent), creating
// invoices through the real form, and reading a PDF's text without any
// external tool.
import { inflateSync } from 'node:zlib';
import type { Response } from 'supertest';
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { todayIn } from '../../src/lib/dates.ts';
import { submitForm, type Agent } from '../support/app.ts';

export { makeGig, makePayment, signUpWithId, squash } from '../clients/helpers.ts';

export const today = () => todayIn('UTC');

/** Creates an invoice through the form, as the musician would. */
export function createInvoiceVia(agent: Agent, clientId: number, gigIds: number[], fields: Record<string, string> = {}) {
  return submitForm(agent, `/invoices/new?clientId=${clientId}`, '/invoices', {
    clientId: String(clientId),
    issuedOn: today(),
    dueOn: '',
    terms: '',
    notes: '',
    ...fields,
    // One value per ticked box, as a browser sends them (gigIds=1&gigIds=2).
    ...(gigIds.length ? { gigIds: gigIds.map(String) as unknown as string } : {}),
  });
}

export const invoiceIdFrom = (res: Response) => {
  const m = /^\/invoices\/(\d+)$/.exec(String(res.headers.location));
  if (!m) throw new Error(`Not a redirect to an invoice: ${res.status} ${res.headers.location}\n${res.text?.slice(0, 2000)}`);
  return Number(m[1]);
};

/** The User row's numbering. */
export async function numbering(prisma: PrismaClient, userId: number) {
  return prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { invoicePrefix: true, nextInvoiceNumber: true } });
}

/** Makes an invoice overdue (or not) by moving its dates, as if time had passed. */
export async function setInvoiceDates(prisma: PrismaClient, invoiceId: number, issuedOn: string, dueOn: string) {
  await prisma.invoice.update({ where: { id: invoiceId }, data: { issuedOn, dueOn } });
}

// ---------------------------------------------------------------------------
// Reading a PDF's text: enough of the format for what pdfkit writes.

const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const decodeByte = (b: number) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b));

function decodeHex(hex: string): string {
  let out = '';
  for (let i = 0; i + 1 < hex.length; i += 2) out += decodeByte(parseInt(hex.slice(i, i + 2), 16));
  return out;
}

function decodeLiteral(s: string): string {
  return s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_m, e: string) =>
    /^[0-7]+$/.test(e) ? decodeByte(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e,
  );
}

/**
 * The text drawn on the pages of a PDF: each content stream is inflated
 * when compressed (/FlateDecode), then the strings of its Tj and TJ text
 * operators are decoded (the standard fonts use Windows-1252). One line per
 * text operator.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  const streamRe = /<<([^]*?)>>\s*stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = streamRe.exec(raw))) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    let bytes = pdf.subarray(start, end);
    if (/\/FlateDecode/.test(m[1])) {
      try {
        bytes = inflateSync(bytes);
      } catch {
        continue; // not a content stream we can read (fonts are not used here)
      }
    }
    const content = bytes.toString('latin1');
    for (const op of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\((?:\\.|[^\\)])*\)|\s|-?\d+(?:\.\d+)?)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g)) {
      if (op[1] !== undefined) {
        const parts = [...op[1].matchAll(/<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)/g)].map((p) => (p[1] !== undefined ? decodeHex(p[1]) : decodeLiteral(p[2])));
        lines.push(parts.join(''));
      } else if (op[2] !== undefined) lines.push(decodeHex(op[2]));
      else lines.push(decodeLiteral(op[3]));
    }
  }
  return lines.join('\n');
}
