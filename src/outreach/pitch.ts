// The pitch: a short note to paste into an email or a DM to a studio, made
// from a portfolio selection — who the musician is, what the selection adds
// up to, a few tracks with a link each, and the public page with the filter.
//
// A pure function of what it is given. The route hands it PUBLIC recordings
// only (findSelection with publicOnly: true), and it drops any recording not
// marked public anyway: a pitch is read by strangers. It only ever sees
// titles, artists, release dates and links — never notes, sessions, clients
// or money, which SelectionRecording does not carry.
import type { SelectionRecording } from '../portfolio/filter.ts';

/** Tracks listed at most; the public page has the rest. */
export const PITCH_TRACKS = 8;

export type PitchRecording = Pick<SelectionRecording, 'title' | 'artist' | 'releaseDate' | 'isPublic' | 'links'>;

export type PitchInput = {
  /** The musician's name, as on their profile. */
  name: string;
  /** The profile's instruments, comma-separated in their own words ("keys, backing vocals"). */
  instruments: string;
  /** selectionSentence() of the public selection: "Played keys on 23 releases for 11 artists". */
  sentence: string;
  /** The selection's public recordings, best first (featured order). */
  recordings: readonly PitchRecording[];
  /** How many public recordings the selection has in all (more than listed: "A few of them"). */
  total: number;
  /** Absolute URL of the public page showing the selection. */
  portfolioUrl: string;
};

export type PitchItem = { title: string; artist: string; year: string | null; url: string | null };
export type Pitch = { intro: string; items: PitchItem[]; text: string; html: string };

/** Only http(s) URLs are ever put in a pitch, as text or as a link. */
export function isWebUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** One line of text: no line breaks or runs of spaces from a pasted title. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** "a, b and c". */
function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "Hi — I’m Maya Okafor, a session musician on keys and backing vocals." */
export function pitchIntro(name: string, instruments: string): string {
  const list = instruments
    .split(',')
    .map(oneLine)
    .filter(Boolean);
  const who = oneLine(name);
  return `Hi — I’m ${who}, a session musician${list.length ? ` on ${listOf(list)}` : ''}.`;
}

/** The first web link in the musician's own order (they put the one they prefer first). */
const bestLink = (r: PitchRecording) => r.links.map((l) => l.url.trim()).find(isWebUrl) ?? null;

export function buildPitch(input: PitchInput): Pitch {
  const intro = pitchIntro(input.name, input.instruments);
  const items: PitchItem[] = input.recordings
    .filter((r) => r.isPublic)
    .slice(0, PITCH_TRACKS)
    .map((r) => ({
      title: oneLine(r.title),
      artist: oneLine(r.artist),
      year: r.releaseDate && /^\d{4}/.test(r.releaseDate) ? r.releaseDate.slice(0, 4) : null,
      url: bestLink(r),
    }));
  const sentence = oneLine(input.sentence).replace(/\.$/, '');
  const lead = items.length < input.total ? 'A few of them:' : items.length === 1 ? 'Here it is:' : 'Here they are:';
  const portfolioUrl = isWebUrl(input.portfolioUrl) ? input.portfolioUrl : null;
  const caption = (i: PitchItem) => `${i.title} — ${i.artist}${i.year ? ` (${i.year})` : ''}`;

  const text = [
    intro,
    '',
    items.length ? `${sentence}. ${lead}` : `${sentence}.`,
    ...items.map((i) => `- ${caption(i)}${i.url ? `: ${i.url}` : ''}`),
    ...(portfolioUrl ? ['', `My portfolio: ${portfolioUrl}`] : []),
  ].join('\n');

  const e = escapeHtml;
  const htmlItem = (i: PitchItem) => {
    const title = i.url ? `<a href="${e(i.url)}">${e(i.title)}</a>` : e(i.title);
    return `  <li>${title} — ${e(i.artist)}${i.year ? ` (${e(i.year)})` : ''}</li>`;
  };
  const html = [
    `<p>${e(intro)}</p>`,
    `<p>${e(sentence)}.${items.length ? ` ${e(lead)}` : ''}</p>`,
    ...(items.length ? ['<ul>', ...items.map(htmlItem), '</ul>'] : []),
    ...(portfolioUrl ? [`<p>My portfolio: <a href="${e(portfolioUrl)}">${e(portfolioUrl)}</a></p>`] : []),
  ].join('\n');

  return { intro, items, text, html };
}
