// Hand-built data for the clients tests: gigs with fee lines, payments with
// allocations, written straight through Prisma so the figures are known exactly.
export { signUpWithId } from '../support/app.ts';
export { makeGig, makePayment } from '../support/ledger.ts';

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
