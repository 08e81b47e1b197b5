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

function decodeLiteral(s: string): string {
  return s.replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_m, e: string) =>
    /^[0-7]+$/.test(e) ? decodeByte(parseInt(e, 8)) : ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e,
  );
}

/** Glyph code (4 hex digits) → text, from a ToUnicode CMap (bfchar and bfrange). */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  const utf16 = (hex: string) => String.fromCharCode(...(hex.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16)));
  for (const block of cmap.matchAll(/beginbfchar([^]*?)endbfchar/g)) {
    for (const [, code, dst] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(code, 16), utf16(dst));
  }
  for (const block of cmap.matchAll(/beginbfrange([^]*?)endbfrange/g)) {
    for (const [, lo, hi, dst] of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const from = parseInt(lo, 16);
      const to = parseInt(hi, 16);
      if (dst.startsWith('[')) [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((d, k) => map.set(from + k, utf16(d[1])));
      else for (let c = from, u = parseInt(dst.slice(1, -1), 16); c <= to; c++, u++) map.set(c, String.fromCharCode(u));
    }
  }
  return map;
}

/**
 * The text drawn on the pages of a PDF, one line per text operator. Streams
 * are inflated when compressed (/FlateDecode); the strings of the Tj and TJ
 * operators are decoded with the current font's ToUnicode map (embedded
 * fonts, two bytes per glyph), or as Windows-1252 (the standard fonts).
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: string | null }>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([^]*?)endobj/g)) {
    const body = m[2];
    const at = body.search(/stream\r?\n/);
    if (at < 0) {
      objects.set(Number(m[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, at);
    const start = m.index! + m[0].indexOf(body) + body.slice(at).indexOf('\n') + at + 1;
    let bytes = pdf.subarray(start, raw.indexOf('endstream', start));
    if (/\/FlateDecode/.test(dict)) {
      try {
        bytes = inflateSync(bytes);
      } catch {
        bytes = Buffer.alloc(0); // a font program, not text
      }
    }
    objects.set(Number(m[1]), { dict, stream: bytes.toString('latin1') });
  }
  // Resource names (/F2) → the font's ToUnicode map, or null for a standard font.
  const fonts = new Map<string, Map<number, string> | null>();
  for (const { dict } of objects.values()) {
    const fontDict = /\/Font\s*<<([^]*?)>>/.exec(dict);
    if (!fontDict) continue;
    for (const [, name, ref] of fontDict[1].matchAll(/\/(\S+)\s+(\d+) 0 R/g)) {
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(ref))?.dict ?? '');
      fonts.set(name, toUnicode ? parseToUnicode(objects.get(Number(toUnicode[1]))?.stream ?? '') : null);
    }
  }
  const lines: string[] = [];
  for (const { stream } of objects.values()) {
    if (!stream || !/T[jJ]/.test(stream)) continue;
    let font: Map<number, string> | null = null;
    const decodeHex = (hex: string) =>
      font
        ? (hex.match(/.{4}/g) ?? []).map((h) => font!.get(parseInt(h, 16)) ?? '\ufffd').join('')
        : (hex.match(/.{2}/g) ?? []).map((h) => decodeByte(parseInt(h, 16))).join('');
    const ops = /\/(\S+)\s+[\d.]+\s+Tf|\[((?:<[0-9a-fA-F]*>|\((?:\\.|[^\\)])*\)|\s|-?\d+(?:\.\d+)?)*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g;
    for (const op of stream.matchAll(ops)) {
      if (op[1] !== undefined) font = fonts.get(op[1]) ?? null;
      else if (op[2] !== undefined) {
        const parts = [...op[2].matchAll(/<([0-9a-fA-F]*)>|\(((?:\\.|[^\\)])*)\)/g)].map((p) => (p[1] !== undefined ? decodeHex(p[1]) : decodeLiteral(p[2])));
        lines.push(parts.join(''));
      } else if (op[3] !== undefined) lines.push(decodeHex(op[3]));
      else lines.push(decodeLiteral(op[4]));
    }
  }
  return lines.join('\n');
}
