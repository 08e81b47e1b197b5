// Client look-ups shared by features (gigs, payments, imports), and the
// data behind the clients pages.
import type { UserDb } from '../db/scoped.ts';
import { Prisma } from '../generated/prisma/client.ts';
import { gigBalancesCte, isOwedAsOf } from '../money/balances.ts';
import { likePattern } from '../db/sql.ts';
import { HISTORY_PAGE_SIZE, PAGE_SIZE, type ClientInput, type ClientListFilter } from './schemas.ts';

/**
 * The client a form names: by id when one was picked from the list, else by
 * name (case-insensitive, archived ones included so they are not duplicated),
 * creating a new client when the name is new. Returns null when neither is
 * given, and `'not-found'` for an id that is not this musician's.
 */
export async function resolveClient(
  db: UserDb,
  choice: { id: number | null; name: string },
  defaults: { kind?: string } = {},
): Promise<{ id: number; name: string; created: boolean } | null | 'not-found'> {
  if (choice.id !== null) {
    const client = await db.client.findUnique({ where: { id: choice.id }, select: { id: true, name: true } });
    return client ? { ...client, created: false } : 'not-found';
  }
  const name = choice.name.trim();
  if (!name) return null;
  const existing = await findClientByName(db, name);
  if (existing) return { ...existing, created: false };
  const created = await db.client.create({ data: { userId: db.$userId, name, kind: defaults.kind ?? 'other' }, select: { id: true, name: true } });
  return { ...created, created: true };
}

/**
 * Case-insensitive exact match on the name, beyond ASCII too ("ÉCLAIR" finds
 * "Éclair"). Prisma's `contains` on SQLite neither escapes % and _ nor folds
 * non-ASCII case, so the fallback is duplicateName's same-length comparison.
 */
export async function findClientByName(db: UserDb, name: string) {
  const candidates = await db.client.findMany({
    where: { name: { equals: name } },
    select: { id: true, name: true },
    take: 1,
  });
  if (candidates[0]) return candidates[0];
  return duplicateName(db, name);
}

/** Names and ids for pick lists, most used first would be nicer; alphabetical is predictable. */
export function clientChoices(db: UserDb) {
  // Raw SQL: a busy musician has hundreds of clients and this list is on
  // every gig form and the gigs list; Prisma's row mapping costs ~10x more.
  return db.$queryRaw<{ id: number; name: string; kind: string }[]>`
    SELECT id, name, kind FROM Client WHERE userId = ${db.$userId} AND archived = 0 ORDER BY name COLLATE NOCASE, id`;
}

// ---------------------------------------------------------------------------
// The clients pages: list, client page, merge preview. Aggregates are SQL
// (GROUP BY), a constant number of queries per page whatever the number of
// clients; "owed" always comes from gigBalancesCte.


/** An amount in one currency; lists of these are never added across currencies. */
export type Money = { currency: string; amountMinor: number };

/** Per client: gigs booked or paid, money received this year and ever, and owed now — each per currency. */
export type ClientFigures = { gigs: number; earnedThisYear: Money[]; receivedAllTime: Money[]; owedNow: Money[] };

export type ClientListRow = {
  id: number;
  name: string;
  kind: string;
  company: string;
  city: string;
  archived: boolean;
  figures: ClientFigures;
};


/** SQLite aggregates may come back as BigInt; our amounts fit in a double exactly. */
const num = (v: unknown) => (typeof v === 'bigint' ? Number(v) : Number(v ?? 0));

const emptyFigures = (): ClientFigures => ({ gigs: 0, earnedThisYear: [], receivedAllTime: [], owedNow: [] });

/** The clients list's conditions on `Client c` — shared with the CSV export. */
export function clientListWhere(userId: number, f: ClientListFilter) {
  const conditions = [Prisma.sql`c.userId = ${userId}`];
  if (!f.archived) conditions.push(Prisma.sql`c.archived = 0`);
  if (f.kind) conditions.push(Prisma.sql`c.kind = ${f.kind}`);
  if (f.q) {
    const p = likePattern(f.q);
    conditions.push(
      Prisma.sql`(c.name LIKE ${p} ESCAPE '\\' OR c.company LIKE ${p} ESCAPE '\\' OR c.email LIKE ${p} ESCAPE '\\' OR c.city LIKE ${p} ESCAPE '\\')`,
    );
  }
  return Prisma.join(conditions, ' AND ');
}

/**
 * One page of the clients list with each row's figures: three queries
 * (count, page, figures) whatever the number of clients.
 */
