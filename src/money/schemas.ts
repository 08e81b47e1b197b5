// The money pages' forms and query parameters.
import { z } from 'zod';
import { currency, isoDate, optionalIsoDate, requiredText } from '../web/fields.ts';
import { isRate } from '../lib/money.ts';

/** `?asOf=` on the owed page: empty means today. */
export const asOfSchema = z.object({
  asOf: optionalIsoDate('Enter a real date like 2026-11-26, or leave it empty for today.'),
});

/** `?year=` on the tax-year report: empty means this year. */
export const yearSchema = z.object({
  year: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v == null ? '' : 'x'),
    z
      .string()
      .refine((v) => v === '' || (/^\d{4}$/.test(v) && Number(v) >= 1900 && Number(v) <= 2200), { message: 'Enter a year like 2026.' })
      .transform((v) => (v === '' ? null : Number(v))),
  ),
});

/** Digits, an optional point and up to ten decimals: "1.2710", "157", "0.0064". */
const RATE_TEXT = /^\d{1,9}(\.\d{1,10})?$/;

/**
 * A rate from another currency into the musician's home currency, as of a
 * date no later than today. The rate stays the decimal string typed
 * (trimmed): conversions read it with integer arithmetic.
 */
export function rateSchema(home: string, today: string) {
  return z
    .object({
      fromCurrency: currency().refine((v) => v !== home, {
        message: `Rates convert into your home currency (${home}), so choose another currency.`,
      }),
      rate: requiredText('Rate', 20, `Enter the rate: how many ${home} one unit of the other currency buys, like 1.2710.`)
        .refine((v) => RATE_TEXT.test(v), { message: `Enter the rate as a plain decimal number like 1.2710 (a point for decimals, no commas, at most 10 decimals).` })
        .refine((v) => !RATE_TEXT.test(v) || isRate(v), { message: 'A rate must be more than zero.' }),
      asOf: isoDate('Enter the date of the rate, like 2026-11-01.').refine((v) => v <= today, {
        message: 'A rate can’t be dated in the future: enter the date you looked it up, or an earlier one.',
      }),
    })
    .transform((form) => ({ ...form, toCurrency: home }));
}

export type RateInput = z.output<ReturnType<typeof rateSchema>>;
