// Forms of the royalties feature: agreements (points on a recording) and
// statements (royalty money received), plus the statements list's filters.
// Ids picked from selects are only checked for shape here; that they belong
// to the musician is checked against the database by queries.ts.
import { z } from 'zod';
import { royaltySources } from '../domain/vocabulary.ts';
import { isCurrency, parseMoney } from '../lib/money.ts';
import { isIsoDate } from '../lib/dates.ts';
import { checkbox, choice, currency, optionalId, optionalIsoDate, optionalText } from '../web/fields.ts';
import { text } from '../web/forms.ts';
import { parsePoints } from './points.ts';

export const BASIS_MAX = 120;
export const REFERENCE_MAX = 120;
export const NOTES_MAX = 2000;

/** Offered under the basis field; the musician may type anything the contract says. */
export const basisSuggestions = ['PPD', 'Net receipts', 'Retail', 'Producer’s net receipts', 'Wholesale'] as const;

// A field posted twice or as an object is refused with the field's message, not read as empty.
const missingAsEmpty = (v: unknown) => (v == null ? '' : v);

const shortText = (label: string, max: number) =>
  z.preprocess(
    missingAsEmpty,
    z
      .string({ message: `Enter ${label.toLowerCase()} once.` })
      .trim()
      .max(max, { message: `${label} can be at most ${max} characters.` }),
  );

/** A required date whose message says which date is wanted, empty or not. */
const requiredDate = (message: string) =>
  z.preprocess(
    missingAsEmpty,
    z
      .string({ message })
      .trim()
      .min(1, { message })
      .refine(isIsoDate, { message: 'Enter a real date like 2026-11-26.' }),
  );

const pointsField = () =>
  z.preprocess(
    missingAsEmpty,
    z
      .string({ message: 'Enter the rate once, in points, like 1.5.' })
      .trim()
      .max(20, { message: 'Enter the rate in points, like 1.5.' })
      .transform((value, ctx) => {
        const result = parsePoints(value);
        if (result.ok) return result.bps;
        ctx.addIssue({ code: 'custom', message: result.error });
        return z.NEVER;
      }),
  );

/** Reads an amount in the form's currency; adds the message to `field` when it can't. */
function readAmount(
  form: { currency?: unknown },
  value: string,
  field: string,
  ctx: z.RefinementCtx,
  options: { required: boolean },
): number | undefined {
  if (typeof form.currency !== 'string' || !isCurrency(form.currency)) return undefined; // the currency has its own message
  if (value === '' && !options.required) return 0;
  const result = parseMoney(value, form.currency);
  if (result.ok) return result.minor;
  ctx.addIssue({ code: 'custom', path: [field], message: result.error, input: value });
  return undefined;
}

/** An optional amount already checked by readAmount: empty is null (not known), not 0. */
function optionalMinor(value: string, currencyCode: string): number | null {
  if (value === '') return null;
  const parsed = parseMoney(value, currencyCode);
  return parsed.ok ? parsed.minor : null;
}

// ---------------------------------------------------------------------------
// Agreement

export const agreementSchema = z
  .object({
    recordingId: optionalId('Choose a recording from your list.'),
    gigId: optionalId('Choose a gig from the list.'),
    payerId: optionalId('Choose who pays from your clients.'),
    basis: optionalText('Basis', BASIS_MAX),
    rate: pointsField(),
    advance: shortText('Advance', 20),
    currency: currency(),
    recoupable: checkbox(),
    startsOn: optionalIsoDate(),
    notes: optionalText('Notes', NOTES_MAX),
  })
  .superRefine(
    (form, ctx) => {
      // `when` runs this even when other fields failed, so every message shows on the first submit.
      if (typeof form.advance === 'string') readAmount(form, form.advance, 'advance', ctx, { required: false });
      if (form.recordingId === null && form.gigId === null) {
        ctx.addIssue({ code: 'custom', path: ['recordingId'], message: 'Choose the recording this agreement is on, the gig it came from, or both.' });
      }
    },
    { when: () => true },
  )
  .transform((form) => {
    const { advance, rate, ...rest } = form;
    const parsed = advance === '' ? ({ ok: true, minor: 0 } as const) : parseMoney(advance, form.currency);
    return { ...rest, rateBps: rate, advanceMinor: parsed.ok ? parsed.minor : 0 };
  });

