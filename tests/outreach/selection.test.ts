// The portfolio link an outreach entry records: only the musician's own
// public page on this site, stored as a normalised relative path.
import { describe, expect, it } from 'vitest';
import { checkSelectionLink, readSelectionPath, selectionView } from '../../src/outreach/selection.ts';

const own = { slug: 'maya-okafor', host: 'ledger.example' };
const ok = (input: string) => {
  const r = checkSelectionLink(input, own);
  if (!r.ok) throw new Error(`${input}: ${r.error}`);
  return r.path;
};
const refused = (input: string) => {
  const r = checkSelectionLink(input, own);
  if (r.ok) throw new Error(`${input} was accepted as ${r.path}`);
  return r.error;
};

describe('checkSelectionLink', () => {
  it('accepts empty, relative paths and absolute links on this host, normalised', () => {
    expect(ok('')).toBe('');
    expect(ok('   ')).toBe('');
    expect(ok('/p/maya-okafor')).toBe('/p/maya-okafor');
    expect(ok('/p/maya-okafor/')).toBe('/p/maya-okafor');
    expect(ok('https://ledger.example/p/maya-okafor?instrument=Hammond+organ&genre=Soul')).toBe('/p/maya-okafor?instrument=hammond%20organ&genre=soul');
    expect(ok('http://LEDGER.example/p/maya-okafor?year=2025&page=4&utm_source=mail#x')).toBe('/p/maya-okafor?year=2025');
    expect(ok('ledger.example/p/maya-okafor?sort=release')).toBe('/p/maya-okafor?sort=release');
    expect(ok('/p/maya%2Dokafor?role=Soloist')).toBe('/p/maya-okafor?role=Soloist');
    expect(checkSelectionLink('http://localhost:3000/p/maya-okafor', { ...own, host: 'localhost:3000' })).toEqual({ ok: true, path: '/p/maya-okafor' });
  });

  it('refuses other sites, other musicians, other pages, other schemes and unreadable selections', () => {
    expect(refused('https://evil.example/p/maya-okafor')).toContain('not to this site');
    expect(refused('https://ledger.example.evil.example/p/maya-okafor')).toContain('not to this site');
    expect(refused('https://ledger.example:8443/p/maya-okafor')).toContain('not to this site');
    expect(refused('https://me:pw@ledger.example/p/maya-okafor')).toContain('not to this site');
    expect(refused('//evil.example/p/maya-okafor')).toMatch(/not to this site/);
    expect(refused('/p/theo-brandt')).toContain('yours is at /p/maya-okafor');
    expect(refused('/p/Maya-Okafor')).toContain('yours is at /p/maya-okafor');
    expect(refused('/gigs/12')).toContain('not a link to a public portfolio');
    expect(refused('/p/maya-okafor/recordings')).toContain('not a link to a public portfolio');
    expect(refused('/p/%E0%A4%A')).toContain('not a link to a public portfolio');
    expect(refused('javascript:alert(1)')).toContain('Only a link to your public portfolio');
    expect(refused('mailto:a@b.example')).toContain('Only a link to your public portfolio');
    expect(refused('/p/maya-okafor?role=Drummer')).toContain('Ignored the role');
    expect(refused('/p/maya-okafor?year=99')).toContain('Ignored the year');
    expect(refused('/p/maya okafor')).toContain('no spaces');
    expect(refused(`/p/maya-okafor?artist=${'a'.repeat(600)}`)).toContain('at most 500');
  });
});

describe('reading a stored selection', () => {
  const facets = {
    instrument: [{ value: 'hammond organ', label: 'Hammond organ', count: 3 }],
    role: [],
    genre: [{ value: 'soul', label: 'Soul', count: 2 }],
    year: [],
    artist: [],
  };

  it('labels it from the musician’s pick lists, and notices an old address', () => {
    expect(readSelectionPath('/p/maya-okafor?instrument=Rhodes')).toMatchObject({ slug: 'maya-okafor', filter: { instrument: 'rhodes' } });
    expect(readSelectionPath('https://elsewhere.example/')).toBeNull();
    expect(selectionView('', { slug: 'maya-okafor', facets })).toBeNull();
    expect(selectionView('/p/maya-okafor?instrument=hammond%20organ&genre=soul', { slug: 'maya-okafor', facets })).toEqual({
      path: '/p/maya-okafor?instrument=hammond%20organ&genre=soul', label: 'Hammond organ · Soul', current: true,
    });
    expect(selectionView('/p/maya-okafor', { slug: 'maya-okafor', facets })).toMatchObject({ label: 'All public recordings' });
    expect(selectionView('/p/old-name?instrument=rhodes', { slug: 'maya-okafor', facets })).toEqual({ path: '/p/old-name?instrument=rhodes', label: 'rhodes', current: false });
    // Something that is not a portfolio path is shown as text, never linked.
    expect(selectionView('javascript:alert(1)', { slug: 'maya-okafor', facets })).toEqual({ path: '', label: 'javascript:alert(1)', current: false });
  });
});
