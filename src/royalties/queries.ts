// Royalties data: agreements and statements (create, update, delete), the pick
// lists of their forms, and the figures of the overview, the per-recording
// page and the statements list. Every function takes the musician-scoped
// handle (forUser). Aggregates are SQL (SUM / COUNT / GROUP BY), a fixed
// number of queries per page whatever the number of rows; every raw query
// filters every table by userId.
import { Prisma } from '../generated/prisma/client.ts';
import type { UserDb } from '../db/scoped.ts';
import { numbers } from '../db/sql.ts';
import type { FieldErrors } from '../web/forms.ts';
import { applyBasisPoints } from '../lib/money.ts';
import { advancePosition, expectedVsReceived, type AdvancePosition, type ExpectedVsReceived } from './recoupment.ts';
import { STATEMENTS_PER_PAGE, type AgreementInput, type StatementFilter, type StatementInput } from './schemas.ts';

/** An amount in one currency; lists of these are never added across currencies. */
export type Money = { currency: string; amountMinor: number };

type SaveResult = { ok: true; id: number } | { ok: false; errors: FieldErrors };

const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0));
const bool = (v: unknown) => v === true || v === 1 || v === 1n;

// ---------------------------------------------------------------------------
// Pick lists for the forms

export function recordingChoices(db: UserDb) {
  return db.recording.findMany({ select: { id: true, title: true, artist: true, gigId: true }, orderBy: [{ title: 'asc' }, { id: 'asc' }] });
}

/**
 * Gigs an agreement can be on: those marked royalty-bearing (not work for
 * hire) or with recordings, newest first, plus the one already chosen.
 */
export function gigChoices(db: UserDb, selectedId: number | null) {
  return db.gig.findMany({
    where: { OR: [{ workForHire: false }, { recordings: { some: {} } }, ...(selectedId ? [{ id: selectedId }] : [])] },
    select: { id: true, date: true, title: true, artist: true },
    orderBy: [{ date: 'desc' }, { id: 'desc' }],
  });
}

/** Clients to pick as payer: the active ones, plus the one already chosen even if archived. */
export function payerChoices(db: UserDb, selectedId: number | null) {
  return db.client.findMany({
    where: { OR: [{ archived: false }, ...(selectedId ? [{ id: selectedId }] : [])] },
    select: { id: true, name: true, archived: true },
    orderBy: { name: 'asc' },
  });
}

export function agreementChoices(db: UserDb) {
  return db.royaltyAgreement.findMany({
    select: {
      id: true,
      rateBps: true,
      currency: true,
      basis: true,
      recordingId: true,
      payerId: true,
      recording: { select: { title: true } },
      gig: { select: { date: true, title: true, artist: true } },
      payer: { select: { name: true } },
    },
    orderBy: { id: 'asc' },
  });
}

// ---------------------------------------------------------------------------
// Agreements: read, save, delete

export function getAgreement(db: UserDb, id: number) {
  return db.royaltyAgreement.findUnique({
    where: { id },
    include: {
      recording: { select: { id: true, title: true, artist: true } },
      gig: { select: { id: true, date: true, title: true, artist: true } },
      payer: { select: { id: true, name: true } },
      _count: { select: { statements: true } },
    },
  });
}

export type AgreementDetail = NonNullable<Awaited<ReturnType<typeof getAgreement>>>;

/** The ids an agreement form names must be the musician's own; a foreign id is a field error. */
async function agreementRefs(db: UserDb, input: AgreementInput) {
  const errors: FieldErrors = {};
  const [recording, gig, payer] = await Promise.all([
    input.recordingId !== null ? db.recording.findUnique({ where: { id: input.recordingId }, select: { id: true, gigId: true } }) : null,
    input.gigId !== null ? db.gig.findUnique({ where: { id: input.gigId }, select: { id: true } }) : null,
    input.payerId !== null ? db.client.findUnique({ where: { id: input.payerId }, select: { id: true } }) : null,
  ]);
  if (input.recordingId !== null && !recording) errors.recordingId = 'Choose one of your recordings from the list.';
  if (input.gigId !== null && !gig) errors.gigId = 'Choose one of your gigs from the list.';
  if (input.payerId !== null && !payer) errors.payerId = 'Choose who pays from your clients.';
  // The session a recording came from is the agreement's gig unless another was chosen.
  return { errors, gigId: input.gigId ?? recording?.gigId ?? null };
}