export type AgreementInput = z.output<typeof agreementSchema>;

// ---------------------------------------------------------------------------
// Statement

export const statementSchema = z
  .object({
    source: choice(royaltySources.values, 'Choose where this money came from.'),
    agreementId: optionalId('Choose one of your agreements from the list.'),
    recordingId: optionalId('Choose a recording from your list.'),
    payerId: optionalId('Choose who paid from your clients.'),
    periodStart: requiredDate('Enter the first day of the period, like 2026-01-01.'),
    periodEnd: requiredDate('Enter the last day of the period, like 2026-06-30.'),
    amount: shortText('Amount', 40),
    basisAmount: shortText('Basis amount', 40),
    earned: shortText('Royalties earned', 40),
    currency: currency(),
    receivedOn: requiredDate('Enter the date the money arrived, like 2026-11-26.'),
    reference: optionalText('Reference', REFERENCE_MAX),
    notes: optionalText('Notes', NOTES_MAX),
  })
  .superRefine(
    (form, ctx) => {
      if (typeof form.amount === 'string') readAmount(form, form.amount, 'amount', ctx, { required: true });
      if (typeof form.basisAmount === 'string') readAmount(form, form.basisAmount, 'basisAmount', ctx, { required: false });
      if (typeof form.earned === 'string') readAmount(form, form.earned, 'earned', ctx, { required: false });
      if (typeof form.periodStart === 'string' && typeof form.periodEnd === 'string' && isIsoDate(form.periodStart) && isIsoDate(form.periodEnd) && form.periodEnd < form.periodStart) {
        ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'The period can’t end before it starts.' });
      }
      if (form.agreementId != null && (form.source === 'nonfeatured_fund' || form.source === 'other')) {
        ctx.addIssue({
          code: 'custom',
          path: ['agreementId'],
          message: 'Only money under an agreement names one: clear the agreement, or choose “Under an agreement” as the source.',
        });
      }
    },
    { when: () => true },
  )
  .transform((form) => {
    const { amount, basisAmount, earned, ...rest } = form;
    const parsed = parseMoney(amount, form.currency);
    return { ...rest, amountMinor: parsed.ok ? parsed.minor : 0, basisAmountMinor: optionalMinor(basisAmount, form.currency), earnedMinor: optionalMinor(earned, form.currency) };
  });

export type StatementInput = z.output<typeof statementSchema>;

// ---------------------------------------------------------------------------
// The statements list's filters, from the URL. Unreadable values mean "no filter".

export const STATEMENTS_PER_PAGE = 25;

export type StatementFilter = {
  year: string | null;
  payerId: number | null;
  source: string | null;
  page: number;
};

export function readStatementFilter(query: Record<string, unknown>): StatementFilter {
  const year = text(query.year).trim();
  const payer = text(query.payerId).trim();
  const source = text(query.source).trim();
  const page = text(query.page).trim();
  return {
    year: /^(19|20|21)\d\d$/.test(year) ? year : null,
    payerId: /^[1-9]\d{0,9}$/.test(payer) && Number(payer) <= 2_147_483_647 ? Number(payer) : null,
    source: (royaltySources.values as readonly string[]).includes(source) ? source : null,
    page: /^[1-9]\d{0,5}$/.test(page) ? Number(page) : 1,
  };
}

/** The query string of a filter (for page links and the CSV link), with overrides. */
export function statementFilterQuery(filter: StatementFilter, overrides: Partial<StatementFilter> = {}): string {
  const f = { ...filter, ...overrides };
  const params = new URLSearchParams();
  if (f.year) params.set('year', f.year);
  if (f.payerId) params.set('payerId', String(f.payerId));
  if (f.source) params.set('source', f.source);
  if (f.page > 1) params.set('page', String(f.page));
  const s = params.toString();
  return s ? `?${s}` : '';
}