export async function findClients(db: UserDb, f: ClientListFilter, today: string) {
  const userId = db.$userId;
  const where = clientListWhere(userId, f);
  const counted = await db.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS n FROM Client c WHERE ${where}`;
  const total = num(counted[0]?.n);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(f.page, pages);
  const rows = await db.$queryRaw<{ id: unknown; name: string; kind: string; company: string; city: string; archived: unknown }[]>`
    SELECT c.id, c.name, c.kind, c.company, c.city, c.archived
    FROM Client c WHERE ${where}
    ORDER BY c.name COLLATE NOCASE, c.id
    LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`;
  const ids = rows.map((r) => num(r.id));
  const figures = await clientFigures(db, ids, today);
  const list: ClientListRow[] = rows.map((r) => ({
    id: num(r.id),
    name: r.name,
    kind: r.kind,
    company: r.company,
    city: r.city,
    archived: Boolean(num(r.archived)),
    figures: figures.get(num(r.id)) ?? emptyFigures(),
  }));
  return { rows: list, total, page, pages };
}

/**
 * Figures for the given clients in ONE query (UNION ALL of grouped parts):
 * - gigs: distinct gigs the client booked or pays for;
 * - earned: payments received from the client in the calendar year of `today`
 *   (the musician's time zone), per currency;
 * - received: all payments received from the client, per currency;
 * - owed: Σ owedMinor of the client's gigs owed as of today (isOwedAsOf:
 *   positive balance, gig date ≤ today) from gigBalancesCte, grouped by
 *   billToId (payer, else booker), per currency.
 *   An overpaid gig does not offset another gig's debt.
 */
export async function clientFigures(db: UserDb, ids: number[], today: string): Promise<Map<number, ClientFigures>> {
  const result = new Map<number, ClientFigures>();
  if (ids.length === 0) return result;
  const userId = db.$userId;
  const inIds = Prisma.join(ids);
  const year = today.slice(0, 4);
  const rows = await db.$queryRaw<{ measure: string; clientId: unknown; currency: string; amount: unknown }[]>`
    WITH ${gigBalancesCte(userId)}
    SELECT 'gigs' AS measure, x.cid AS clientId, '' AS currency, COUNT(*) AS amount
    FROM (
      SELECT clientId AS cid, id FROM Gig WHERE userId = ${userId} AND clientId IN (${inIds})
      UNION
      SELECT payerId AS cid, id FROM Gig WHERE userId = ${userId} AND payerId IN (${inIds})
    ) x
    GROUP BY x.cid
    UNION ALL
    SELECT 'earned', p.clientId, p.currency, SUM(p.amountMinor)
    FROM Payment p
    WHERE p.userId = ${userId} AND p.clientId IN (${inIds}) AND p.receivedOn >= ${`${year}-01-01`} AND p.receivedOn <= ${`${year}-12-31`}
    GROUP BY p.clientId, p.currency
    UNION ALL
    SELECT 'received', p.clientId, p.currency, SUM(p.amountMinor)
    FROM Payment p
    WHERE p.userId = ${userId} AND p.clientId IN (${inIds})
    GROUP BY p.clientId, p.currency
    UNION ALL
    SELECT 'owed', b.billToId, b.currency, SUM(b.owedMinor)
    FROM balances b
    WHERE ${isOwedAsOf(today)} AND b.billToId IN (${inIds})
    GROUP BY b.billToId, b.currency`;
  for (const id of ids) result.set(id, emptyFigures());
  for (const row of rows) {
    const figures = result.get(num(row.clientId));
    if (!figures) continue;
    const amount = num(row.amount);
    if (row.measure === 'gigs') figures.gigs = amount;
    else {
      const money = { currency: row.currency, amountMinor: amount };
      if (row.measure === 'earned') figures.earnedThisYear.push(money);
      if (row.measure === 'received') figures.receivedAllTime.push(money);
      if (row.measure === 'owed') figures.owedNow.push(money);
    }
  }
  const byCode = (a: Money, b: Money) => a.currency.localeCompare(b.currency);
  for (const f of result.values()) {
    f.earnedThisYear.sort(byCode);
    f.receivedAllTime.sort(byCode);
    f.owedNow.sort(byCode);
  }
  return result;
}

/** The client with its organisation and members, or null (another musician's id). */
export function getClient(db: UserDb, id: number) {
  return db.client.findUnique({
    where: { id },
    include: {
      organization: { select: { id: true, name: true, archived: true } },
      members: { select: { id: true, name: true, kind: true, archived: true }, orderBy: { name: 'asc' } },
    },
  });
}

export type ClientDetail = NonNullable<Awaited<ReturnType<typeof getClient>>>;

export type ClientGigRow = {
  id: number;
  date: string;
  title: string;
  artist: string;
  status: string;
  kind: string;
  /** How the client is involved: booked it, pays for it, or both. */
  role: 'booked' | 'paid' | 'both';
  currency: string | null;
  agreedMinor: number | null;
  owedMinor: number | null;
};

/** The gigs a client booked or pays for, newest first, one page; agreed and owed come from the balances. */
export async function clientGigHistory(db: UserDb, clientId: number, requestedPage: number) {
  const userId = db.$userId;
  const total = await db.gig.count({ where: { OR: [{ clientId }, { payerId: clientId }] } });
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const page = Math.min(requestedPage, pages);
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    WITH ${gigBalancesCte(userId)}
    SELECT g.id, g.date, g.title, g.artist, g.status, g.kind, g.clientId, g.payerId, b.currency, b.agreedMinor, b.owedMinor
    FROM Gig g LEFT JOIN balances b ON b.gigId = g.id
    WHERE g.userId = ${userId} AND (g.clientId = ${clientId} OR g.payerId = ${clientId})
    ORDER BY g.date DESC, g.id DESC
    LIMIT ${HISTORY_PAGE_SIZE} OFFSET ${(page - 1) * HISTORY_PAGE_SIZE}`;
  const gigs: ClientGigRow[] = rows.map((r) => {
    const booked = r.clientId != null && num(r.clientId) === clientId;
    const paid = r.payerId != null && num(r.payerId) === clientId;
    return {
      id: num(r.id),
      date: String(r.date),
      title: String(r.title ?? ''),
      artist: String(r.artist ?? ''),
      status: String(r.status),
      kind: String(r.kind),
      role: booked && paid ? 'both' : paid ? 'paid' : 'booked',
      currency: r.currency == null ? null : String(r.currency),
      agreedMinor: r.agreedMinor == null ? null : num(r.agreedMinor),
      owedMinor: r.owedMinor == null ? null : num(r.owedMinor),
    };
  });
  return { gigs, total, page, pages };
}

