// The gig form: one schema serves the quick log, the full edit form, the
// re-render after an error, and the CSV import.
import { z } from 'zod';
import { parseMoneyOrIssue } from '../lib/money.ts';
import { bFormTypes, gigKinds, gigStatuses, lineItemKinds } from '../domain/vocabulary.ts';
import {
  checkbox,
  choice,
  currency,
  isoDate,
  optionalDuration,
  optionalId,
  optionalIsoDate,
  optionalText,
  optionalTime,
} from '../web/fields.ts';

export const MAX_LINE_ITEMS = 20;

const lineItemRow = z.object({
  kind: z.unknown().optional(),
  description: z.unknown().optional(),
  amount: z.unknown().optional(),
});

export const gigSchema = z
  .object({
    date: isoDate('Enter the date of the gig.'),
    startTime: optionalTime(),
    hours: optionalDuration(),
    kind: choice(gigKinds.values, 'Choose what kind of gig this was.'),
    status: choice(gigStatuses.values, 'Choose a status.'),
    clientId: optionalId('Choose a client from your list.'),
    clientName: optionalText('Client', 120),
    payerName: optionalText('Who pays', 120),
    title: optionalText('Title / project', 200),
    artist: optionalText('Artist', 200),
    location: optionalText('Location', 200),
    instruments: optionalText('Instruments', 300),
    union: checkbox(),
    bFormType: z.preprocess((v) => (v === undefined ? '' : v), z.enum(['', ...bFormTypes.values], { message: 'Choose a B-form type from the list.' })),
    bFormFiled: checkbox(),
    workForHire: checkbox(),
    notes: optionalText('Notes', 5000),
    dueDate: optionalIsoDate(),
    currency: currency(),
    items: z
      .array(lineItemRow, { message: 'The fees could not be read; please enter them again.' })
      .max(MAX_LINE_ITEMS, { message: `A gig can have at most ${MAX_LINE_ITEMS} fee lines.` })
      .default([]),
  })
  .transform((form, ctx) => {
    const items: { kind: string; description: string; amountMinor: number }[] = [];
    form.items.forEach((row, i) => {
      const kind = typeof row.kind === 'string' ? row.kind : 'base_fee';
      const description = typeof row.description === 'string' ? row.description.trim() : '';
      const amount = typeof row.amount === 'string' ? row.amount.trim() : '';
      // A row the user left blank is not a fee; a row with a description but no amount is a mistake to point out.
      if (amount === '' && description === '') return;
      if (!(lineItemKinds.values as readonly string[]).includes(kind)) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'kind'], message: 'Choose what this fee is for.' });
        return;
      }
      if (description.length > 200) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'description'], message: 'Descriptions can be at most 200 characters.' });
        return;
      }
      const amountMinor = parseMoneyOrIssue(ctx, amount, form.currency, ['items', i, 'amount']);
      if (amountMinor !== undefined) items.push({ kind, description, amountMinor });
    });
    if (form.dueDate && form.dueDate < form.date) {
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'The due date cannot be before the gig.' });
    }
    if (form.bFormFiled && !form.union) {
      ctx.addIssue({ code: 'custom', path: ['bFormFiled'], message: 'B-forms are filed for union sessions: tick "Union session" too.' });
    }
    if (form.clientId === null && form.clientName === '' && form.status !== 'hold') {
      // Holds can be jotted down before anyone is named; booked work has a client.
      ctx.addIssue({ code: 'custom', path: ['clientName'], message: 'Who booked this gig? Pick a client or type a new name.' });
    }
    const { items: _rows, hours, ...gig } = form;
    return { ...gig, durationMinutes: hours, items };
  });

export type GigInput = z.output<typeof gigSchema>;
