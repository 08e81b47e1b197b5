// The portfolio link an outreach entry records as "sent": always the
// musician's OWN public page on THIS site (/p/<their slug>…), stored as a
// normalised relative path ("/p/maya-okafor?instrument=hammond%20organ"), so
// it survives a change of host name and reads the same everywhere. A link to
// another site, or to someone else's portfolio, is refused with a sentence.
import {
  isFiltered,
  parsePortfolioFilter,
  publicPortfolioPath,
  selectionLabel,
  type PortfolioFilter,
  type SelectionFacets,
  type SelectionLabels,
} from '../portfolio/filter.ts';

export const SELECTION_MAX = 500;

export type SelectionCheck = { ok: true; path: string } | { ok: false; error: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const PUBLIC_PATH = /^\/p\/([^/]+)\/?$/;

/** The slug and filter of a public portfolio path or URL, or null when it is not one (host not checked). */
function readPublicUrl(url: URL): { slug: string; filter: PortfolioFilter; problems: string[] } | null {
  const m = PUBLIC_PATH.exec(url.pathname);
  if (!m) return null;
  let slug: string;
  try {
    slug = decodeURIComponent(m[1]);
  } catch {
    return null;
  }
  const { filter, problems } = parsePortfolioFilter(Object.fromEntries(url.searchParams));
  return { slug, filter, problems };
}

/**
 * A link typed or pasted in the outreach form → the path to store, or why not.
 * Accepted: empty; a relative path "/p/<slug>?…"; an http(s) URL whose host is
 * this site's (`host`, as the request names it). The slug must be `slug`.
 * `protocol` only shapes the example in the messages.
 */
export function checkSelectionLink(input: string, own: { slug: string; host: string; protocol?: string }): SelectionCheck {
  const text = input.trim();
  if (text === '') return { ok: true, path: '' };
  const example = `${own.protocol ?? 'https'}://${own.host}/p/${own.slug}?instrument=…`;
  if (text.length > SELECTION_MAX) return { ok: false, error: `The link can be at most ${SELECTION_MAX} characters.` };
  if (/\s/.test(text)) return { ok: false, error: `A link has no spaces in it. Paste the whole link, like ${example}` };
  let url: URL;
  try {
    if (text.startsWith('/') && !text.startsWith('//')) {
      url = new URL(text, `https://${own.host}`);
    } else {
      const scheme = SCHEME.exec(text)?.[1].toLowerCase();
      // "host/p/slug" typed without https:// (a "host:port/…" reads as a scheme followed by digits).
      const bare = scheme === undefined || /^\d/.test(text.slice(scheme.length + 1));
      if (!bare && scheme !== 'http' && scheme !== 'https') {
        return { ok: false, error: `Only a link to your public portfolio can be recorded here, like ${example}` };
      }
      url = new URL(bare ? `https://${text}` : text);
      if (url.username || url.password || url.host.toLowerCase() !== own.host.toLowerCase()) {
        return { ok: false, error: `That link is not to this site. Paste the link to your public portfolio, like ${example}` };
      }
    }
  } catch {
    return { ok: false, error: `That doesn’t look like a link. Paste the link to your public portfolio, like ${example}` };
  }
  const read = readPublicUrl(url);
  if (!read) return { ok: false, error: `That is not a link to a public portfolio. It should look like ${example}` };
  if (read.slug !== own.slug) {
    return { ok: false, error: `That link isn’t to your portfolio: yours is at /p/${own.slug}, like ${example}` };
  }
  if (read.problems.length) return { ok: false, error: `That link’s selection can’t be read. ${read.problems[0]}` };
  const path = publicPortfolioPath(own.slug, read.filter);
  if (path.length > SELECTION_MAX) return { ok: false, error: `The link can be at most ${SELECTION_MAX} characters.` };
  return { ok: true, path };
}

/** A stored selection path → its slug and filter (null for anything else, e.g. an old hand-made value). */
export function readSelectionPath(path: string): { slug: string; filter: PortfolioFilter } | null {
  if (!path.startsWith('/p/')) return null;
  try {
    const read = readPublicUrl(new URL(path, 'https://ledger-lines.invalid'));
    return read && { slug: read.slug, filter: read.filter };
  } catch {
    return null;
  }
}

/** The display forms of a filter's values, from the musician's pick lists ("Hammond organ" for "hammond organ"). */
export function labelsFromFacets(filter: PortfolioFilter, facets: SelectionFacets): SelectionLabels {
  const find = (list: { value: string; label: string }[], value: string | null) => (value === null ? null : (list.find((o) => o.value === value)?.label ?? null));
  return { instrument: find(facets.instrument, filter.instrument), genre: find(facets.genre, filter.genre), artist: find(facets.artist, filter.artist) };
}

export type SelectionView = {
  /** The stored path, linked as is (same site). */
  path: string;
  /** "Hammond organ · soul", or "All public recordings". */
  label: string;
  /** False when the path names an address that is no longer the musician's (the slug changed since). */
  current: boolean;
} | null;

/** What the log shows of a stored selection. */
export function selectionView(path: string, own: { slug: string; facets: SelectionFacets | null }): SelectionView {
  if (!path) return null;
  const read = readSelectionPath(path);
  if (!read) return { path: '', label: path, current: false };
  const filter = read.filter;
  const labels = own.facets ? labelsFromFacets(filter, own.facets) : {};
  return {
    path,
    label: isFiltered(filter) ? selectionLabel(filter, labels) : 'All public recordings',
    current: read.slug === own.slug,
  };
}
