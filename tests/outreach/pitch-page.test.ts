// The pitch page (/outreach/pitch?<portfolio filter>): public recordings
// only, featured first, at most eight; the text, the HTML and its preview;
// the warning when the public page is off; "Log this pitch"; and the privacy
// test — notes, fees, sessions, clients and private recordings never appear.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitForm, type Agent } from '../support/app.ts';
import { makeRecording, signUpWithId } from '../recordings/helpers.ts';
import { listeningApp } from './helpers.ts';

let t: Awaited<ReturnType<typeof listeningApp>>;
let agent: Agent;
let userId: number;
let slug: string;

beforeAll(async () => {
  t = await listeningApp();
  ({ agent, userId, slug } = await signUpWithId(t.site, 'Maya Okafor'));
  await t.prisma.user.update({ where: { id: userId }, data: { instruments: 'keys, Hammond organ, backing vocals', portfolioPublic: true } });
  // A paid session with private notes and money behind a public recording.
  const client = await t.prisma.client.create({ data: { userId, name: 'CLIENT-MARKER Studios', notes: 'CLIENT-NOTE-MARKER' } });
  const gig = await t.prisma.gig.create({ data: { userId, date: '2025-02-01', clientId: client.id, title: 'GIG-TITLE-MARKER', notes: 'GIG-NOTE-MARKER', location: 'LOCATION-MARKER' } });
  await t.prisma.lineItem.create({ data: { userId, gigId: gig.id, amountMinor: 98765, currency: 'USD', description: 'FEE-MARKER' } });
  await makeRecording(t.prisma, userId, {
    title: 'Lantern Street', artist: 'June Alvarez', genres: 'soul', releaseDate: '2025-04-01', displayOrder: 1, gigId: gig.id, notes: 'RECORDING-NOTE-MARKER', isrc: 'USRC17607839',
    credits: [{ role: 'StudioMusician', instrument: 'Hammond organ' }],
    links: [{ kind: 'other', url: 'https://example.com/lantern?a=1&b=2' }, { kind: 'spotify', url: 'https://open.spotify.com/track/lantern' }],
  });
  await makeRecording(t.prisma, userId, {
    title: 'Tom & Jerry’s <Blues>', artist: 'The "Quoted" Band', genres: 'soul', releaseDate: '2024-06-01',
    credits: [{ role: 'StudioMusician', instrument: 'Hammond organ' }],
    links: [{ kind: 'youtube', url: 'https://youtu.be/blues' }],
  });
  await makeRecording(t.prisma, userId, {
    title: 'PRIVATE-TRACK-MARKER', artist: 'PRIVATE-ARTIST-MARKER', genres: 'soul', isPublic: false, releaseDate: '2026-01-01',
    credits: [{ role: 'StudioMusician', instrument: 'Hammond organ' }], links: [{ kind: 'other', url: 'https://private.example/PRIVATE-LINK-MARKER' }],
  });
  await makeRecording(t.prisma, userId, { title: 'Piano ballad', artist: 'Theo Brandt', genres: 'pop', credits: [{ role: 'StudioMusician', instrument: 'Piano' }] });
});
afterAll(() => t.close());

