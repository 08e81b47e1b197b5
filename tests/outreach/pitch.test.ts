// buildPitch: the note a studio reads. Text and HTML say the same thing; the
// HTML escapes every value; only web links are used; nothing private gets in.
import { describe, expect, it } from 'vitest';
import { buildPitch, escapeHtml, pitchIntro, PITCH_TRACKS, type PitchInput, type PitchRecording } from '../../src/outreach/pitch.ts';

const track = (title: string, fields: Partial<PitchRecording> = {}): PitchRecording => ({
  title,
  artist: 'June Alvarez',
  releaseDate: '2025-04-01',
  isPublic: true,
  links: [{ kind: 'spotify', url: `https://open.spotify.com/track/${encodeURIComponent(title)}` }],
  ...fields,
});

const input = (fields: Partial<PitchInput> = {}): PitchInput => ({
  name: 'Maya Okafor',
  instruments: 'keys, backing vocals',
  sentence: 'Played Hammond organ on 2 soul releases for 2 artists',
  recordings: [track('Lantern Street'), track('Heavy Weather', { artist: 'Theo Brandt', releaseDate: '2024-09-10' })],
  total: 2,
  portfolioUrl: 'https://ledger.example/p/maya-okafor?instrument=hammond%20organ&genre=soul',
  ...fields,
});