function agreementColumns(input: AgreementInput, gigId: number | null) {
  return {
    recordingId: input.recordingId,
    gigId,
    payerId: input.payerId,
    basis: input.basis,
    rateBps: input.rateBps,
    advanceMinor: input.advanceMinor,
    currency: input.currency,
    recoupable: input.recoupable,
    startsOn: input.startsOn,
    notes: input.notes,
  };
}

export async function createAgreement(db: UserDb, input: AgreementInput): Promise<SaveResult> {
  return db.$transaction(async (tx) => {
    const scoped = tx as unknown as UserDb;
    const refs = await agreementRefs(scoped, input);
    if (Object.keys(refs.errors).length) return { ok: false, errors: refs.errors };
    const created = await tx.royaltyAgreement.create({ data: { userId: db.$userId, ...agreementColumns(input, refs.gigId) }, select: { id: true } });
    return { ok: true, id: created.id };
  });
}

/**
 * Saves an agreement. When it moves to another recording, the statements
 * recorded under it that named the old recording move with it (one
 * transaction), so the recording pages keep agreeing with the agreement.
 */
export async function updateAgreement(db: UserDb, id: number, input: AgreementInput): Promise<SaveResult & { movedStatements?: number }> {
  return db.$transaction(async (tx) => {
    const scoped = tx as unknown as UserDb;
    const existing = await scoped.royaltyAgreement.findUnique({ where: { id }, select: { recordingId: true, rateBps: true } });
    if (!existing) return { ok: false, errors: { _form: 'This agreement no longer exists.' } };
    const refs = await agreementRefs(scoped, input);
    if (Object.keys(refs.errors).length) return { ok: false, errors: refs.errors };
    const updated = await scoped.royaltyAgreement.update({ where: { id }, data: agreementColumns(input, refs.gigId), select: { rateBps: true } });
    if (updated.rateBps !== existing.rateBps) {
      // Earned figures worked out from the old rate follow the new one; figures the musician typed stay.
      const statements = await scoped.royaltyStatement.findMany({
        where: { agreementId: id, basisAmountMinor: { not: null }, earnedMinor: { not: null } },
        select: { id: true, basisAmountMinor: true, earnedMinor: true },
      });
      for (const st of statements) {
        if (st.earnedMinor === applyBasisPoints(st.basisAmountMinor!, existing.rateBps)) {
          await scoped.royaltyStatement.update({ where: { id: st.id }, data: { earnedMinor: applyBasisPoints(st.basisAmountMinor!, updated.rateBps) } });
        }
      }
    }
    let movedStatements = 0;
    if (existing.recordingId !== null && input.recordingId !== null && existing.recordingId !== input.recordingId) {
      const moved = await scoped.royaltyStatement.updateMany({
        where: { agreementId: id, recordingId: existing.recordingId },
        data: { recordingId: input.recordingId },
      });
      movedStatements = moved.count;
    }
    return { ok: true, id, movedStatements };
  });
}

/** Its statements stay (the schema sets their agreement to null): they are money received. */
export async function deleteAgreement(db: UserDb, id: number) {
  await db.royaltyAgreement.delete({ where: { id } });
}

// ---------------------------------------------------------------------------
// Statements: read, save, delete

export function getStatement(db: UserDb, id: number) {
  return db.royaltyStatement.findUnique({
    where: { id },
    include: {
      recording: { select: { id: true, title: true, artist: true } },
      payer: { select: { id: true, name: true } },
      agreement: { select: { id: true, rateBps: true, recording: { select: { title: true } } } },
    },
  });
}