const squash = (html: string) => html.replace(/\s+/g, ' ');
const textareaOf = (html: string, id: string) => {
  const m = new RegExp(`<textarea id="${id}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html);
  return m ? m[1] : null;
};
const unescape = (s: string) => s.replace(/&#34;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

describe('the pitch page', () => {
  it('makes the plain text from the public recordings of the selection, featured first, with the public link', async () => {
    const res = await agent.get('/outreach/pitch?instrument=Hammond%20Organ');
    expect(res.status).toBe(200);
    const text = unescape(textareaOf(res.text, 'pitch-text')!);
    expect(text).toBe(
      [
        'Hi — I’m Maya Okafor, a session musician on keys, Hammond organ and backing vocals.',
        '',
        'Played Hammond organ on 2 releases for 2 artists. Here they are:',
        '- Lantern Street — June Alvarez (2025): https://example.com/lantern?a=1&b=2',
        '- Tom & Jerry’s <Blues> — The "Quoted" Band (2024): https://youtu.be/blues',
        '',
        `My portfolio: http://${t.host}/p/${slug}?instrument=hammond%20organ`,
      ].join('\n'),
    );
    const html = squash(res.text);
    expect(html).toContain('Lists all <strong>2</strong> public recordings in this selection, with the first link of each, and your public page.');
    expect(html).toContain('1 private recording is left out.');
  });

  it('shows the HTML as code in a read-only field and rendered as a preview, escaped, with only web links', async () => {
    const res = await agent.get('/outreach/pitch?instrument=hammond%20organ');
    const code = unescape(textareaOf(res.text, 'pitch-html')!);
    expect(code).toContain('<li><a href="https://example.com/lantern?a=1&amp;b=2">Lantern Street</a> — June Alvarez (2025)</li>');
    expect(code).toContain('<li><a href="https://youtu.be/blues">Tom &amp; Jerry’s &lt;Blues&gt;</a> — The &quot;Quoted&quot; Band (2024)</li>');
    const preview = /<div class="outreach-pitch__preview" id="pitch-preview"[^>]*>([\s\S]*?)<\/div>/.exec(res.text)![1];
    expect(preview.trim()).toBe(code.trim());
    expect(preview).not.toContain('<Blues>');
    expect(res.text).toMatch(/<textarea id="pitch-text"[^>]*readonly/);
    expect(res.text).toMatch(/<textarea id="pitch-html"[^>]*readonly/);
    expect(res.text).toContain('<script src="/js/outreach.js" defer></script>');
    // The copy buttons wait for the script (hidden without it).
    expect(res.text).toMatch(/<button type="button" class="button" data-copy-text="pitch-text" hidden>Copy text<\/button>/);
  });

  it('never shows private data: notes, fees, sessions, clients or private tracks', async () => {
    for (const query of ['', '?instrument=hammond%20organ', '?genre=soul', '?year=2026', '?artist=private-artist-marker']) {
      const page = await agent.get(`/outreach/pitch${query}`);
      expect(page.status).toBe(200);
      for (const marker of ['PRIVATE-TRACK-MARKER', 'PRIVATE-ARTIST-MARKER', 'PRIVATE-LINK-MARKER', 'RECORDING-NOTE-MARKER', 'GIG-NOTE-MARKER', 'GIG-TITLE-MARKER', 'LOCATION-MARKER', 'CLIENT-MARKER', 'CLIENT-NOTE-MARKER', 'FEE-MARKER', '987.65']) {
        expect(page.text, `${marker} on /outreach/pitch${query}`).not.toContain(marker);
      }
    }
    // A selection with only the private track: nothing to pitch, and it says why.
    const onlyPrivate = squash((await agent.get('/outreach/pitch?year=2026')).text);
    expect(onlyPrivate).toContain('No public recordings in this selection');
    expect(onlyPrivate).toContain('1 in this selection is private');
    expect(onlyPrivate).not.toContain('id="pitch-text"');
  });

  it('lists at most eight tracks, featured first, and says there are more', async () => {
    const s = await signUpWithId(t.site, 'Prolific Player');
    for (let i = 1; i <= 11; i++) {
      await makeRecording(t.prisma, s.userId, { title: `Track ${String(i).padStart(2, '0')}`, releaseDate: `2020-01-${String(i).padStart(2, '0')}`, displayOrder: i === 11 ? 1 : null });
    }
    const res = await s.agent.get('/outreach/pitch?sort=release');
    const text = unescape(textareaOf(res.text, 'pitch-text')!);
    const tracks = text.split('\n').filter((l) => l.startsWith('- '));
    expect(tracks).toHaveLength(8);
    expect(tracks[0]).toContain('Track 11'); // featured, whatever the page's order
    expect(tracks[1]).toContain('Track 10');
    expect(text).toContain('A few of them:');
    expect(text).toContain('a session musician.');
    expect(squash(res.text)).toContain('Lists <strong>8</strong> of the 11 public recordings in this selection, featured first, with the first link of each; your public page has the rest.');
  });

  it('warns clearly when the public portfolio is off, with the way to turn it on', async () => {
    await t.prisma.user.update({ where: { id: userId }, data: { portfolioPublic: false } });
    const off = squash((await agent.get('/outreach/pitch')).text);
    expect(off).toContain('Your public portfolio is off.');
    expect(off).toContain('<a href="/settings#portfolio">Turn it on in Settings → Public portfolio</a>');
    await t.prisma.user.update({ where: { id: userId }, data: { portfolioPublic: true } });
    expect((await agent.get('/outreach/pitch')).text).not.toContain('Your public portfolio is off.');
  });

  it('offers “Log this pitch”, whose link is accepted as is by the outreach form', async () => {
    const res = await agent.get('/outreach/pitch?instrument=hammond%20organ&genre=soul');
    const link = `http://${t.host}/p/${slug}?instrument=hammond%20organ&genre=soul`;
    const href = `/outreach/new?selection=${encodeURIComponent(link)}`;
    expect(res.text).toContain(`href="${href.replace(/&/g, '&amp;')}"`);
    const form = await agent.get(href);
    expect(form.text).toContain(`value="${link.replace(/&/g, '&amp;')}"`);
    const saved = await submitForm(agent, href, '/outreach', { contactName: 'Figtree', contactedOn: new Date().toISOString().slice(0, 10), channel: 'email', selection: link });
    expect(saved.status).toBe(303);
    const entry = await t.prisma.outreachEntry.findFirstOrThrow({ where: { userId }, orderBy: { id: 'desc' } });
    expect(entry.selection).toBe(`/p/${slug}?instrument=hammond%20organ&genre=soul`);
  });

  it('keeps the selection form to public values and ignores junk in the URL with a note', async () => {
    const html = squash((await agent.get('/outreach/pitch?role=Drummer&year=abc')).text);
    expect(html).toContain('Ignored the role “Drummer”');
    expect(html).toContain('<option value="hammond organ">Hammond organ (2)</option>');
    expect(html).not.toContain('PRIVATE');
  });

  it('is linked from the portfolio’s share box with the current selection, and the portfolio links to the log', async () => {
    const html = (await agent.get('/portfolio?instrument=hammond%20organ&genre=soul')).text;
    expect(html).toContain('href="/outreach/pitch?instrument=hammond%20organ&amp;genre=soul">Pitch this selection</a>');
    expect(html).toContain('href="/outreach">Outreach log</a>');
  });
});
