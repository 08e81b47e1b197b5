// The polite reminder for an overdue invoice: subject, body and a mailto: link.
import { formatMoney } from '../lib/money.ts';

export type ReminderFacts = {
  number: string;
  issuedOn: string;
  dueOn: string;
  currency: string;
  balanceMinor: number;
  paidMinor: number;
  daysLate: number;
  /** Who the invoice is addressed to (the client's name, else the first line of the bill-to). */
  clientName: string;
  musicianName: string;
  musicianEmail: string;
};

/** "5 Nov 2026": the same words in any mail client, whatever its locale. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(y, m - 1, d)));
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function reminderText(f: ReminderFacts): { subject: string; body: string } {
  const due = formatMoney(f.balanceMinor, f.currency);
  const subject = `Reminder: invoice ${f.number} (${due}) is ${plural(f.daysLate, 'day', 'days')} overdue`;
  const lines = [
    `Hello ${f.clientName},`,
    '',
    `I hope all is well. This is a friendly reminder that invoice ${f.number}, issued on ${longDate(f.issuedOn)}, was due on ${longDate(f.dueOn)} and is now ${plural(f.daysLate, 'day', 'days')} late.`,
    '',
    f.paidMinor > 0
      ? `Thank you for the ${formatMoney(f.paidMinor, f.currency)} received so far. The balance still due is ${due}.`
      : `The amount due is ${due}.`,
    '',
    'If the payment is already on its way, please ignore this note, and thank you. Otherwise I’d be grateful if you could let me know when to expect it. The payment details are on the invoice, and I’m happy to send another copy.',
    '',
    'Many thanks,',
    f.musicianName,
    ...(f.musicianEmail ? [f.musicianEmail] : []),
  ];
  return { subject, body: lines.join('\n') };
}

/**
 * mailto: URL (RFC 6068). Subject and body are percent-encoded as UTF-8 with
 * %20 for spaces (never "+", which mail clients show literally) and CRLF line
 * breaks. The address keeps its "@"; anything else that could end the
 * address (?, &, %, #, spaces) is encoded.
 */
export function mailtoUrl(to: string, subject: string, body: string): string {
  const address = encodeURIComponent(to.trim()).replace(/%40/g, '@');
  const crlf = (s: string) => s.replace(/\r\n|\r|\n/g, '\r\n');
  return `mailto:${address}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(crlf(body))}`;
}