export type StatementDetail = NonNullable<Awaited<ReturnType<typeof getStatement>>>;

/**
 * Checks the agreement, recording and payer a statement names against the
 * musician's own rows, and fills the recording and payer from the agreement
 * when they were left empty.
 */
async function statementRefs(db: UserDb, input: StatementInput) {
  const errors: FieldErrors = {};
  const [agreement, recording, payer] = await Promise.all([
    input.agreementId !== null
      ? db.royaltyAgreement.findUnique({
          where: { id: input.agreementId },
          select: { id: true, recordingId: true, payerId: true, rateBps: true, recording: { select: { title: true } } },
        })
      : null,
    input.recordingId !== null ? db.recording.findUnique({ where: { id: input.recordingId }, select: { id: true } }) : null,
    input.payerId !== null ? db.client.findUnique({ where: { id: input.payerId }, select: { id: true } }) : null,
  ]);
  if (input.agreementId !== null && !agreement) errors.agreementId = 'Choose one of your agreements from the list.';
  if (input.recordingId !== null && !recording) errors.recordingId = 'Choose one of your recordings from the list.';
  if (input.payerId !== null && !payer) errors.payerId = 'Choose who paid from your clients.';
  if (agreement?.recordingId != null && recording && recording.id !== agreement.recordingId) {
    errors.recordingId = `This agreement is on “${agreement.recording?.title ?? 'another recording'}”: choose that recording, or leave this empty.`;
  }
  return {
    errors,
    recordingId: input.recordingId ?? agreement?.recordingId ?? null,
    payerId: input.payerId ?? agreement?.payerId ?? null,
    rateBps: agreement?.rateBps ?? null,
  };
}

/**
 * The royalties earned a statement stores: the figure typed, else — under an
 * agreement, with a basis amount — the agreement's rate applied to the basis
 * (applyBasisPoints, the one rounding point). Stored so sums stay exact SQL.
 */
export function earnedToStore(input: { basisAmountMinor: number | null; earnedMinor: number | null }, rateBps: number | null): number | null {
  if (input.earnedMinor !== null) return input.earnedMinor;
  if (input.basisAmountMinor !== null && rateBps !== null) return applyBasisPoints(input.basisAmountMinor, rateBps);
  return null;
}

function statementColumns(input: StatementInput, refs: { recordingId: number | null; payerId: number | null; rateBps: number | null }) {
  return {
    source: input.source,
    agreementId: input.agreementId,
    recordingId: refs.recordingId,
    payerId: refs.payerId,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    amountMinor: input.amountMinor,
    basisAmountMinor: input.basisAmountMinor,
    earnedMinor: earnedToStore(input, refs.rateBps),
    currency: input.currency,
    receivedOn: input.receivedOn,
    reference: input.reference,
    notes: input.notes,
  };
}

type StatementSaveResult = { ok: true; id: number; recordingId: number | null } | { ok: false; errors: FieldErrors };

export async function createStatement(db: UserDb, input: StatementInput): Promise<StatementSaveResult> {
  return db.$transaction(async (tx) => {
    const scoped = tx as unknown as UserDb;
    const refs = await statementRefs(scoped, input);
    if (Object.keys(refs.errors).length) return { ok: false, errors: refs.errors };
    const created = await tx.royaltyStatement.create({ data: { userId: db.$userId, ...statementColumns(input, refs) }, select: { id: true } });
    return { ok: true, id: created.id, recordingId: refs.recordingId };
  });
}

export async function updateStatement(db: UserDb, id: number, input: StatementInput): Promise<StatementSaveResult> {
  return db.$transaction(async (tx) => {
    const scoped = tx as unknown as UserDb;
    const refs = await statementRefs(scoped, input);
    if (Object.keys(refs.errors).length) return { ok: false, errors: refs.errors };
    await scoped.royaltyStatement.update({ where: { id }, data: statementColumns(input, refs) });
    return { ok: true, id, recordingId: refs.recordingId };
  });
}

export async function deleteStatement(db: UserDb, id: number) {
  await db.royaltyStatement.delete({ where: { id } });
}

