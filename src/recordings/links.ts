// Links to a recording (streaming, video, store) as musicians paste them.
// Only web links are ever stored: a `javascript:` or `data:` URL pasted into
// the form is refused with a sentence, never saved and later rendered. The
// kind (Spotify, YouTube…) is read from the host name, so nobody picks it
// from a list and a look-alike host ("open.spotify.com.example.net") is just
// a link.
import { linkKinds } from '../domain/vocabulary.ts';

export type LinkKind = (typeof linkKinds.values)[number];

export const LINK_URL_MAX = 500;

const hostIs = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`);

/** The kind of a link from its host: open.spotify.com → spotify, youtu.be → youtube, x.bandcamp.com → bandcamp… */
export function linkKindOf(url: string): LinkKind {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return 'other';
  }
  if (hostIs(host, 'spotify.com') || host === 'spotify.link') return 'spotify';
  if (hostIs(host, 'music.apple.com')) return 'apple_music';
  if (hostIs(host, 'youtube.com') || host === 'youtu.be') return 'youtube';
  if (hostIs(host, 'bandcamp.com')) return 'bandcamp';
  if (hostIs(host, 'soundcloud.com')) return 'soundcloud';
  return 'other';
}

export type LinkCheck = { ok: true; url: string; kind: LinkKind } | { ok: false; error: string };

const EXAMPLE = 'https://open.spotify.com/track/…';
// Something that looks like a host name and maybe a path: "open.spotify.com/track/x".
const BARE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+(?::\d+)?(?:[/?#]|$)/i;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * A link typed or pasted by the musician → the URL to store and its kind, or
 * a sentence. A link without a scheme ("open.spotify.com/track/…") gets
 * https://; any scheme but http(s) is refused. `example` is the link the
 * messages show.
 */
export function checkLink(input: string, example = EXAMPLE): LinkCheck {
  const text = input.trim();
  if (text === '') return { ok: false, error: `Enter a web link, like ${example}` };
  if (text.length > LINK_URL_MAX) return { ok: false, error: `Links can be at most ${LINK_URL_MAX} characters.` };
  if (/\s/.test(text)) return { ok: false, error: `A link has no spaces in it. Paste the whole link, like ${example}` };
  const scheme = SCHEME.exec(text)?.[1].toLowerCase();
  let candidate = text;
  if (scheme === undefined || (BARE_HOST.test(text) && scheme !== 'http' && scheme !== 'https' && /^\d/.test(text.slice(scheme.length + 1)))) {
    // No scheme, or "host:port/…" read as a scheme.
    if (!BARE_HOST.test(text)) return { ok: false, error: `That doesn’t look like a web link. Paste the whole link, like ${example}` };
    candidate = `https://${text}`;
  } else if (scheme !== 'http' && scheme !== 'https') {
    return { ok: false, error: `Only web links (starting with https:// or http://) can be added; “${scheme}:” links are refused.` };
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { ok: false, error: `That doesn’t look like a web link. Paste the whole link, like ${example}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, error: 'Only web links (starting with https:// or http://) can be added.' };
  }
  if (!url.hostname || !url.hostname.includes('.')) {
    return { ok: false, error: `That link has no web address in it. Paste the whole link, like ${example}` };
  }
  if (url.username || url.password) {
    return { ok: false, error: 'Links with a user name or password in them can’t be added.' };
  }
  if (url.href.length > LINK_URL_MAX) return { ok: false, error: `Links can be at most ${LINK_URL_MAX} characters.` };
  return { ok: true, url: url.href, kind: linkKindOf(url.href) };
}

/** What a link is shown as: the service's name, or the host for other links. */
export function linkLabel(link: { kind: string; url: string }): string {
  if (link.kind !== 'other') return linkKinds.labelOf(link.kind);
  try {
    return new URL(link.url).hostname.replace(/^www\./, '');
  } catch {
    return linkKinds.labelOf('other');
  }
}
