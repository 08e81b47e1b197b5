// A portfolio selection: which recordings to show a studio ("keys on soul
// records") and everything built from it. The private portfolio (/portfolio),
// the public page (/p/<slug>), the exports and outreach all use this module,
// so a selection means the same thing everywhere and travels as a URL:
//
//   const { filter } = parsePortfolioFilter(req.query);        // from a URL
//   const page = await findSelection(db, filter, { publicOnly: true });
//   selectionSentence(filter, page.summary, page.labels)       // "Played keys on 23 releases for 11 artists"
//   publicPortfolioPath('maya-okafor', filter)                 // "/p/maya-okafor?instrument=keys&genre=soul"
//
// Matching rules: instrument, genre and artist match whole values, ignoring
// ASCII case (the same folding as SQLite's LOWER, so the URL, the SQL and the
// pick lists agree); instrument and role must be on the same credit; year is
// the release year. Everything is computed in SQL, a fixed number of
// statements whatever the number of recordings, every table filtered by userId.
import { Prisma } from '../generated/prisma/client.ts';
import type { UserDb } from '../db/scoped.ts';
import { numbers } from '../db/sql.ts';
import { creditRoles } from '../domain/vocabulary.ts';

export type CreditRole = (typeof creditRoles.values)[number];
export type PortfolioSort = 'featured' | 'release';

export type PortfolioFilter = {
  /** ASCII-lower-cased instrument ("hammond organ"), or null for any. */
  instrument: string | null;
  role: CreditRole | null;
  /** ASCII-lower-cased genre ("soul"), or null for any. */
  genre: string | null;
  /** Release year, or null for any. */
  year: number | null;
  /** ASCII-lower-cased artist as credited, or null for any. */
  artist: string | null;
  /** featured: featured order first, then newest; release: newest release first. */
  sort: PortfolioSort;
  page: number;
};

export const DEFAULT_SORT: PortfolioSort = 'featured';
export const portfolioSorts: { value: PortfolioSort; label: string }[] = [
  { value: 'featured', label: 'Featured first' },
  { value: 'release', label: 'Newest release first' },
];
export const SELECTION_PAGE_SIZE = 50;
const TEXT_FILTER_MAX = 100;

export const emptyFilter = (): PortfolioFilter => ({ instrument: null, role: null, genre: null, year: null, artist: null, sort: DEFAULT_SORT, page: 1 });

/** Lower-cases A–Z only, exactly like SQLite's LOWER(), so JS and SQL compare the same way. */
export const foldCase = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

const one = (v: unknown) => (typeof v === 'string' ? v.trim().replace(/\s+/g, ' ') : '');

/**
 * The selection in a URL's query. Unreadable values are ignored with a note
 * (a hand-edited or old link still shows a page); they never cause an error.
 */
export function parsePortfolioFilter(query: Record<string, unknown>): { filter: PortfolioFilter; problems: string[] } {
  const problems: string[] = [];
  const textValue = (name: 'instrument' | 'genre' | 'artist') => {
    const v = one(query[name]);
    if (v.length > TEXT_FILTER_MAX) {
      problems.push(`Ignored the ${name}: it is longer than ${TEXT_FILTER_MAX} characters.`);
      return null;
    }
    return v ? foldCase(v) : null;
  };
  const roleText = one(query.role);
  const role = (creditRoles.values as readonly string[]).includes(roleText) ? (roleText as CreditRole) : null;
  if (roleText && !role) problems.push(`Ignored the role “${roleText.slice(0, 40)}”: choose one from the list.`);
  const yearText = one(query.year);
  const year = /^(19|20|21)\d\d$/.test(yearText) ? Number(yearText) : null;
  if (yearText && year === null) problems.push(`Ignored the year “${yearText.slice(0, 20)}”: use a year like 2025.`);
  const sortText = one(query.sort);
  const sort = portfolioSorts.some((s) => s.value === sortText) ? (sortText as PortfolioSort) : DEFAULT_SORT;
  const pageText = one(query.page);
  const page = /^[1-9]\d{0,5}$/.test(pageText) ? Number(pageText) : 1;
  return {
    filter: { instrument: textValue('instrument'), role, genre: textValue('genre'), year, artist: textValue('artist'), sort, page },
    problems,
  };
}

/** True when any of instrument, role, genre, year or artist narrows the selection (sort and page don't). */
export function isFiltered(f: PortfolioFilter): boolean {
  return Boolean(f.instrument || f.role || f.genre || f.year || f.artist);
}

