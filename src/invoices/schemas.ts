// The invoice forms: create, settings (prefix and next number), reminder sent.
import { z } from 'zod';
import { choice, isoDate, optionalIsoDate, optionalText, wholeNumber } from '../web/fields.ts';

export const TERMS_MAX = 500;
export const NOTES_MAX = 2000;
export const PREFIX_MAX = 12;
/** More gigs than anyone puts on one invoice; keeps a forged form small. */
export const MAX_GIGS_PER_INVOICE = 200;
export const MAX_INVOICE_NUMBER = 99_999_999;

const ID = /^[1-9]\d{0,9}$/;

/** Ticked checkboxes arrive as one string, an array of strings, or nothing. */
const gigIds = () =>
  z.preprocess(
    (v) => (v == null || v === '' ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.string({ message: 'Tick the gigs from the list.' }).regex(ID, { message: 'Tick the gigs from the list.' }), {
        message: 'Tick the gigs from the list.',
      })
      .min(1, { message: 'Tick at least one gig to put on the invoice.' })
      .max(MAX_GIGS_PER_INVOICE, { message: `One invoice can hold at most ${MAX_GIGS_PER_INVOICE} gigs.` })
      .transform((ids) => [...new Set(ids.map(Number))]),
  );

export const invoiceSchema = z
  .object({
    clientId: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().regex(ID, { message: 'Choose a client first.' }).transform(Number)),
    gigIds: gigIds(),
    issuedOn: isoDate('Enter the issue date, like 2026-11-26.'),
    dueOn: optionalIsoDate('Enter a real due date like 2026-12-26, or leave it empty for your usual terms.'),
    terms: optionalText('Terms', TERMS_MAX),
    notes: optionalText('Notes', NOTES_MAX),
  })
  .superRefine((form, ctx) => {
    if (form.dueOn && form.dueOn < form.issuedOn) {
      ctx.addIssue({ code: 'custom', path: ['dueOn'], message: 'The due date can’t be before the issue date.' });
    }
  });

export type InvoiceInput = z.output<typeof invoiceSchema>;

export const invoiceSettingsSchema = z.object({
  invoicePrefix: z.preprocess(
    (v) => (typeof v === 'string' ? v : ''),
    z
      .string()
      .trim()
      .max(PREFIX_MAX, { message: `The prefix can be at most ${PREFIX_MAX} characters.` })
      .regex(/^[A-Za-z0-9._\-/#]*$/, { message: 'Use letters, digits and - _ . / # only (no spaces), like INV- or 2026/.' }),
  ),
  nextInvoiceNumber: wholeNumber('The next number', 1, MAX_INVOICE_NUMBER),
});

export const reminderChannels = [
  { value: 'email', label: 'Email' },
  { value: 'message', label: 'Text or direct message' },
  { value: 'phone', label: 'Phone call' },
  { value: 'other', label: 'Other' },
] as const;

export const reminderSchema = z.object({
  channel: choice(['email', 'message', 'phone', 'other'], 'Choose how you sent the reminder.'),
});
