// The outreach forms (new/edit, "done") and the log's filters.
import { z } from 'zod';
import { outreachChannels } from '../domain/vocabulary.ts';
import { choice, isoDate, optionalId, optionalIsoDate, optionalText, requiredText } from '../web/fields.ts';
import { checkSelectionLink, SELECTION_MAX } from './selection.ts';

export const OUTREACH_PAGE_SIZE = 50;
export const CONTACT_MAX = 120;
export const OUTCOME_MAX = 200;
export const NOTES_MAX = 5000;
const SEARCH_MAX = 100;

const outcomeExample = 'like “Booked for March” or “No reply”';

/**
 * The entry form. Built per request: the contact date can't be after the
 * musician's today, and the selection must be a link to their own public page
 * on this site (slug and host).
 */
export function outreachSchema(context: { today: string; slug: string; host: string; protocol?: string }) {
  return z
    .object({
      clientId: optionalId('Choose a client from your list.'),
      clientName: optionalText('Client', CONTACT_MAX),
      contactName: optionalText('Contact person', CONTACT_MAX),
      contactedOn: isoDate('Enter the day you contacted them.'),
      channel: choice(outreachChannels.values, 'Choose how you contacted them.'),
      selection: optionalText('The link', SELECTION_MAX),
      followUpOn: optionalIsoDate(),
      outcome: optionalText('Outcome', OUTCOME_MAX),
      notes: optionalText('Notes', NOTES_MAX),
    })
    .transform((form, ctx) => {
      if (form.clientId === null && form.clientName === '' && form.contactName === '') {
        ctx.addIssue({ code: 'custom', path: ['clientName'], message: 'Who did you contact? Pick a client, type a new name, or enter a contact person.' });
      }
      if (form.contactedOn > context.today) {
        ctx.addIssue({ code: 'custom', path: ['contactedOn'], message: 'The contact date can’t be in the future.' });
      }
      if (form.followUpOn && form.followUpOn < form.contactedOn) {
        ctx.addIssue({ code: 'custom', path: ['followUpOn'], message: 'The follow-up can’t be before the day you contacted them.' });
      }
      const link = checkSelectionLink(form.selection, context);
      if (!link.ok) {
        ctx.addIssue({ code: 'custom', path: ['selection'], message: link.error });
        return z.NEVER;
      }
      return { ...form, selection: link.path };
    });
}

export type OutreachInput = z.output<ReturnType<typeof outreachSchema>>;

/** "Mark handled" on a due follow-up: a short outcome is what closes it. */
export const doneSchema = z.object({
  outcome: requiredText('Outcome', OUTCOME_MAX, `Write a short outcome, ${outcomeExample}.`),
});

export type OutreachState = 'open' | 'answered';
export const outreachStates: { value: OutreachState | ''; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'open', label: 'Open (no outcome yet)' },
  { value: 'answered', label: 'Answered (has an outcome)' },
];

export type OutreachFilter = { state: OutreachState | null; q: string; page: number };

const one = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** The log's filters from the URL; unreadable values are ignored (an old link still shows a page). */
export function parseOutreachFilter(query: Record<string, unknown>): OutreachFilter {
  const state = one(query.state);
  const page = one(query.page);
  return {
    state: state === 'open' || state === 'answered' ? state : null,
    q: one(query.q).replace(/\s+/g, ' ').slice(0, SEARCH_MAX),
    page: /^[1-9]\d{0,5}$/.test(page) ? Number(page) : 1,
  };
}

/** "?state=open&q=figtree", or "" for none. */
export function outreachQuery(f: OutreachFilter, overrides: Partial<OutreachFilter> = {}): string {
  const g = { ...f, ...overrides };
  const params = new URLSearchParams();
  if (g.state) params.set('state', g.state);
  if (g.q) params.set('q', g.q);
  if (g.page > 1) params.set('page', String(g.page));
  const s = params.toString().replace(/\+/g, '%20');
  return s ? `?${s}` : '';
}

export { outcomeExample };