/** The query string of a selection, with overrides: "?instrument=keys&genre=soul", or "" for everything. */
export function portfolioQuery(filter: PortfolioFilter, overrides: Partial<PortfolioFilter> = {}): string {
  const f = { ...filter, ...overrides };
  const params = new URLSearchParams();
  if (f.instrument) params.set('instrument', f.instrument);
  if (f.role) params.set('role', f.role);
  if (f.genre) params.set('genre', f.genre);
  if (f.year) params.set('year', String(f.year));
  if (f.artist) params.set('artist', f.artist);
  if (f.sort !== DEFAULT_SORT) params.set('sort', f.sort);
  if (f.page > 1) params.set('page', String(f.page));
  const s = params.toString().replace(/\+/g, '%20');
  return s ? `?${s}` : '';
}

/** Path of the public page showing this selection (always its first page). */
export function publicPortfolioPath(slug: string, filter: PortfolioFilter = emptyFilter()): string {
  return `/p/${encodeURIComponent(slug)}${portfolioQuery(filter, { page: 1 })}`;
}

export type SelectionScope = {
  /** Only recordings marked public: always true for anything a visitor or a studio sees. */
  publicOnly: boolean;
};

/** LIKE pattern matching one item of a comma-separated list wrapped as ",a,b,". */
const listItemPattern = (value: string) => `%,${value.replace(/[\\%_]/g, (c) => `\\${c}`)},%`;