/** Payments received from a client, newest first, one page. */
export async function clientPayments(db: UserDb, clientId: number, requestedPage: number) {
  const total = await db.payment.count({ where: { clientId } });
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const page = Math.min(requestedPage, pages);
  const payments = await db.payment.findMany({
    where: { clientId },
    select: { id: true, receivedOn: true, amountMinor: true, currency: true, method: true, reference: true },
    orderBy: [{ receivedOn: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * HISTORY_PAGE_SIZE,
    take: HISTORY_PAGE_SIZE,
  });
  return { payments, total, page, pages };
}

/**
 * Another of the musician's clients with the same name, ignoring case
 * (and accents' case: "ÉCLAIR" = "éclair"), or null. SQLite's own case
 * folding is ASCII-only, so candidates of the same length are compared here.
 */
export async function duplicateName(db: UserDb, name: string, exceptId: number | null = null) {
  const userId = db.$userId;
  const candidates = await db.$queryRaw<{ id: unknown; name: string }[]>`
    SELECT id, name FROM Client
    WHERE userId = ${userId} AND length(name) = length(${name}) ${exceptId === null ? Prisma.empty : Prisma.sql`AND id <> ${exceptId}`}
    ORDER BY id`;
  const match = candidates.find((c) => c.name.localeCompare(name, 'en', { sensitivity: 'accent' }) === 0);
  return match ? { id: num(match.id), name: match.name } : null;
}

/**
 * Clients a person can belong to: every active client but `exceptId` itself,
 * plus the current organisation even when archived (so editing keeps it).
 */
export async function organisationChoices(db: UserDb, exceptId: number | null, currentId: number | null) {
  const clients = await db.client.findMany({
    where: {
      ...(exceptId === null ? {} : { id: { not: exceptId } }),
      OR: [{ archived: false }, ...(currentId === null ? [] : [{ id: currentId }])],
    },
    select: { id: true, name: true, archived: true },
    orderBy: { name: 'asc' },
  });
  return clients;
}

/** All other clients (archived too: a duplicate may be merged into an archived one), for the merge select. */
export function mergeChoices(db: UserDb, exceptId: number) {
  return db.client.findMany({
    where: { id: { not: exceptId } },
    select: { id: true, name: true, archived: true, city: true },
    orderBy: { name: 'asc' },
  });
}

/** What a merge would move away from `clientId`. */
export async function mergeCounts(db: UserDb, clientId: number) {
  const [gigs, counts] = await Promise.all([
    db.gig.count({ where: { OR: [{ clientId }, { payerId: clientId }] } }),
    db.client.findUnique({
      where: { id: clientId },
      select: {
        _count: {
          select: { payments: true, invoices: true, royaltyAgreements: true, royaltyStatements: true, outreach: true, members: true },
        },
      },
    }),
  ]);
  const c = counts?._count;
  return {
    gigs,
    payments: c?.payments ?? 0,
    invoices: c?.invoices ?? 0,
    royaltyAgreements: c?.royaltyAgreements ?? 0,
    royaltyStatements: c?.royaltyStatements ?? 0,
    outreach: c?.outreach ?? 0,
    members: c?.members ?? 0,
  };
}

export type MergeCounts = Awaited<ReturnType<typeof mergeCounts>>;

export function createClient(db: UserDb, input: ClientInput) {
  return db.client.create({ data: { userId: db.$userId, ...input }, select: { id: true, name: true } });
}

export function updateClient(db: UserDb, id: number, input: ClientInput) {
  return db.client.update({ where: { id }, data: input, select: { id: true, name: true } });
}

export function setArchived(db: UserDb, id: number, archived: boolean) {
  return db.client.update({ where: { id }, data: { archived }, select: { id: true, name: true } });
}
