// The import's mapping form: which column holds each of our fields, how dates
// are written, and the currency for rows without one. Rules that depend on
// the file (a column it has, a date format its dates need) are checked in
// readMapping (src/transfer/import.ts) on top of this.
import { z } from 'zod';
import { currency } from '../web/fields.ts';

const asString = (value: unknown) => (typeof value === 'string' ? value : value == null ? undefined : '');

/** A column index from a select ("0", "1", …), or null for "not in the file". */
export const columnChoice = () =>
  z.preprocess(
    asString,
    z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || /^\d{1,4}$/.test(v), { message: 'Choose a column from the list.' })
      .transform((v) => (v === '' ? null : Number(v))),
  );

export const dateFormatChoice = () =>
  z.preprocess(
    asString,
    z
      .enum(['', 'ymd', 'mdy', 'dmy'], { message: 'Choose a date format from the list.' })
      .default('')
      .transform((v) => (v === '' ? null : v)),
  );

export const mappingOptionsSchema = z.object({
  dateFormat: dateFormatChoice(),
  defaultCurrency: currency(),
});