/** The selection's condition on `Recording r` of `userId` (for joins and exports that build their own SELECT). */
export function selectionWhere(userId: number, f: PortfolioFilter, scope: SelectionScope): Prisma.Sql {
  const conditions = [Prisma.sql`r.userId = ${userId}`];
  if (scope.publicOnly) conditions.push(Prisma.sql`r.isPublic = 1`);
  if (f.instrument || f.role) {
    const credit = [Prisma.sql`c.userId = ${userId}`, Prisma.sql`c.recordingId = r.id`];
    if (f.instrument) credit.push(Prisma.sql`LOWER(c.instrument) = ${f.instrument}`);
    if (f.role) credit.push(Prisma.sql`c.role = ${f.role}`);
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM RecordingCredit c WHERE ${Prisma.join(credit, ' AND ')})`);
  }
  if (f.genre) {
    // Genres are stored "soul, r&b" (see normalizeGenres); spaces around commas are tolerated anyway.
    conditions.push(
      Prisma.sql`(',' || REPLACE(REPLACE(LOWER(r.genres), ', ', ','), ' ,', ',') || ',') LIKE ${listItemPattern(f.genre)} ESCAPE '\\'`,
    );
  }
  if (f.year) conditions.push(Prisma.sql`r.releaseDate >= ${`${f.year}-01-01`} AND r.releaseDate <= ${`${f.year}-12-31`}`);
  if (f.artist) conditions.push(Prisma.sql`LOWER(r.artist) = ${f.artist}`);
  return Prisma.join(conditions, ' AND ');
}

const orderBy = (sort: PortfolioSort, alias: string) => {
  const a = Prisma.raw(alias);
  return sort === 'featured'
    ? Prisma.sql`(${a}.displayOrder IS NULL), ${a}.displayOrder, (${a}.releaseDate IS NULL), ${a}.releaseDate DESC, ${a}.id DESC`
    : Prisma.sql`(${a}.releaseDate IS NULL), ${a}.releaseDate DESC, (${a}.displayOrder IS NULL), ${a}.displayOrder, ${a}.id DESC`;
};

export type Credit = { role: string; instrument: string };
export type Link = { kind: string; url: string };

/** What a selection shows of a recording. Nothing private: no notes, session, client or money. */
export type SelectionRecording = {
  id: number;
  title: string;
  artist: string;
  release: string;
  releaseType: string;
  label: string;
  releaseDate: string | null;
  isrc: string | null;
  iswc: string | null;
  genres: string;
  isPublic: boolean;
  displayOrder: number | null;
  credits: Credit[];
  links: Link[];
};

export type SelectionSummary = {
  /** Recordings (tracks) in the selection. */
  recordings: number;
  /** Distinct releases: same artist and release name (a track without a release name is its own release). */
  releases: number;
  artists: number;
  /** Of `recordings`, how many are marked public. */
  publicRecordings: number;
};

/** Display forms of the filter's values as the musician wrote them ("Hammond organ" for "hammond organ"). */
export type SelectionLabels = { instrument: string | null; genre: string | null; artist: string | null };

export type SelectionPage = {
  recordings: SelectionRecording[];
  summary: SelectionSummary;
  labels: SelectionLabels;
  page: number;
  pages: number;
};

// Credits and links of the recording aliased `p`, as JSON arrays, in their form order.
const childColumns = (userId: number) => Prisma.sql`
  (SELECT json_group_array(json_array(cc.role, cc.instrument)) FROM
     (SELECT role, instrument FROM RecordingCredit WHERE userId = ${userId} AND recordingId = p.id ORDER BY position, id) cc) AS creditsJson,
  (SELECT json_group_array(json_array(ll.kind, ll.url)) FROM
     (SELECT kind, url FROM RecordingLink WHERE userId = ${userId} AND recordingId = p.id ORDER BY position, id) ll) AS linksJson`;

const readCredits = (json: string | null): Credit[] =>
  (JSON.parse(json ?? '[]') as [string, string][]).map(([role, instrument]) => ({ role, instrument }));
const readLinks = (json: string | null): Link[] => (JSON.parse(json ?? '[]') as [string, string][]).map(([kind, url]) => ({ kind, url }));

/** A row of the page statement: the summary on every row, then one recording (id null when nothing matched). */
type SelectionRow = Omit<SelectionRecording, 'id' | 'isPublic' | 'credits' | 'links'> & {
  totalRecordings: number;
  totalReleases: number;
  totalArtists: number;
  totalPublic: number;
  id: number | null;
  isPublic: number;
  creditsJson: string | null;
  linksJson: string | null;
};

/**
 * One page of the selection with its summary and labels — ONE SQL statement:
 * the summary is an aggregate over all matches (not just this page), so the
 * counts sentence is right whatever the page.
 */
export async function findSelection(
  db: UserDb,
  filter: PortfolioFilter,
  scope: SelectionScope & { pageSize?: number },
): Promise<SelectionPage> {
  const userId = db.$userId;
  const size = scope.pageSize ?? SELECTION_PAGE_SIZE;
  const offset = (filter.page - 1) * size;
  const rows = await db.$queryRaw<SelectionRow[]>`
    WITH matched AS (
      SELECT r.id, r.title, r.artist, r.release, r.releaseType, r.label, r.releaseDate, r.isrc, r.iswc, r.genres, r.isPublic, r.displayOrder
      FROM Recording r WHERE ${selectionWhere(userId, filter, scope)}
    ),
    summary AS (
      SELECT COUNT(*) AS totalRecordings,
             COUNT(DISTINCT LOWER(artist) || char(31) || LOWER(COALESCE(NULLIF(release, ''), title))) AS totalReleases,
             COUNT(DISTINCT LOWER(artist)) AS totalArtists,
             COALESCE(SUM(isPublic), 0) AS totalPublic
      FROM matched
    ),
    -- Sort-and-limit first (SQLite keeps only the page's rows in its sorter),
    -- then number just those rows: the same page as numbering every match.
    page AS (
      SELECT m.*, ROW_NUMBER() OVER (ORDER BY ${orderBy(filter.sort, 'm')}) AS rn FROM (
        SELECT * FROM matched m ORDER BY ${orderBy(filter.sort, 'm')} LIMIT ${size} OFFSET ${offset}
      ) m
    )
    SELECT s.*, p.id, p.title, p.artist, p.release, p.releaseType, p.label, p.releaseDate, p.isrc, p.iswc, p.genres, p.isPublic, p.displayOrder,
           ${childColumns(userId)}
    FROM summary s LEFT JOIN page p ON 1 = 1
    ORDER BY p.rn`;
  const first = numbers(rows[0]);
  const summary: SelectionSummary = {
    recordings: first.totalRecordings,
    releases: first.totalReleases,
    artists: first.totalArtists,
    publicRecordings: first.totalPublic,
  };
  const recordings = rows
    .filter((r) => r.id !== null)
    .map((raw) => {
      const r = numbers(raw);
      return {
        id: r.id!,
        title: r.title,
        artist: r.artist,
        release: r.release,
        releaseType: r.releaseType,
        label: r.label,
        releaseDate: r.releaseDate,
        isrc: r.isrc,
        iswc: r.iswc,
        genres: r.genres,
        isPublic: Boolean(r.isPublic),
        displayOrder: r.displayOrder,
        credits: readCredits(r.creditsJson),
        links: readLinks(r.linksJson),
      };
    });
  return {
    recordings,
    summary,
    labels: labelsFrom(filter, recordings),
    page: filter.page,
    pages: Math.max(1, Math.ceil(summary.recordings / size)),
  };
}

/** The filter's values as the musician wrote them, read from the recordings shown (display only). */
export function labelsFrom(f: PortfolioFilter, recordings: readonly Pick<SelectionRecording, 'artist' | 'genres' | 'credits'>[]): SelectionLabels {
  // Of the spellings on show, the first in binary order ("Hammond organ" before "hammond organ"),
  // the same choice as the pick lists' MIN() in SQL.
  const pick = (wanted: string | null, values: (r: (typeof recordings)[number]) => string[]) => {
    if (!wanted) return null;
    let best: string | null = null;
    for (const r of recordings) for (const v of values(r)) if (foldCase(v) === wanted && (best === null || v < best)) best = v;
    return best;
  };
  return {
    instrument: pick(f.instrument, (r) => r.credits.map((c) => c.instrument)),
    genre: pick(f.genre, (r) => r.genres.split(',').map((g) => g.trim())),
    artist: pick(f.artist, (r) => [r.artist]),
  };
}

export type FacetOption = { value: string; label: string; count: number };
export type SelectionFacets = Record<'instrument' | 'role' | 'genre' | 'year' | 'artist', FacetOption[]>;

/**
 * The pick lists for a selection form, built from the musician's own data
 * with the number of recordings behind each value, in ONE statement.
 * Counts are over the whole scope (all recordings, or all public ones).
 */
export async function selectionFacets(db: UserDb, scope: SelectionScope): Promise<SelectionFacets> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<{ facet: keyof SelectionFacets; value: string; label: string; n: number }[]>`
    WITH RECURSIVE base AS (
      SELECT r.id, r.artist, r.releaseDate, r.genres FROM Recording r
      WHERE r.userId = ${userId} ${scope.publicOnly ? Prisma.sql`AND r.isPublic = 1` : Prisma.empty}
    ),
    split(id, genre, rest) AS (
      SELECT id, '', genres || ',' FROM base
      UNION ALL
      SELECT id, TRIM(SUBSTR(rest, 1, INSTR(rest, ',') - 1)), SUBSTR(rest, INSTR(rest, ',') + 1) FROM split WHERE rest <> ''
    ),
    facets AS (
      SELECT 'instrument' AS facet, LOWER(c.instrument) AS value, MIN(c.instrument) AS label, COUNT(DISTINCT c.recordingId) AS n
        FROM RecordingCredit c JOIN base b ON b.id = c.recordingId
        WHERE c.userId = ${userId} AND c.instrument <> '' GROUP BY LOWER(c.instrument)
      UNION ALL
      SELECT 'role', c.role, c.role, COUNT(DISTINCT c.recordingId)
        FROM RecordingCredit c JOIN base b ON b.id = c.recordingId
        WHERE c.userId = ${userId} GROUP BY c.role
      UNION ALL
      SELECT 'genre', LOWER(genre), MIN(genre), COUNT(DISTINCT id) FROM split WHERE genre <> '' GROUP BY LOWER(genre)
      UNION ALL
      SELECT 'year', SUBSTR(releaseDate, 1, 4), SUBSTR(releaseDate, 1, 4), COUNT(*) FROM base WHERE releaseDate IS NOT NULL GROUP BY SUBSTR(releaseDate, 1, 4)
      UNION ALL
      SELECT 'artist', LOWER(artist), MIN(artist), COUNT(*) FROM base GROUP BY LOWER(artist)
    )
    SELECT facet, value, label, n FROM facets
    ORDER BY facet, CASE WHEN facet = 'year' THEN value END DESC, n DESC, LOWER(label)`;
  const facets: SelectionFacets = { instrument: [], role: [], genre: [], year: [], artist: [] };
  for (const raw of rows) {
    const r = numbers(raw);
    const label = r.facet === 'role' ? creditRoles.labelOf(r.value) : r.label;
    facets[r.facet].push({ value: r.value, label, count: r.n });
  }
  return facets;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * "Played keys on 23 releases for 11 artists", for the current selection:
 * the portfolio's summary line, the public page's description, a pitch.
 */
export function selectionSentence(f: PortfolioFilter, summary: SelectionSummary, labels: Partial<SelectionLabels> = {}): string {
  const instrument = labels.instrument ?? f.instrument;
  const genre = labels.genre ?? f.genre;
  const artist = labels.artist ?? f.artist;
  const role = f.role ? creditRoles.labelOf(f.role).toLowerCase() : null;
  if (summary.recordings === 0) return isFiltered(f) ? 'No recordings match this selection yet.' : 'No recordings yet.';
  let subject = 'Credited';
  if (instrument) subject = `Played ${instrument}${role && f.role !== 'StudioMusician' ? ` as ${role}` : ''}`;
  else if (role) subject = `Credited as ${role}`;
  const releases = genre ? plural(summary.releases, `${genre} release`) : plural(summary.releases, 'release');
  const forWhom = artist ? `for ${artist}` : `for ${plural(summary.artists, 'artist')}`;
  const when = f.year ? ` from ${f.year}` : '';
  return `${subject} on ${releases}${when} ${forWhom}`;
}

/** "Hammond organ · soul · 2025" — the selection in a few words, for headings and link texts. */
export function selectionLabel(f: PortfolioFilter, labels: Partial<SelectionLabels> = {}): string {
  return [
    labels.instrument ?? f.instrument,
    f.role ? creditRoles.labelOf(f.role) : null,
    labels.genre ?? f.genre,
    f.year ? String(f.year) : null,
    labels.artist ?? f.artist,
  ]
    .filter(Boolean)
    .join(' · ');
}
