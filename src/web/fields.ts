// zod building blocks for form fields. Form values arrive as strings (or are
// missing); each block turns them into typed values with a message a
// musician understands.
import { z } from 'zod';
import { isIsoDate, parseDuration } from '../lib/dates.ts';
import { isCurrency } from '../lib/money.ts';

const limit = (label: string, max: number) => `${label} can be at most ${max.toLocaleString('en-US')} characters.`;

/** Anything that is not a string (a repeated field, a nested object) counts as empty. */
const asString = (value: unknown) => (typeof value === 'string' ? value : value == null ? undefined : '');

export const requiredText = (label: string, max: number, message = `Enter ${label.toLowerCase()}.`) =>
  z.preprocess(asString, z.string({ message }).trim().min(1, { message }).max(max, { message: limit(label, max) }));

export const optionalText = (label: string, max: number) =>
  z.preprocess(asString, z.string().trim().max(max, { message: limit(label, max) }).default(''));

export const isoDate = (message = 'Enter a date like 2026-11-26.') =>
  z.preprocess(asString, z.string({ message }).trim().refine(isIsoDate, { message: 'Enter a real date like 2026-11-26.' }));

export const optionalIsoDate = (message = 'Enter a real date like 2026-11-26, or leave it empty.') =>
  z.preprocess(
    asString,
    z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || isIsoDate(v), { message })
      .transform((v) => (v === '' ? null : v)),
  );

export const optionalTime = () =>
  z.preprocess(
    asString,
    z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || /^([01]\d|2[0-3]):[0-5]\d$/.test(v), { message: 'Enter a time like 14:30, or leave it empty.' })
      .transform((v) => (v === '' ? null : v)),
  );

/** Hours as "3", "3:45" or "3.5" → minutes, or null when empty. */
export const optionalDuration = () =>
  z.preprocess(
    asString,
    z
      .string()
      .trim()
      .default('')
      .transform((v, ctx) => {
        if (v === '') return null;
        const minutes = parseDuration(v);
        if (minutes === null || minutes <= 0 || minutes > 24 * 60) {
          ctx.addIssue({ code: 'custom', message: 'Enter hours like 3, 3:45 or 3.5 (at most 24).' });
          return z.NEVER;
        }
        return minutes;
      }),
  );

export const checkbox = () => z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

export const choice = <T extends string>(values: readonly [T, ...T[]], message: string) =>
  z.preprocess(asString, z.enum(values, { message }));

export const currency = () =>
  z.preprocess(
    asString,
    z
      .string({ message: 'Enter a currency code like USD.' })
      .trim()
      .toUpperCase()
      .refine(isCurrency, { message: 'Use a three-letter ISO 4217 currency code, like USD or EUR.' }),
  );

/** A positive whole number (an id in a select), or null when empty. */
export const optionalId = (message = 'Choose from the list.') =>
  z.preprocess(
    asString,
    z
      .string()
      .trim()
      .default('')
      .refine((v) => v === '' || /^[1-9]\d{0,9}$/.test(v), { message })
      .transform((v) => (v === '' ? null : Number(v))),
  );

export const wholeNumber = (label: string, min: number, max: number) =>
  z.preprocess(
    asString,
    z
      .string({ message: `Enter ${label.toLowerCase()}.` })
      .trim()
      .regex(/^\d{1,9}$/, { message: `Enter ${label.toLowerCase()} as a whole number.` })
      .transform(Number)
      .refine((n) => n >= min && n <= max, { message: `${label} must be between ${min} and ${max}.` }),
  );