// ---------------------------------------------------------------------------
// Figures per agreement (the overview and the recording page)

export type AgreementFigures = {
  id: number;
  recordingId: number | null;
  recordingTitle: string | null;
  recordingArtist: string | null;
  isrc: string | null;
  gigId: number | null;
  gigDate: string | null;
  gigTitle: string | null;
  payerId: number | null;
  payerName: string | null;
  basis: string;
  rateBps: number;
  advanceMinor: number;
  currency: string;
  recoupable: boolean;
  startsOn: string | null;
  notes: string;
  /** Σ of the statements under the agreement, per currency (the agreement's own first). */
  received: Money[];
  statements: number;
  /** Expected (Σ earned, on N of M statements) against received; see recoupment.ts. */
  expectation: ExpectedVsReceived;
  /** Period end of the earliest statement that paid anything (when the advance was recouped by). */
  firstPaidPeriodEnd: string | null;
  lastPeriodEnd: string | null;
  position: AdvancePosition;
};

type AgreementRow = {
  id: unknown;
  recordingId: unknown;
  recordingTitle: string | null;
  recordingArtist: string | null;
  isrc: string | null;
  gigId: unknown;
  gigDate: string | null;
  gigTitle: string | null;
  gigArtist: string | null;
  payerId: unknown;
  payerName: string | null;
  basis: string;
  rateBps: unknown;
  advanceMinor: unknown;
  currency: string;
  recoupable: unknown;
  startsOn: string | null;
  notes: string;
  receivedCurrency: string | null;
  receivedMinor: unknown;
  statements: unknown;
  paidStatements: unknown;
  earnedStatements: unknown;
  earnedMinor: unknown;
  firstPaidPeriodEnd: string | null;
  lastPeriodEnd: string | null;
};

const nullableId = (v: unknown) => (v == null ? null : num(v));

/**
 * Every agreement (or those on one recording) with its statements' sums per
 * currency: ONE query, a row per agreement and statement currency, grouped
 * here into one entry per agreement (no amounts are added in JS).
 */
