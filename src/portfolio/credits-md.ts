// A credits list for a CV: the recordings of a selection as Markdown, grouped
// by release year or by artist. Markdown reads fine as plain text too.
import { creditRoles, releaseTypes } from '../domain/vocabulary.ts';
import type { Credit, SelectionRecording } from './filter.ts';

export type CreditsGrouping = 'year' | 'artist';

/** Backslash before the characters Markdown would read as formatting. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|#]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

/** "Hammond organ", "Synthesizer (programmer)", "Background vocalist". */
export function creditText(c: Credit): string {
  const role = creditRoles.labelOf(c.role);
  if (!c.instrument) return role;
  return c.role === 'StudioMusician' ? c.instrument : `${c.instrument} (${role.toLowerCase()})`;
}

function entry(r: SelectionRecording, grouping: CreditsGrouping): string {
  const e = escapeMarkdown;
  const release = [r.releaseType ? releaseTypes.labelOf(r.releaseType) : '', r.label].filter(Boolean).map(e).join(', ');
  const parts = [`**${e(r.title)}**`];
  if (grouping === 'year') parts[0] += ` — ${e(r.artist)}`;
  if (r.release && r.release !== r.title) parts.push(`*${e(r.release)}*${release ? ` (${release})` : ''}`);
  else if (release) parts.push(release);
  if (grouping === 'artist' && r.releaseDate) parts.push(r.releaseDate.slice(0, 4));
  parts.push(r.credits.map((c) => e(creditText(c))).join('; '));
  return `- ${parts.filter(Boolean).join(' · ')}`;
}

/** The whole document. `recordings` come in the order they should be listed within a group. */
export function creditsMarkdown(options: {
  name: string;
  sentence: string;
  selection: string;
  recordings: SelectionRecording[];
  grouping: CreditsGrouping;
}): string {
  const { name, sentence, selection, recordings, grouping } = options;
  const lines = [`# ${escapeMarkdown(name)} — credits${selection ? ` (${escapeMarkdown(selection)})` : ''}`, '', `${escapeMarkdown(sentence)}.`, ''];
  const UNRELEASED = 'Not released yet';
  // Artists are grouped ignoring case ("The Marigolds" and "the Marigolds"); the first spelling names the group.
  const groups = new Map<string, { heading: string; items: SelectionRecording[] }>();
  for (const r of recordings) {
    const heading = grouping === 'year' ? (r.releaseDate?.slice(0, 4) ?? UNRELEASED) : r.artist;
    const key = heading.toLowerCase();
    if (!groups.has(key)) groups.set(key, { heading, items: [] });
    groups.get(key)!.items.push(r);
  }
  const ordered = [...groups.values()].sort((a, b) =>
    grouping === 'year'
      ? Number(a.heading === UNRELEASED) - Number(b.heading === UNRELEASED) || b.heading.localeCompare(a.heading)
      : a.heading.localeCompare(b.heading, 'en', { sensitivity: 'base' }),
  );
  for (const group of ordered) {
    lines.push(`## ${escapeMarkdown(group.heading)}`, '');
    const list = [...group.items].sort((a, b) => (b.releaseDate ?? '9999').localeCompare(a.releaseDate ?? '9999') || a.title.localeCompare(b.title));
    for (const r of list) lines.push(entry(r, grouping));
    lines.push('');
  }
  if (recordings.length === 0) lines.push('No recordings in this selection yet.', '');
  return lines.join('\n');
}
