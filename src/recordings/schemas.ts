// The recording form: one schema for new, edit and the re-render after an
// error. Credits and links arrive as indexed rows (credits[0][role],
// links[1][url]); blank rows are spare rows the musician left empty.
import { z } from 'zod';
import { creditRoles, releaseTypes } from '../domain/vocabulary.ts';
import { checkIsrc, checkIswc } from '../lib/identifiers.ts';
import { checkbox, optionalId, optionalIsoDate, optionalText, requiredText } from '../web/fields.ts';
import { checkLink, type LinkKind } from './links.ts';

export const MAX_CREDITS = 12;
export const MAX_LINKS = 10;
export const TEXT_MAX = 200;
export const INSTRUMENT_MAX = 100;
export const GENRES_MAX = 300;
export const GENRE_MAX = 40;
export const NOTES_MAX = 5000;
export const MAX_DISPLAY_ORDER = 9999;

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** "Soul,  R&B , soul" → "Soul, R&B": trimmed, empty parts and repeats (any case) dropped. */
export function normalizeGenres(input: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const part of input.split(',')) {
    const genre = part.trim().replace(/\s+/g, ' ');
    if (genre === '' || seen.has(genre.toLowerCase())) continue;
    seen.add(genre.toLowerCase());
    out.push(genre);
  }
  return out;
}

/** An optional identifier field: empty → null, else the check function's normalised value or its message. */
const identifier = (label: string, max: number, check: (v: string) => { ok: true; value: string } | { ok: false; error: string }) =>
  optionalText(label, max).transform((v, ctx) => {
    if (v === '') return null;
    const result = check(v);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  });

const row = z.object({ role: z.unknown().optional(), instrument: z.unknown().optional(), url: z.unknown().optional() });
const rows = (what: string, max: number) =>
  z
    .array(row, { message: `The ${what} could not be read; please enter them again.` })
    .max(max, { message: `A recording can have at most ${max} ${what}.` })
    .default([]);

/** Credit rows → { role, instrument }[]; at least one. Issues land on credits.<i>.role / .instrument. */
const credits = () =>
  rows('credits', MAX_CREDITS).transform((list, ctx) => {
    const out: { role: string; instrument: string }[] = [];
    let rowProblem = false;
    list.forEach((r, i) => {
      const role = str(r.role);
      const instrument = str(r.instrument).replace(/\s+/g, ' ');
      if (role === '' && instrument === '') return; // a spare row left empty
      if (!(creditRoles.values as readonly string[]).includes(role)) {
        ctx.addIssue({ code: 'custom', path: [i, 'role'], message: role === '' ? 'Choose your role for this instrument.' : 'Choose a role from the list.' });
        rowProblem = true;
        return;
      }
      if (instrument.length > INSTRUMENT_MAX) {
        ctx.addIssue({ code: 'custom', path: [i, 'instrument'], message: `Instruments can be at most ${INSTRUMENT_MAX} characters.` });
        rowProblem = true;
        return;
      }
      if (out.some((c) => c.role === role && c.instrument.toLowerCase() === instrument.toLowerCase())) return; // the same credit twice
      out.push({ role, instrument });
    });
    if (out.length === 0 && !rowProblem) {
      ctx.addIssue({ code: 'custom', path: [0, 'role'], message: 'Add at least one credit: your role on this recording, and the instrument if it has one.' });
    }
    return out;
  });

/** Link rows → { url, kind }[] (web links only, kind from the host). Issues land on links.<i>.url. */
const links = () =>
  rows('links', MAX_LINKS).transform((list, ctx) => {
    const out: { url: string; kind: LinkKind }[] = [];
    list.forEach((r, i) => {
      const input = str(r.url);
      if (input === '') return;
      const result = checkLink(input);
      if (!result.ok) ctx.addIssue({ code: 'custom', path: [i, 'url'], message: result.error });
      else if (!out.some((l) => l.url === result.url)) out.push({ url: result.url, kind: result.kind });
    });
    return out;
  });

const genres = () =>
  optionalText('Genres', GENRES_MAX).transform((v, ctx) => {
    const list = normalizeGenres(v);
    if (list.some((g) => g.length > GENRE_MAX)) {
      ctx.addIssue({ code: 'custom', message: `Each genre can be at most ${GENRE_MAX} characters; separate genres with commas.` });
      return z.NEVER;
    }
    return list.join(', ');
  });

export const recordingSchema = z.object({
  title: requiredText('Title', TEXT_MAX, 'Enter the track title.'),
  artist: requiredText('Artist', TEXT_MAX, 'Enter the artist, as credited on the record.'),
  release: optionalText('Release', TEXT_MAX),
  releaseType: z.preprocess((v) => (v === undefined ? '' : v), z.enum(['', ...releaseTypes.values], { message: 'Choose a release type from the list.' })),
  label: optionalText('Label', TEXT_MAX),
  releaseDate: optionalIsoDate(),
  isrc: identifier('ISRC', 40, checkIsrc),
  iswc: identifier('ISWC', 40, checkIswc),
  genres: genres(),
  gigId: optionalId('Choose the session from the list.'),
  notes: optionalText('Notes', NOTES_MAX),
  isPublic: checkbox(),
  displayOrder: optionalText('Featured order', 10).transform((v, ctx) => {
    if (v === '') return null;
    if (!/^\d{1,4}$/.test(v) || Number(v) < 1) {
      ctx.addIssue({ code: 'custom', message: `Enter a whole number from 1 to ${MAX_DISPLAY_ORDER} (1 is shown first), or leave it empty.` });
      return z.NEVER;
    }
    return Number(v);
  }),
  credits: credits(),
  links: links(),
});

export type RecordingInput = z.output<typeof recordingSchema>;