describe('buildPitch', () => {
  it('writes a short plain-text note: intro, counts, one line per track with its link, the public page', () => {
    const { text } = buildPitch(input());
    expect(text).toBe(
      [
        'Hi — I’m Maya Okafor, a session musician on keys and backing vocals.',
        '',
        'Played Hammond organ on 2 soul releases for 2 artists. Here they are:',
        '- Lantern Street — June Alvarez (2025): https://open.spotify.com/track/Lantern%20Street',
        '- Heavy Weather — Theo Brandt (2024): https://open.spotify.com/track/Heavy%20Weather',
        '',
        'My portfolio: https://ledger.example/p/maya-okafor?instrument=hammond%20organ&genre=soul',
      ].join('\n'),
    );
  });

  it('writes the same note as HTML: paragraphs, a list of links, the public page as a link', () => {
    const { html } = buildPitch(input());
    expect(html).toBe(
      [
        '<p>Hi — I’m Maya Okafor, a session musician on keys and backing vocals.</p>',
        '<p>Played Hammond organ on 2 soul releases for 2 artists. Here they are:</p>',
        '<ul>',
        '  <li><a href="https://open.spotify.com/track/Lantern%20Street">Lantern Street</a> — June Alvarez (2025)</li>',
        '  <li><a href="https://open.spotify.com/track/Heavy%20Weather">Heavy Weather</a> — Theo Brandt (2024)</li>',
        '</ul>',
        '<p>My portfolio: <a href="https://ledger.example/p/maya-okafor?instrument=hammond%20organ&amp;genre=soul">https://ledger.example/p/maya-okafor?instrument=hammond%20organ&amp;genre=soul</a></p>',
      ].join('\n'),
    );
  });

  it('escapes titles, artists and links with <, &, quotes in the HTML (and leaves the text as typed)', () => {
    const hostile = track('<script>alert("x")</script> & “Friends”', {
      artist: `O'Brien & <b>Sons</b>`,
      links: [{ kind: 'other', url: 'https://example.com/a?b=1&c="><img/src=x/onerror=alert(1)>' }],
    });
    const { html, text } = buildPitch(input({ recordings: [hostile], total: 1, name: 'Maya <i>Okafor</i>', instruments: 'keys & "vox"' }));
    expect(html).not.toMatch(/<script|<b>|<i>|<img/);
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; “Friends”');
    expect(html).toContain('O&#39;Brien &amp; &lt;b&gt;Sons&lt;/b&gt;');
    expect(html).toContain('href="https://example.com/a?b=1&amp;c=&quot;&gt;&lt;img/src=x/onerror=alert(1)&gt;"');
    expect(html).toContain('Maya &lt;i&gt;Okafor&lt;/i&gt;, a session musician on keys &amp; &quot;vox&quot;');
    // Every tag in the HTML is one the pitch writes itself.
    expect(new Set([...html.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]))).toEqual(new Set(['p', 'ul', 'li', 'a']));
    expect(text).toContain(`- <script>alert("x")</script> & “Friends” — O'Brien & <b>Sons</b> (2025): https://example.com/a?b=1&c="><img/src`);
    expect(escapeHtml(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&#39;');
  });

  it('uses only http(s) links: the first web link of each track, none when there is none', () => {
    const recordings = [
      track('Script link', { links: [{ kind: 'other', url: 'javascript:alert(1)' }, { kind: 'youtube', url: 'https://youtu.be/ok' }] }),
      track('Data only', { links: [{ kind: 'other', url: 'data:text/html,<b>x</b>' }, { kind: 'other', url: 'ftp://files.example/x' }] }),
      track('No links', { links: [] }),
    ];
    const { html, text, items } = buildPitch(input({ recordings, total: 3, portfolioUrl: 'javascript:alert(2)' }));
    expect(items.map((i) => i.url)).toEqual(['https://youtu.be/ok', null, null]);
    for (const bad of ['javascript:', 'data:', 'ftp:']) {
      expect(html).not.toContain(bad);
      expect(text).not.toContain(bad);
    }
    expect(html).toContain('<li>Data only — June Alvarez (2025)</li>');
    expect(text.endsWith('\n- No links — June Alvarez (2025)')).toBe(true);
    expect(text).not.toContain('My portfolio');
  });

  it('lists at most eight tracks, says when there are more, and leaves out anything not public', () => {
    const many = Array.from({ length: 12 }, (_, i) => track(`Track ${i + 1}`));
    const { items, text } = buildPitch(input({ recordings: many, total: 30 }));
    expect(items).toHaveLength(PITCH_TRACKS);
    expect(PITCH_TRACKS).toBe(8);
    expect(text).toContain('artists. A few of them:');

    const mixed = [track('Public one'), track('PRIVATE-MARKER demo', { isPublic: false }), track('Public two')];
    const pitch = buildPitch(input({ recordings: mixed, total: 2 }));
    expect(pitch.items.map((i) => i.title)).toEqual(['Public one', 'Public two']);
    expect(pitch.text + pitch.html).not.toContain('PRIVATE-MARKER');
  });

  it('is built only from what it is given: no notes, sessions or money can appear', () => {
    // A recording carrying extra private fields (as a careless caller might pass) shows none of them.
    const leaky = { ...track('Song'), notes: 'NOTES-MARKER', gigId: 7, fee: 'FEE-MARKER $434.21', client: 'CLIENT-MARKER' } as PitchRecording;
    const { text, html } = buildPitch(input({ recordings: [leaky], total: 1 }));
    for (const marker of ['NOTES-MARKER', 'FEE-MARKER', '434.21', 'CLIENT-MARKER']) {
      expect(text).not.toContain(marker);
      expect(html).not.toContain(marker);
    }
  });

  it('handles a release without a date, one track, line breaks in titles and no instruments', () => {
    const { text, html } = buildPitch(
      input({ recordings: [track('Two\nlines   here', { releaseDate: null })], total: 1, instruments: ' , ', sentence: 'Credited on 1 release for 1 artist.' }),
    );
    expect(text.split('\n')).toEqual([
      'Hi — I’m Maya Okafor, a session musician.',
      '',
      'Credited on 1 release for 1 artist. Here it is:',
      '- Two lines here — June Alvarez: https://open.spotify.com/track/Two%0Alines%20%20%20here',
      '',
      'My portfolio: https://ledger.example/p/maya-okafor?instrument=hammond%20organ&genre=soul',
    ]);
    expect(html).toContain('>Two lines here</a> — June Alvarez</li>');
  });

  it('introduces the musician with their instruments in their own words', () => {
    expect(pitchIntro('Maya Okafor', 'keys')).toBe('Hi — I’m Maya Okafor, a session musician on keys.');
    expect(pitchIntro('Maya Okafor', 'piano, Hammond organ, Rhodes')).toBe('Hi — I’m Maya Okafor, a session musician on piano, Hammond organ and Rhodes.');
    expect(pitchIntro('  Maya  Okafor ', '')).toBe('Hi — I’m Maya Okafor, a session musician.');
  });
});
