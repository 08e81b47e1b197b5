// The invoice as a PDF, drawn on the server with pdfkit. Nothing is
// downloaded and no browser is needed.
//
// The text is set in DejaVu Sans (regular and bold, from the dejavu-fonts-ttf
// package, embedded as subsets): it covers Latin with every accent (Łódź,
// Dvořák, Őrség), Greek, Cyrillic and the currency signs (₹ ₩ ₽ ₺ ₪), so
// names and addresses print as typed. pdfkit's built-in Helvetica only knows
// Windows-1252. A character the font lacks (Chinese, Japanese…) is written as
// close as it can be ("ǅ" → "DŽ") or as "?", and an amount whose currency sign
// is missing is written with the ISO code instead, so nothing prints as an
// empty box. The HTML page shows everything exactly.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type PDFKitDocument from 'pdfkit';
import { formatMoney, formatDecimal } from '../lib/money.ts';
import { gigKinds, paymentMethods } from '../domain/vocabulary.ts';
import { viewHelpers } from '../web/view-helpers.ts';
import { fundLabel, invoiceStatusLabel, lineLabel, type InvoiceDocument } from './queries.ts';

/** Whether the invoice's fonts can draw a character. */
export type Covers = (ch: string) => boolean;

// Letters with a stroke have no decomposition to strip: their plain forms.
const STROKED: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', Ŧ: 'T', ŧ: 't', ı: 'i', Ŀ: 'L', ŀ: 'l' };

/** Text the fonts can draw: a character they lack loses its accents or becomes "?". */
export function pdfSafe(text: string, covers: Covers): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n').replace(/\t/g, ' ')) {
    if (ch === '\n' || covers(ch)) out += ch;
    else if (ch === '\u202f' || ch === '\u2009' || ch === '\u2007') out += '\u00a0';
    else if (ch === '\u2212') out += '-';
    else if (STROKED[ch] && covers(STROKED[ch])) out += STROKED[ch];
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base && [...base].every(covers) ? base : '?';
    }
  }
  return out;
}

const codeFormatters = new Map<string, Intl.NumberFormat>();

/** "$1,250.50", or "XYZ 1,250.50" when the currency sign is not in the fonts. */
export function pdfMoney(minor: number, currency: string, covers: Covers): string {
  const text = formatMoney(minor, currency);
  if ([...text].every(covers)) return text;
  let f = codeFormatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat('en-US', { style: 'currency', currency, currencyDisplay: 'code' });
    codeFormatters.set(currency, f);
  }
  return pdfSafe(f.format(formatDecimal(minor, currency) as `${number}`), covers);
}

export type InvoiceFonts = { regular: Buffer; bold: Buffer; covers: Covers };

let fonts: Promise<InvoiceFonts> | null = null;