export async function agreementFigures(db: UserDb, options: { recordingId?: number } = {}): Promise<AgreementFigures[]> {
  const userId = db.$userId;
  const onRecording = options.recordingId !== undefined ? Prisma.sql`AND a.recordingId = ${options.recordingId}` : Prisma.empty;
  const rows = await db.$queryRaw<AgreementRow[]>`
    SELECT a.id, a.recordingId, r.title AS recordingTitle, r.artist AS recordingArtist, r.isrc,
           a.gigId, g.date AS gigDate, g.title AS gigTitle, g.artist AS gigArtist,
           a.payerId, c.name AS payerName,
           a.basis, a.rateBps, a.advanceMinor, a.currency, a.recoupable, a.startsOn, a.notes,
           s.currency AS receivedCurrency, s.receivedMinor, s.statements, s.paidStatements, s.earnedStatements, s.earnedMinor,
           s.firstPaidPeriodEnd, s.lastPeriodEnd
    FROM RoyaltyAgreement a
    LEFT JOIN Recording r ON r.id = a.recordingId AND r.userId = ${userId}
    LEFT JOIN Gig g ON g.id = a.gigId AND g.userId = ${userId}
    LEFT JOIN Client c ON c.id = a.payerId AND c.userId = ${userId}
    LEFT JOIN (
      SELECT agreementId, currency, SUM(amountMinor) AS receivedMinor, COUNT(*) AS statements,
             SUM(CASE WHEN amountMinor > 0 THEN 1 ELSE 0 END) AS paidStatements,
             COUNT(earnedMinor) AS earnedStatements, SUM(earnedMinor) AS earnedMinor,
             MIN(CASE WHEN amountMinor > 0 THEN periodEnd END) AS firstPaidPeriodEnd,
             MAX(periodEnd) AS lastPeriodEnd
      FROM RoyaltyStatement
      WHERE userId = ${userId} AND agreementId IS NOT NULL
      GROUP BY agreementId, currency
    ) s ON s.agreementId = a.id
    WHERE a.userId = ${userId} ${onRecording}
    ORDER BY COALESCE(r.title, g.title, g.artist, '') COLLATE NOCASE, g.date, a.id, (s.currency = a.currency) DESC, s.currency`;

  type Entry = Omit<AgreementFigures, 'expectation'> & { paid: number; inOwnCurrency: number; expected: Money[]; computable: number; earnedOwn: number; earnedOwnStatements: number };
  const byId = new Map<number, Entry>();
  for (const row of rows) {
    const id = num(row.id);
    let entry = byId.get(id);
    if (!entry) {
      entry = {
        id,
        recordingId: nullableId(row.recordingId),
        recordingTitle: row.recordingTitle,
        recordingArtist: row.recordingArtist,
        isrc: row.isrc,
        gigId: nullableId(row.gigId),
        gigDate: row.gigDate,
        gigTitle: row.gigTitle || row.gigArtist || null,
        payerId: nullableId(row.payerId),
        payerName: row.payerName,
        basis: row.basis,
        rateBps: num(row.rateBps),
        advanceMinor: num(row.advanceMinor),
        currency: row.currency,
        recoupable: bool(row.recoupable),
        startsOn: row.startsOn,
        notes: row.notes,
        received: [],
        statements: 0,
        firstPaidPeriodEnd: null,
        lastPeriodEnd: null,
        position: { state: 'no_advance', earnedAtLeastMinor: 0 },
        paid: 0,
        inOwnCurrency: 0,
        expected: [],
        computable: 0,
        earnedOwn: 0,
        earnedOwnStatements: 0,
      };
      byId.set(id, entry);
    }
    if (row.receivedCurrency !== null) {
      const amountMinor = num(row.receivedMinor);
      entry.received.push({ currency: row.receivedCurrency, amountMinor });
      if (row.receivedCurrency === entry.currency) entry.inOwnCurrency = amountMinor;
      entry.statements += num(row.statements); // a count, not money
      entry.paid += num(row.paidStatements);
      const earnedStatements = num(row.earnedStatements);
      if (earnedStatements > 0) {
        entry.expected.push({ currency: row.receivedCurrency, amountMinor: num(row.earnedMinor) });
        entry.computable += earnedStatements; // a count, not money
        if (row.receivedCurrency === entry.currency) {
          entry.earnedOwn = num(row.earnedMinor);
          entry.earnedOwnStatements = earnedStatements;
        }
      }
      if (row.firstPaidPeriodEnd && (!entry.firstPaidPeriodEnd || row.firstPaidPeriodEnd < entry.firstPaidPeriodEnd)) entry.firstPaidPeriodEnd = row.firstPaidPeriodEnd;
      if (row.lastPeriodEnd && (!entry.lastPeriodEnd || row.lastPeriodEnd > entry.lastPeriodEnd)) entry.lastPeriodEnd = row.lastPeriodEnd;
    }
  }
  return [...byId.values()].map(({ paid, inOwnCurrency, expected, computable, earnedOwn, earnedOwnStatements, ...entry }) => {
    const position = advancePosition({
      advanceMinor: entry.advanceMinor,
      recoupable: entry.recoupable,
      paidStatements: paid,
      receivedMinor: inOwnCurrency,
      statements: entry.statements,
      earnedStatements: earnedOwnStatements,
      earnedMinor: earnedOwn,
    });
    const recoupedMinor = (position.state === 'recouped' || position.state === 'recouping') && position.from === 'earned' ? position.recoupedMinor : 0;
    const expectation = expectedVsReceived({ currency: entry.currency, statements: entry.statements, computableStatements: computable, expected, received: entry.received, recoupedMinor });
    return { ...entry, position, expectation };
  });
}

// ---------------------------------------------------------------------------
// Totals per source and currency (the overview and the recording page)

