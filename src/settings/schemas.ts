import { z } from 'zod';
import { isCurrency } from '../lib/money.ts';
import { checkLink } from '../recordings/links.ts';

const timeZones = new Set(Intl.supportedValuesOf('timeZone'));
timeZones.add('UTC');

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, { message: `${what} can be at most ${max.toLocaleString('en-US')} characters.` })
    .default('');

export const profileSchema = z.object({
  name: z.string({ message: 'Enter your name.' }).trim().min(1, { message: 'Enter your name.' }).max(100, { message: 'Names are at most 100 characters.' }),
  slug: z
    .string({ message: 'Choose the address of your public page.' })
    .trim()
    .toLowerCase()
    .min(2, { message: 'Use at least 2 characters.' })
    .max(40, { message: 'Use at most 40 characters.' })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'Use lowercase letters, digits and single hyphens, like "maya-okafor".' }),
  homeCurrency: z
    .string({ message: 'Choose a currency.' })
    .trim()
    .toUpperCase()
    .refine(isCurrency, { message: 'Use a three-letter ISO 4217 currency code, like USD or EUR.' }),
  timeZone: z
    .string({ message: 'Choose a time zone.' })
    .trim()
    .refine((tz) => timeZones.has(tz), { message: 'Choose a time zone from the list, like America/Los_Angeles.' }),
  paymentTermsDays: z
    .string({ message: 'Enter a number of days.' })
    .trim()
    .regex(/^\d{1,3}$/, { message: 'Enter a whole number of days, like 30.' })
    .transform(Number)
    .refine((n) => n <= 365, { message: 'Payment terms are at most 365 days.' }),
  instruments: optionalText(300, 'Instruments'),
  bio: optionalText(2000, 'Your bio'),
  publicEmail: z
    .string()
    .trim()
    .max(254, { message: 'Email addresses are at most 254 characters.' })
    .default('')
    .refine((v) => v === '' || z.email().safeParse(v).success, { message: 'Enter an email address like name@example.com, or leave it empty.' }),
  publicWebsite: z
    .string()
    .trim()
    .default('')
    .transform((v, ctx) => {
      if (v === '') return '';
      const link = checkLink(v, 'https://your-name.com');
      if (!link.ok) {
        ctx.addIssue({ code: 'custom', message: link.error });
        return z.NEVER;
      }
      return link.url;
    }),
  invoiceDetails: optionalText(2000, 'Invoice details'),
});

export const timeZoneOptions = [...timeZones].sort();