/** DejaVu Sans and DejaVu Sans Bold, read once, with what both can draw. */
export function invoiceFonts(): Promise<InvoiceFonts> {
  fonts ??= (async () => {
    const resolve = createRequire(import.meta.url).resolve;
    const [regular, bold] = await Promise.all(['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => readFile(resolve(`dejavu-fonts-ttf/ttf/${file}`))));
    const { create } = await import('fontkit');
    const faces = [create(regular), create(bold)];
    const known = new Map<string, boolean>();
    const covers: Covers = (ch) => {
      let yes = known.get(ch);
      if (yes === undefined) {
        const code = ch.codePointAt(0)!;
        yes = code >= 0x20 && faces.every((face) => face.hasGlyphForCodePoint(code));
        known.set(ch, yes);
      }
      return yes;
    };
    return { regular, bold, covers };
  })();
  return fonts;
}

export type PageSize = 'A4' | 'LETTER';

/** Letter where it is the usual paper (the US, Canada, Mexico), A4 everywhere else. */
export function pageSizeFor(homeCurrency: string): PageSize {
  return ['USD', 'CAD', 'MXN'].includes(homeCurrency) ? 'LETTER' : 'A4';
}

const INK = '#000000';
const MUTED = '#444444';
const RULE = '#999999';
const MARGIN = 54; // 0.75 in
const AMOUNT_WIDTH = 120;
const BODY = 'DejaVuSans';
const BOLD = 'DejaVuSans-Bold';

// pdfkit reads its fonts' metrics when imported (~20 MB of memory): it is
// loaded when the first PDF is asked for, not at start-up.
let pdfkit: Promise<typeof PDFKitDocument> | null = null;
const loadPdfkit = () => (pdfkit ??= import('pdfkit').then((m) => m.default as typeof PDFKitDocument));

/** Renders the invoice; resolves with the PDF bytes. */
export async function renderInvoicePdf(doc: InvoiceDocument, options: { pageSize: PageSize; musicianName: string }): Promise<Buffer> {
  const [PDFDocument, { regular, bold, covers }] = await Promise.all([loadPdfkit(), invoiceFonts()]);
  const safe = (text: string) => pdfSafe(text, covers);
  const { invoice, summary } = doc;
  const pdf = new PDFDocument({
    size: options.pageSize,
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // The document's properties are not drawn: any text is fine there.
    info: { Title: `Invoice ${invoice.number}`, Author: options.musicianName, Subject: `Invoice ${invoice.number}` },
  });
  pdf.registerFont(BODY, regular);
  pdf.registerFont(BOLD, bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const left = MARGIN;
  const width = pdf.page.width - 2 * MARGIN;
  const right = left + width;
  const bottom = () => pdf.page.height - MARGIN; // the page footer sits inside the bottom margin
  const money = (minor: number) => pdfMoney(minor, invoice.currency, covers);
  const ensure = (height: number) => {
    if (pdf.y + height > bottom()) pdf.addPage();
  };
  const rule = (color = RULE) => {
    pdf.moveTo(left, pdf.y).lineTo(right, pdf.y).lineWidth(0.6).strokeColor(color).stroke();
  };
  const label = (text: string, x: number, y: number, w: number) => {
    pdf.font(BOLD).fontSize(8).fillColor(MUTED).text(safe(text.toUpperCase()), x, y, { width: w, characterSpacing: 0.6 });
  };

  /** A row: text on the left (wrapping), an amount on the right. */
  const row = (text: string, amount: string, style: { bold?: boolean; size?: number; muted?: boolean } = {}) => {
    const size = style.size ?? 10;
    const font = style.bold ? BOLD : BODY;
    pdf.font(font).fontSize(size);
    const textWidth = width - AMOUNT_WIDTH - 12;
    const drawn = safe(text);
    const h = Math.max(pdf.heightOfString(drawn, { width: textWidth }), pdf.heightOfString(amount || ' ', { width: AMOUNT_WIDTH }));
    ensure(h + 4);
    const y = pdf.y;
    pdf.fillColor(style.muted ? MUTED : INK).text(drawn, left, y, { width: textWidth });
    pdf.font(font).fontSize(size).fillColor(style.muted ? MUTED : INK).text(amount, right - AMOUNT_WIDTH, y, { width: AMOUNT_WIDTH, align: 'right' });
    pdf.x = left;
    pdf.y = y + h + 4;
  };

  // ---- Heading: INVOICE and its number
  const top = pdf.y;
  pdf.font(BOLD).fontSize(24).fillColor(INK).text('INVOICE', left, top, { width: width / 2 });
  pdf.font(BOLD).fontSize(14).text(safe(invoice.number), left + width / 2, top + 6, { width: width / 2, align: 'right' });
  if (summary.status === 'void') {
    pdf.font(BOLD).fontSize(12).text('VOID — not payable', left + width / 2, pdf.y + 2, { width: width / 2, align: 'right' });
  }
  pdf.x = left;
  pdf.y = Math.max(pdf.y, top + 34) + 14;

  // ---- From and bill to, side by side
  const colWidth = (width - 24) / 2;
  const partiesTop = pdf.y;
  label('From', left, partiesTop, colWidth);
  pdf.font(BODY).fontSize(10).fillColor(INK).text(safe(invoice.fromText || options.musicianName), left, partiesTop + 13, { width: colWidth });
  const fromBottom = pdf.y;
  label('Bill to', left + colWidth + 24, partiesTop, colWidth);
  pdf.font(BODY).fontSize(10).fillColor(INK).text(safe(invoice.billToText || '—'), left + colWidth + 24, partiesTop + 13, { width: colWidth });
  pdf.x = left;
  pdf.y = Math.max(fromBottom, pdf.y) + 16;

  // ---- Number, dates, terms
  const facts: [string, string][] = [
    ['Invoice number', invoice.number],
    ['Issued', viewHelpers.formatDate(invoice.issuedOn)],
    ['Due', viewHelpers.formatDate(invoice.dueOn)],
    ['Currency', invoice.currency],
  ];
  const factWidth = width / facts.length;
  const factsTop = pdf.y;
  facts.forEach(([name, value], i) => {
    label(name, left + i * factWidth, factsTop, factWidth - 8);
    pdf.font(BODY).fontSize(10).fillColor(INK).text(safe(value), left + i * factWidth, factsTop + 13, { width: factWidth - 8 });
  });
  pdf.x = left;
  pdf.y = factsTop + 32;
  if (invoice.terms) {
    pdf.font(BODY).fontSize(10).fillColor(INK).text(safe(`Terms: ${invoice.terms}`), left, pdf.y, { width });
    pdf.moveDown(0.5);
  }
  pdf.moveDown(0.5);

  // ---- The gigs, each with its lines
  ensure(40);
  const headY = pdf.y;
  label('Description', left, headY, width - AMOUNT_WIDTH);
  pdf.font(BOLD).fontSize(8).fillColor(MUTED).text('AMOUNT', right - AMOUNT_WIDTH, headY, { width: AMOUNT_WIDTH, align: 'right', characterSpacing: 0.6 });
  pdf.x = left;
  pdf.moveDown(0.3);
  rule(INK);
  pdf.moveDown(0.5);
  if (doc.gigs.length === 0) {
    row(summary.status === 'void' ? 'This invoice was voided; its gigs were released.' : 'No gigs on this invoice.', '', { muted: true });
  }
  for (const gig of doc.gigs) {
    ensure(48);
    const name = gig.title || gig.artist || gigKinds.labelOf(gig.kind);
    const sub = [gig.title && gig.artist ? gig.artist : '', gigKinds.labelOf(gig.kind), gig.location, gig.status === 'cancelled' ? 'Cancelled' : ''].filter(Boolean).join(' · ');
    row(`${viewHelpers.formatDate(gig.date)} — ${name}`, '', { bold: true });
    if (sub) row(sub, '', { muted: true, size: 9 });
    for (const line of gig.lines) {
      row(lineLabel(line), pdfMoney(line.amountMinor, line.currency, covers));
    }
    if (gig.lines.length === 0) {
      const why = gig.status === 'hold' ? 'it is back on hold' : gig.status === 'cancelled' ? 'it was cancelled without a cancellation fee' : 'it has no fee';
      row(`Nothing is billed for this gig now (${why}).`, '', { muted: true, size: 9 });
    }
    if (gig.otherCurrency && gig.balance) {
      row(`This gig is now in ${gig.balance.currency}, not ${invoice.currency}: it is not included in the total.`, '', { muted: true, size: 9 });
    }
    pdf.moveDown(0.3);
    rule();
    pdf.moveDown(0.5);
  }

  // ---- Totals
  ensure(80);
  row('Total', money(summary.totalMinor), { bold: true, size: 11 });
  if (summary.paidMinor > 0 || doc.payments.length) row('Received', money(-summary.paidMinor));
  if (summary.creditMinor > 0) row('Overpaid (credit with you)', money(summary.creditMinor), { muted: true });
  ensure(30);
  rule(INK);
  pdf.moveDown(0.4);
  row(summary.status === 'void' ? 'Balance due (void: nothing is due)' : 'Balance due', money(summary.status === 'void' ? 0 : summary.balanceMinor), { bold: true, size: 13 });
  pdf.moveDown(0.8);

  // ---- Payments received
  if (doc.payments.length) {
    ensure(40);
    label('Payments received, thank you', left, pdf.y, width);
    pdf.x = left;
    pdf.moveDown(0.2);
    for (const p of doc.payments) {
      const how = [paymentMethods.labelOf(p.method), p.reference].filter(Boolean).join(', ');
      row(`${viewHelpers.formatDate(p.receivedOn)} — ${how}`, pdfMoney(p.amountMinor, p.currency, covers), { size: 9 });
    }
    pdf.moveDown(0.6);
  }

  // ---- Union funds: paid by the employer to the funds, not part of this bill
  if (doc.funds.length) {
    ensure(50);
    label('Paid by you to the union funds (not to me)', left, pdf.y, width);
    pdf.x = left;
    pdf.moveDown(0.2);
    for (const f of doc.funds) row(fundLabel(f.kind), pdfMoney(f.amountMinor, f.currency, covers), { size: 9 });
    pdf.font(BODY).fontSize(8).fillColor(MUTED).text('Not included in the total above.', left, pdf.y, { width });
    pdf.moveDown(0.8);
  }

  // ---- Notes
  if (invoice.notes) {
    ensure(40);
    label('Notes', left, pdf.y, width);
    pdf.x = left;
    pdf.moveDown(0.2);
    pdf.font(BODY).fontSize(10).fillColor(INK).text(safe(invoice.notes), left, pdf.y, { width });
  }

  // ---- Footer on every page
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const footer = safe(`${invoice.number} · ${invoiceStatusLabel(summary.status) === 'Void' ? 'VOID · ' : ''}Page ${i + 1} of ${range.count}`);
    // Writing below the bottom margin must not start a new page: lift the margin for this one line.
    const margin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.font(BODY).fontSize(8).fillColor(MUTED).text(footer, left, pdf.page.height - MARGIN + 8, { width, align: 'center', lineBreak: false });
    pdf.page.margins.bottom = margin;
  }
  pdf.end();
  return done;
}