export type RoyaltyTotals = {
  /** Per source ("agreement", "nonfeatured_fund", "other"): all time and in `year`, per currency. */
  bySource: { source: string; currency: string; allTimeMinor: number; yearMinor: number; statements: number }[];
  allTime: Money[];
  inYear: Money[];
  /** Advances on the agreements, per currency. */
  advances: Money[];
  /** Σ earned ("expected") per currency, over the statements that have an earned figure. */
  expected: Money[];
  /** Statements counted, and how many of them have an earned figure. */
  statements: number;
  earnedStatements: number;
};

/**
 * ONE query: statements grouped by source and currency, by currency alone
 * (every source), and the agreements' advances by currency.
 */
export async function royaltyTotals(db: UserDb, year: string, options: { recordingId?: number } = {}): Promise<RoyaltyTotals> {
  const userId = db.$userId;
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const statementsOf = options.recordingId !== undefined ? onRecordingCondition(userId, options.recordingId) : Prisma.sql`1 = 1`;
  const agreementsOf = options.recordingId !== undefined ? Prisma.sql`a.recordingId = ${options.recordingId}` : Prisma.sql`1 = 1`;
  const rows = await db.$queryRaw<{ kind: string; source: string; currency: string; allTimeMinor: unknown; yearMinor: unknown; n: unknown; earnedMinor: unknown; earnedN: unknown }[]>`
    SELECT 'source' AS kind, s.source AS source, s.currency AS currency, SUM(s.amountMinor) AS allTimeMinor,
           SUM(CASE WHEN s.receivedOn >= ${from} AND s.receivedOn <= ${to} THEN s.amountMinor ELSE 0 END) AS yearMinor, COUNT(*) AS n,
           0 AS earnedMinor, 0 AS earnedN
    FROM RoyaltyStatement s WHERE s.userId = ${userId} AND ${statementsOf}
    GROUP BY s.source, s.currency
    UNION ALL
    SELECT 'all', '', s.currency, SUM(s.amountMinor),
           SUM(CASE WHEN s.receivedOn >= ${from} AND s.receivedOn <= ${to} THEN s.amountMinor ELSE 0 END), COUNT(*),
           COALESCE(SUM(s.earnedMinor), 0), COUNT(s.earnedMinor)
    FROM RoyaltyStatement s WHERE s.userId = ${userId} AND ${statementsOf}
    GROUP BY s.currency
    UNION ALL
    SELECT 'advance', '', a.currency, SUM(a.advanceMinor), 0, COUNT(*), 0, 0
    FROM RoyaltyAgreement a WHERE a.userId = ${userId} AND a.advanceMinor > 0 AND ${agreementsOf}
    GROUP BY a.currency
    ORDER BY 1, 2, 3`;
  const totals: RoyaltyTotals = { bySource: [], allTime: [], inYear: [], advances: [], expected: [], statements: 0, earnedStatements: 0 };
  const order = ['agreement', 'nonfeatured_fund', 'other'];
  for (const r of rows) {
    const allTimeMinor = num(r.allTimeMinor);
    const yearMinor = num(r.yearMinor);
    if (r.kind === 'source') totals.bySource.push({ source: r.source, currency: r.currency, allTimeMinor, yearMinor, statements: num(r.n) });
    else if (r.kind === 'all') {
      totals.allTime.push({ currency: r.currency, amountMinor: allTimeMinor });
      if (yearMinor !== 0) totals.inYear.push({ currency: r.currency, amountMinor: yearMinor });
      const earnedN = num(r.earnedN);
      if (earnedN > 0) totals.expected.push({ currency: r.currency, amountMinor: num(r.earnedMinor) });
      totals.statements += num(r.n); // counts, not money
      totals.earnedStatements += earnedN;
    } else totals.advances.push({ currency: r.currency, amountMinor: allTimeMinor });
  }
  totals.bySource.sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source) || a.currency.localeCompare(b.currency));
  return totals;
}

