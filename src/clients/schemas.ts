// The client form, the list filters and the merge form.
import { pageParam } from '../web/pager.ts';
import { z } from 'zod';
import { clientKinds } from '../domain/vocabulary.ts';
import { choice, optionalId, optionalText, requiredText } from '../web/fields.ts';
import { text } from '../web/forms.ts';

export const CLIENT_NAME_MAX = 120;
export const CLIENT_NOTES_MAX = 5000;

const optionalEmail = () =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v : v == null ? undefined : ''),
    z
      .string()
      .trim()
      .max(254, { message: 'Email addresses are at most 254 characters.' })
      .default('')
      .refine((v) => v === '' || z.email().safeParse(v).success, { message: 'Enter an email address like name@example.com, or leave it empty.' }),
  );

/** New and edit share one schema; `organizationId` is checked against the musician's clients by the route. */
export const clientSchema = z.object({
  kind: choice(clientKinds.values, 'Choose what kind of client this is.'),
  name: requiredText('Name', CLIENT_NAME_MAX, 'Enter a name for this client.'),
  company: optionalText('Company', CLIENT_NAME_MAX),
  organizationId: optionalId('Choose an organisation from your list of clients.'),
  email: optionalEmail(),
  phone: optionalText('Phone', 40),
  city: optionalText('City', 120),
  notes: optionalText('Notes', CLIENT_NOTES_MAX),
});

export type ClientInput = z.output<typeof clientSchema>;

export const mergeSchema = z.object({
  intoId: optionalId('Choose the client to keep from the list.').refine((v) => v !== null, {
    message: 'Choose the client to keep.',
  }),
});

export const PAGE_SIZE = 50;
export const HISTORY_PAGE_SIZE = 25;

export type ClientListFilter = {
  q: string;
  kind: string;
  archived: boolean;
  page: number;
};

/**
 * The list filters as they arrive in the URL. Anything unreadable falls back
 * to "no filter" rather than an error page: a bookmarked or hand-edited URL
 * still shows the list.
 */
export function readListFilter(query: Record<string, unknown>): ClientListFilter {
  const q = text(query.q).trim().slice(0, 100);
  const kindRaw = text(query.kind);
  const kind = (clientKinds.values as readonly string[]).includes(kindRaw) ? kindRaw : '';
  return { q, kind, archived: text(query.archived) === '1', page: pageParam(query.page) };
}

/** The URL of the list with these filters (empty ones left out), so page links keep them. */
export function listUrl(filter: ClientListFilter, page = filter.page): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.archived) params.set('archived', '1');
  if (page > 1) params.set('page', String(page));
  const qs = params.toString();
  return qs ? `/clients?${qs}` : '/clients';
}
