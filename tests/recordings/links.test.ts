// Links: the kind is read from the host; only http(s) links are ever accepted.
import { describe, expect, it } from 'vitest';
import { checkLink, linkKindOf, linkLabel } from '../../src/recordings/links.ts';
import { creditsFromInstruments } from '../../src/recordings/routes.ts';
import { normalizeGenres } from '../../src/recordings/schemas.ts';

describe('linkKindOf', () => {
  it.each([
    ['https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC', 'spotify'],
    ['https://open.spotify.com/album/1?si=abc', 'spotify'],
    ['https://spotify.link/abc', 'spotify'],
    ['https://music.apple.com/us/album/x/123?i=456', 'apple_music'],
    ['https://geo.music.apple.com/us/album/x/123', 'apple_music'],
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'youtube'],
    ['https://youtube.com/watch?v=x', 'youtube'],
    ['https://m.youtube.com/watch?v=x', 'youtube'],
    ['https://music.youtube.com/watch?v=x', 'youtube'],
    ['https://youtu.be/dQw4w9WgXcQ', 'youtube'],
    ['https://paleatlas.bandcamp.com/track/low-light', 'bandcamp'],
    ['https://bandcamp.com/discover', 'bandcamp'],
    ['https://soundcloud.com/artist/track', 'soundcloud'],
    ['https://on.soundcloud.com/abc', 'soundcloud'],
    ['HTTPS://OPEN.SPOTIFY.COM/track/x', 'spotify'],
    ['https://open.spotify.com./track/x', 'spotify'],
    ['https://example.com/music', 'other'],
    ['https://tidal.com/browse/track/1', 'other'],
    // Look-alikes are just links.
    ['https://open.spotify.com.evil.example/track/x', 'other'],
    ['https://evilspotify.com/track/x', 'other'],
    ['https://youtube.com-watch.example/x', 'other'],
    ['https://notyoutu.be/x', 'other'],
    ['https://bandcamp.com.example/x', 'other'],
    ['https://apple.com/music', 'other'],
    ['not a url', 'other'],
  ])('%s → %s', (url, kind) => {
    expect(linkKindOf(url)).toBe(kind);
  });
});

describe('checkLink', () => {
  it('accepts http and https links, storing the normalised URL and its kind', () => {
    expect(checkLink('  https://open.spotify.com/track/x  ')).toEqual({ ok: true, url: 'https://open.spotify.com/track/x', kind: 'spotify' });
    expect(checkLink('http://example.com')).toEqual({ ok: true, url: 'http://example.com/', kind: 'other' });
  });

  it('adds https:// to a link pasted without it', () => {
    expect(checkLink('open.spotify.com/track/x')).toEqual({ ok: true, url: 'https://open.spotify.com/track/x', kind: 'spotify' });
    expect(checkLink('youtu.be/abc')).toMatchObject({ ok: true, url: 'https://youtu.be/abc', kind: 'youtube' });
    expect(checkLink('example.com:8080/x')).toMatchObject({ ok: true, url: 'https://example.com:8080/x' });
  });

  it.each([
    ['javascript:alert(1)', '“javascript:” links are refused'],
    ['JavaScript:alert(1)', '“javascript:” links are refused'],
    [' javascript:alert(1)', '“javascript:” links are refused'],
    ['data:text/html;base64,PHNjcmlwdD4=', '“data:” links are refused'],
    ['vbscript:msgbox(1)', '“vbscript:” links are refused'],
    ['file:///etc/passwd', '“file:” links are refused'],
    ['mailto:someone@example.com', '“mailto:” links are refused'],
    ['ftp://example.com/a', '“ftp:” links are refused'],
    ['java\tscript:alert(1)', 'no spaces'],
    ['//evil.example/x', 'doesn’t look like a web link'],
    ['spotify', 'doesn’t look like a web link'],
    ['https://', 'doesn’t look like a web link'],
    ['https://localhost/x', 'no web address'],
    ['https://user:secret@example.com/', 'user name or password'],
    [`https://example.com/${'x'.repeat(500)}`, 'at most 500 characters'],
    ['', 'Enter a web link'],
  ])('refuses %j', (input, message) => {
    const result = checkLink(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});

describe('linkLabel', () => {
  it('names the service, or the host for other links', () => {
    expect(linkLabel({ kind: 'apple_music', url: 'https://music.apple.com/x' })).toBe('Apple Music');
    expect(linkLabel({ kind: 'other', url: 'https://www.tidal.com/x' })).toBe('tidal.com');
  });
});

describe('credits from a gig’s instruments', () => {
  it('makes one credit per instrument, and vocals a background vocalist credit', () => {
    expect(creditsFromInstruments('Hammond organ, backing vocals, Rhodes')).toEqual([
      { role: 'StudioMusician', instrument: 'Hammond organ' },
      { role: 'BackgroundVocalist', instrument: '' },
      { role: 'StudioMusician', instrument: 'Rhodes' },
    ]);
    expect(creditsFromInstruments('piano & synths; bvs')).toEqual([
      { role: 'StudioMusician', instrument: 'piano' },
      { role: 'StudioMusician', instrument: 'synths' },
      { role: 'BackgroundVocalist', instrument: '' },
    ]);
    expect(creditsFromInstruments('')).toEqual([]);
  });
});

describe('normalizeGenres', () => {
  it('trims, drops empty parts and repeats in any case', () => {
    expect(normalizeGenres(' Soul,indie ,, soul , R&B  ,  indie  pop')).toEqual(['Soul', 'indie', 'R&B', 'indie pop']);
  });
});