/** Statements that belong to a recording: named on them, or under an agreement on it. */
function onRecordingCondition(userId: number, recordingId: number) {
  return Prisma.sql`(s.recordingId = ${recordingId} OR s.agreementId IN (
    SELECT a2.id FROM RoyaltyAgreement a2 WHERE a2.userId = ${userId} AND a2.recordingId = ${recordingId}))`;
}

// ---------------------------------------------------------------------------
// The non-featured performers' fund, per year received and currency

export type FundYear = {
  year: string;
  currency: string;
  totalMinor: number;
  payments: number;
  /** Per recording the fund listed the money against; `recordingId` null = lump sum. */
  parts: { recordingId: number | null; title: string | null; artist: string | null; amountMinor: number; payments: number }[];
};

/** ONE query: per year and currency, the total and its split by recording (lump sums apart). */
export async function fundByYear(db: UserDb): Promise<FundYear[]> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<{ year: string; currency: string; isTotal: unknown; recordingId: unknown; title: string | null; artist: string | null; amountMinor: unknown; n: unknown }[]>`
    SELECT * FROM (
      SELECT substr(s.receivedOn, 1, 4) AS year, s.currency AS currency, 1 AS isTotal, NULL AS recordingId, NULL AS title, NULL AS artist,
             SUM(s.amountMinor) AS amountMinor, COUNT(*) AS n
      FROM RoyaltyStatement s
      WHERE s.userId = ${userId} AND s.source = 'nonfeatured_fund'
      GROUP BY substr(s.receivedOn, 1, 4), s.currency
      UNION ALL
      SELECT substr(s.receivedOn, 1, 4), s.currency, 0, s.recordingId, r.title, r.artist, SUM(s.amountMinor), COUNT(*)
      FROM RoyaltyStatement s
      LEFT JOIN Recording r ON r.id = s.recordingId AND r.userId = ${userId}
      WHERE s.userId = ${userId} AND s.source = 'nonfeatured_fund'
      GROUP BY substr(s.receivedOn, 1, 4), s.currency, s.recordingId
    )
    ORDER BY year DESC, currency, isTotal DESC, recordingId IS NOT NULL, title COLLATE NOCASE, recordingId`;
  const years: FundYear[] = [];
  for (const r of rows) {
    if (bool(r.isTotal)) {
      years.push({ year: r.year, currency: r.currency, totalMinor: num(r.amountMinor), payments: num(r.n), parts: [] });
    } else {
      years.at(-1)!.parts.push({ recordingId: nullableId(r.recordingId), title: r.title, artist: r.artist, amountMinor: num(r.amountMinor), payments: num(r.n) });
    }
  }
  return years;
}

// ---------------------------------------------------------------------------
// The statements list, its CSV, and a recording's statements

export type StatementRow = {
  id: number;
  receivedOn: string;
  source: string;
  periodStart: string;
  periodEnd: string;
  amountMinor: number;
  basisAmountMinor: number | null;
  earnedMinor: number | null;
  currency: string;
  reference: string;
  agreementId: number | null;
  payerId: number | null;
  payerName: string | null;
  recordingId: number | null;
  recordingTitle: string | null;
  recordingArtist: string | null;
  isrc: string | null;
};

const STATEMENT_COLUMNS = Prisma.sql`s.id, s.receivedOn, s.source, s.periodStart, s.periodEnd, s.amountMinor, s.basisAmountMinor, s.earnedMinor, s.currency, s.reference,
  s.agreementId, s.payerId, c.name AS payerName, s.recordingId, r.title AS recordingTitle, r.artist AS recordingArtist, r.isrc`;

const statementJoins = (userId: number) => Prisma.sql`FROM RoyaltyStatement s
  LEFT JOIN Client c ON c.id = s.payerId AND c.userId = ${userId}
  LEFT JOIN Recording r ON r.id = s.recordingId AND r.userId = ${userId}`;

