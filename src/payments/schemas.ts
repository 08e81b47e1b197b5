// The payment form and the payments list's filters.
//
// The form has two parts. The payment itself (client, amount, currency, date,
// method, reference, notes) is checked here by zod. The allocation — how much
// of it settles each open gig — arrives as one field per listed gig,
// `alloc_<gigId>` (flat names: qs would turn `alloc[12]` into a compacted
// array for small ids and lose which gig a value was for); those strings are
// read by `readAllocations` once the currency is known, and checked against
// the gigs' open balances by src/payments/queries.ts inside the write.
import { z } from 'zod';
import { paymentMethods } from '../domain/vocabulary.ts';
import { parseMoney, parseMoneyOrIssue } from '../lib/money.ts';
import { choice, currency, isoDate, optionalId, optionalText } from '../web/fields.ts';
import { text, type FieldErrors, type FormValues } from '../web/forms.ts';

export const REFERENCE_MAX = 120;
export const NOTES_MAX = 2000;
export const PAYMENTS_PER_PAGE = 50;

export const paymentSchema = z
  .object({
    clientId: optionalId('Choose who paid from your list of clients.').refine((v) => v !== null, { message: 'Choose who paid.' }),
    amount: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
    currency: currency(),
    receivedOn: isoDate('Enter the date the money arrived.'),
    method: choice(paymentMethods.values, 'Choose how it was paid.'),
    reference: optionalText('Reference', REFERENCE_MAX),
    notes: optionalText('Notes', NOTES_MAX),
  })
  .transform((form, ctx) => {
    const amountMinor = parseMoneyOrIssue(ctx, form.amount, form.currency, ['amount']);
    if (amountMinor === 0) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'Enter the amount received: more than zero.' });
    }
    if (amountMinor === undefined || amountMinor === 0) return z.NEVER;
    const { amount: _typed, ...rest } = form;
    return { ...rest, clientId: form.clientId!, amountMinor };
  });

export type PaymentFields = z.output<typeof paymentSchema>;

export const ALLOCATION_FIELD = /^alloc_([1-9]\d{0,9})$/;

/** The form field of one gig's allocation. */
export const allocationField = (gigId: number) => `alloc_${gigId}`;

export type AllocationRead =
  | { ok: true; empty: true }
  | { ok: true; empty: false; allocations: { gigId: number; amountMinor: number }[] }
  | { ok: false; errors: FieldErrors };

/**
 * The `alloc_<gigId>` fields of a posted form, as minor units of `currency`.
 * A blank field is zero; when every field is blank (or there are none) the
 * result says so, and the caller decides what that means (new payment:
 * settle the oldest gigs first). Only the format is checked here.
 */
export function readAllocations(values: FormValues, currency: string): AllocationRead {
  const errors: FieldErrors = {};
  const allocations: { gigId: number; amountMinor: number }[] = [];
  let anyTyped = false;
  for (const [key, raw] of Object.entries(values)) {
    const match = ALLOCATION_FIELD.exec(key);
    if (!match) continue;
    const typed = text(raw).trim();
    if (typed === '') continue;
    anyTyped = true;
    const parsed = parseMoney(typed, currency);
    if (!parsed.ok) errors[key] = parsed.error;
    else allocations.push({ gigId: Number(match[1]), amountMinor: parsed.minor });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  if (!anyTyped) return { ok: true, empty: true };
  return { ok: true, empty: false, allocations };
}

/** True when any allocation field of the form holds something. */
export function hasTypedAllocation(values: FormValues): boolean {
  return Object.entries(values).some(([key, raw]) => ALLOCATION_FIELD.test(key) && text(raw).trim() !== '');
}

// ---------------------------------------------------------------------------
// The list's filters, read from the URL: anything unreadable is ignored.

export type PaymentFilter = {
  clientId: number | null;
  year: string | null;
  method: string | null;
  page: number;
};

export function readPaymentFilter(query: Record<string, unknown>): PaymentFilter {
  const one = (v: unknown) => text(v).trim();
  const clientId = /^[1-9]\d{0,9}$/.test(one(query.clientId)) ? Number(one(query.clientId)) : null;
  const year = /^(19|20|21)\d\d$/.test(one(query.year)) ? one(query.year) : null;
  const method = (paymentMethods.values as readonly string[]).includes(one(query.method)) ? one(query.method) : null;
  const page = /^[1-9]\d{0,5}$/.test(one(query.page)) ? Number(one(query.page)) : 1;
  return { clientId, year, method, page };
}

/** The query string of a filter (empty parts left out), for page links and the CSV link. */
export function paymentFilterQuery(filter: PaymentFilter, overrides: Partial<PaymentFilter> = {}): string {
  const f = { ...filter, ...overrides };
  const params = new URLSearchParams();
  if (f.clientId) params.set('clientId', String(f.clientId));
  if (f.year) params.set('year', f.year);
  if (f.method) params.set('method', f.method);
  if (f.page > 1) params.set('page', String(f.page));
  const s = params.toString();
  return s ? `?${s}` : '';
}
