// The selection as a URL and as a sentence (no database).
import { describe, expect, it } from 'vitest';
import {
  emptyFilter,
  foldCase,
  isFiltered,
  labelsFrom,
  parsePortfolioFilter,
  portfolioQuery,
  publicPortfolioPath,
  selectionLabel,
  selectionSentence,
} from '../../src/portfolio/filter.ts';

describe('parsePortfolioFilter', () => {
  it('reads every filter from the URL, folding ASCII case like SQLite', () => {
    const { filter, problems } = parsePortfolioFilter({ instrument: ' Hammond  Organ ', role: 'Soloist', genre: 'SOUL', year: '2025', artist: 'June Alvarez', sort: 'release', page: '3' });
    expect(filter).toEqual({ instrument: 'hammond organ', role: 'Soloist', genre: 'soul', year: 2025, artist: 'june alvarez', sort: 'release', page: 3 });
    expect(problems).toEqual([]);
  });

  it('ignores what it cannot read, with a note, and never fails', () => {
    const { filter, problems } = parsePortfolioFilter({ role: 'Drummer', year: '25', sort: 'price', page: '-1', instrument: ['a', 'b'], genre: { x: 1 }, artist: 'x'.repeat(101) });
    expect(filter).toEqual(emptyFilter());
    expect(problems).toHaveLength(3);
    expect(problems.join(' ')).toContain('Ignored the role “Drummer”');
    expect(problems.join(' ')).toContain('Ignored the year “25”');
    expect(problems.join(' ')).toContain('Ignored the artist');
  });

  it('folds only A–Z, like SQLite LOWER()', () => {
    expect(foldCase('ZOË Keys')).toBe('zoË keys');
  });
});

describe('portfolioQuery and publicPortfolioPath', () => {
  it('round-trips a selection through the URL', () => {
    const { filter } = parsePortfolioFilter({ instrument: 'Hammond organ', genre: 'r&b', year: '2024', role: 'StudioMusician', artist: 'Hollis & Vane', sort: 'release', page: '2' });
    const query = portfolioQuery(filter);
    expect(query).toBe('?instrument=hammond%20organ&role=StudioMusician&genre=r%26b&year=2024&artist=hollis%20%26%20vane&sort=release&page=2');
    const again = parsePortfolioFilter(Object.fromEntries(new URLSearchParams(query.slice(1))));
    expect(again.filter).toEqual(filter);
  });

  it('is empty for everything, and the public path always starts at page 1', () => {
    expect(portfolioQuery(emptyFilter())).toBe('');
    expect(publicPortfolioPath('maya-okafor')).toBe('/p/maya-okafor');
    expect(publicPortfolioPath('maya-okafor', { ...emptyFilter(), instrument: 'keys', genre: 'soul', page: 4 })).toBe('/p/maya-okafor?instrument=keys&genre=soul');
  });

  it('counts sort and page as not filtering', () => {
    expect(isFiltered({ ...emptyFilter(), sort: 'release', page: 2 })).toBe(false);
    expect(isFiltered({ ...emptyFilter(), year: 2020 })).toBe(true);
  });
});

describe('selectionSentence', () => {
  const summary = { recordings: 41, releases: 23, artists: 11, publicRecordings: 30 };
  const f = (over: Partial<ReturnType<typeof emptyFilter>>) => ({ ...emptyFilter(), ...over });

  it.each([
    [f({ instrument: 'keys' }), {}, 'Played keys on 23 releases for 11 artists'],
    [f({ instrument: 'hammond organ' }), { instrument: 'Hammond organ' }, 'Played Hammond organ on 23 releases for 11 artists'],
    [f({ instrument: 'rhodes', role: 'Soloist' }), { instrument: 'Rhodes' }, 'Played Rhodes as soloist on 23 releases for 11 artists'],
    [f({ instrument: 'rhodes', role: 'StudioMusician' }), { instrument: 'Rhodes' }, 'Played Rhodes on 23 releases for 11 artists'],
    [f({ role: 'BackgroundVocalist' }), {}, 'Credited as background vocalist on 23 releases for 11 artists'],
    [f({}), {}, 'Credited on 23 releases for 11 artists'],
    [f({ instrument: 'keys', genre: 'soul', year: 2025 }), {}, 'Played keys on 23 soul releases from 2025 for 11 artists'],
    [f({ artist: 'june alvarez' }), { artist: 'June Alvarez' }, 'Credited on 23 releases for June Alvarez'],
  ] as const)('%j → %s', (filter, labels, sentence) => {
    expect(selectionSentence(filter, summary, labels)).toBe(sentence);
  });

  it('uses the singular for one', () => {
    expect(selectionSentence(f({ instrument: 'keys' }), { recordings: 1, releases: 1, artists: 1, publicRecordings: 1 })).toBe('Played keys on 1 release for 1 artist');
  });

  it('says so when nothing matches', () => {
    const none = { recordings: 0, releases: 0, artists: 0, publicRecordings: 0 };
    expect(selectionSentence(f({ instrument: 'anything at all' }), none)).toBe('No recordings match this selection yet.');
    expect(selectionSentence(f({}), none)).toBe('No recordings yet.');
  });
});

describe('labels', () => {
  it('reads the display form of each value from the recordings shown', () => {
    const recordings = [
      { artist: 'Delphine Ash', genres: 'jazz, Soul', credits: [{ role: 'StudioMusician', instrument: 'Rhodes' }] },
    ];
    const filter = { ...emptyFilter(), instrument: 'rhodes', genre: 'soul', artist: 'delphine ash', role: 'StudioMusician' as const, year: 2024 };
    const labels = labelsFrom(filter, recordings);
    expect(labels).toEqual({ instrument: 'Rhodes', genre: 'Soul', artist: 'Delphine Ash' });
    expect(selectionLabel(filter, labels)).toBe('Rhodes · Studio musician · Soul · 2024 · Delphine Ash');
  });
});