/** The statements list's conditions on `RoyaltyStatement s` — shared with the CSV export so the two always agree. */
export function statementListWhere(userId: number, f: StatementFilter) {
  const conditions = [Prisma.sql`s.userId = ${userId}`];
  if (f.year) conditions.push(Prisma.sql`s.receivedOn >= ${`${f.year}-01-01`} AND s.receivedOn <= ${`${f.year}-12-31`}`);
  if (f.payerId) conditions.push(Prisma.sql`s.payerId = ${f.payerId}`);
  if (f.source) conditions.push(Prisma.sql`s.source = ${f.source}`);
  return Prisma.join(conditions, ' AND ');
}

const toStatementRow = (r: Record<string, unknown>): StatementRow => {
  const row = numbers(r) as unknown as StatementRow;
  return row;
};

/** One page of statements, the number of matches and their totals per currency: two queries. */
export async function findStatements(db: UserDb, f: StatementFilter) {
  const userId = db.$userId;
  const where = statementListWhere(userId, f);
  const totalsRows = await db.$queryRaw<{ currency: string; amountMinor: unknown; n: unknown }[]>`
    SELECT s.currency, SUM(s.amountMinor) AS amountMinor, COUNT(*) AS n FROM RoyaltyStatement s WHERE ${where}
    GROUP BY s.currency ORDER BY s.currency`;
  const totals = totalsRows.map((t) => ({ currency: t.currency, amountMinor: num(t.amountMinor) }));
  const total = totalsRows.reduce((n, t) => n + num(t.n), 0); // a count of rows, not money
  const pages = Math.max(1, Math.ceil(total / STATEMENTS_PER_PAGE));
  const page = Math.min(f.page, pages);
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${STATEMENT_COLUMNS} ${statementJoins(userId)}
    WHERE ${where}
    ORDER BY s.receivedOn DESC, s.id DESC
    LIMIT ${STATEMENTS_PER_PAGE} OFFSET ${(page - 1) * STATEMENTS_PER_PAGE}`;
  return { rows: rows.map(toStatementRow), totals, total, page, pages };
}

/** Every matching statement for the CSV, in the list's order: one query. */
export async function statementExportRows(db: UserDb, f: StatementFilter): Promise<StatementRow[]> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${STATEMENT_COLUMNS} ${statementJoins(userId)}
    WHERE ${statementListWhere(userId, f)}
    ORDER BY s.receivedOn DESC, s.id DESC`;
  return rows.map(toStatementRow);
}

/** The years money arrived in and the payers statements name, for the list's filters: one query. */
export async function statementFilterChoices(db: UserDb) {
  const userId = db.$userId;
  const rows = await db.$queryRaw<{ kind: string; value: string; label: string }[]>`
    SELECT DISTINCT 'year' AS kind, substr(s.receivedOn, 1, 4) AS value, substr(s.receivedOn, 1, 4) AS label
    FROM RoyaltyStatement s WHERE s.userId = ${userId}
    UNION
    SELECT DISTINCT 'payer', CAST(c.id AS TEXT), c.name
    FROM RoyaltyStatement s JOIN Client c ON c.id = s.payerId AND c.userId = ${userId}
    WHERE s.userId = ${userId}`;
  return {
    years: rows.filter((r) => r.kind === 'year').map((r) => r.value).sort().reverse(),
    payers: rows
      .filter((r) => r.kind === 'payer')
      .map((r) => ({ id: Number(r.value), name: r.label }))
      .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id - b.id),
  };
}

/** Every statement of one recording (named on it, or under an agreement on it), newest period first. */
export async function recordingStatements(db: UserDb, recordingId: number): Promise<StatementRow[]> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${STATEMENT_COLUMNS} ${statementJoins(userId)}
    WHERE s.userId = ${userId} AND ${onRecordingCondition(userId, recordingId)}
    ORDER BY s.periodEnd DESC, s.receivedOn DESC, s.id DESC`;
  return rows.map(toStatementRow);
}

export function getRecording(db: UserDb, id: number) {
  return db.recording.findUnique({
    where: { id },
    select: { id: true, title: true, artist: true, release: true, releaseType: true, label: true, releaseDate: true, isrc: true, gig: { select: { id: true, date: true, title: true, artist: true } } },
  });
}
