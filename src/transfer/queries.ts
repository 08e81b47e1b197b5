// Data for the CSV exports and the gigs import. One query per export,
// whatever the number of rows; raw SQL filters every table by userId.
import { Prisma } from '../generated/prisma/client.ts';
import type { UserDb } from '../db/scoped.ts';
import type { ClientListFilter } from '../clients/schemas.ts';
import { createGigsInTransaction, gigListWhere, gigSorts, type GigFilter } from '../gigs/queries.ts';
import { clientListWhere } from '../clients/queries.ts';
import type { GigInput } from '../gigs/schemas.ts';
import { gigBalancesCte } from '../money/balances.ts';

/** SQLite hands back integers as number or BigInt and booleans as 0/1, depending on the column. */
const num = (v: unknown): number | null => (v == null ? null : Number(v));
const bool = (v: unknown): boolean => v === true || v === 1 || v === 1n || v === '1';


export type GigExportRow = {
  date: string;
  startTime: string | null;
  durationMinutes: number | null;
  kind: string;
  status: string;
  title: string;
  artist: string;
  client: string | null;
  payer: string | null;
  location: string;
  instruments: string;
  union: boolean;
  bFormType: string;
  bFormFiled: boolean;
  workForHire: boolean;
  /** The gig's currency (from its fee lines), also when it counts nothing yet (a hold). */
  currency: string | null;
  /** From gigBalancesCte; null for gigs it does not count (holds, cancelled without a fee). */
  agreedMinor: number | null;
  paidMinor: number | null;
  owedMinor: number | null;
  dueDate: string | null;
  notes: string;
};

/** Every gig matching the list's filters, in the list's order, with its balance: one query. */
export async function gigExportRows(db: UserDb, f: GigFilter, today: string): Promise<GigExportRow[]> {
  const userId = db.$userId;
  const order = Prisma.sql`${gigSorts[f.sort]} ${f.dir === 'asc' ? Prisma.sql`ASC` : Prisma.sql`DESC`}, g.date DESC, g.id DESC`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`WITH ${gigBalancesCte(userId)}
    SELECT g.date, g.startTime, g.durationMinutes, g.kind, g.status, g.title, g.artist,
           c.name AS client, p.name AS payer, g.location, g.instruments,
           g."union" AS isUnion, g.bFormType, g.bFormFiled, g.workForHire,
           COALESCE(b.currency, l.currency) AS currency, b.agreedMinor, b.paidMinor, b.owedMinor,
           g.dueDate, g.notes
    FROM Gig g
    LEFT JOIN Client c ON c.id = g.clientId AND c.userId = ${userId}
    LEFT JOIN Client p ON p.id = g.payerId AND p.userId = ${userId}
    LEFT JOIN balances b ON b.gigId = g.id
    LEFT JOIN (SELECT gigId, MIN(currency) AS currency FROM LineItem WHERE userId = ${userId} GROUP BY gigId) l ON l.gigId = g.id
    WHERE ${gigListWhere(userId, f, today)}
    ORDER BY ${order}`;
  return rows.map((r) => ({
    date: String(r.date),
    startTime: (r.startTime as string | null) ?? null,
    durationMinutes: num(r.durationMinutes),
    kind: String(r.kind),
    status: String(r.status),
    title: String(r.title ?? ''),
    artist: String(r.artist ?? ''),
    client: (r.client as string | null) ?? null,
    payer: (r.payer as string | null) ?? null,
    location: String(r.location ?? ''),
    instruments: String(r.instruments ?? ''),
    union: bool(r.isUnion),
    bFormType: String(r.bFormType ?? ''),
    bFormFiled: bool(r.bFormFiled),
    workForHire: bool(r.workForHire),
    currency: (r.currency as string | null) ?? null,
    agreedMinor: num(r.agreedMinor),
    paidMinor: num(r.paidMinor),
    owedMinor: num(r.owedMinor),
    dueDate: (r.dueDate as string | null) ?? null,
    notes: String(r.notes ?? ''),
  }));
}

export type ClientExportRow = {
  name: string;
  kind: string;
  company: string;
  organization: string | null;
  email: string;
  phone: string;
  city: string;
  archived: boolean;
  gigs: number;
  lastGig: string | null;
  notes: string;
};

/**
 * Every client matching the clients list's filters (q, kind, archived — the
 * same conditions as clientListWhere in src/clients/queries.ts), alphabetical, with
 * how many gigs they booked or paid for and the latest one: one query.
 */
export async function clientExportRows(db: UserDb, f: ClientListFilter): Promise<ClientExportRow[]> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT c.name, c.kind, c.company, o.name AS organization, c.email, c.phone, c.city, c.archived, c.notes,
           COUNT(x.gigId) AS gigs, MAX(x.date) AS lastGig
    FROM Client c
    LEFT JOIN Client o ON o.id = c.organizationId AND o.userId = ${userId}
    LEFT JOIN (
      SELECT clientId AS cid, id AS gigId, date FROM Gig WHERE userId = ${userId} AND clientId IS NOT NULL
      UNION
      SELECT payerId AS cid, id AS gigId, date FROM Gig WHERE userId = ${userId} AND payerId IS NOT NULL
    ) x ON x.cid = c.id
    WHERE ${clientListWhere(userId, f)}
    GROUP BY c.id
    ORDER BY c.name COLLATE NOCASE, c.id`;
  return rows.map((r) => ({
    name: String(r.name),
    kind: String(r.kind),
    company: String(r.company ?? ''),
    organization: (r.organization as string | null) ?? null,
    email: String(r.email ?? ''),
    phone: String(r.phone ?? ''),
    city: String(r.city ?? ''),
    archived: bool(r.archived),
    gigs: num(r.gigs) ?? 0,
    lastGig: (r.lastGig as string | null) ?? null,
    notes: String(r.notes ?? ''),
  }));
}

/** Which of these import keys already belong to this musician's gigs. */
export async function existingImportKeys(db: UserDb, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  // Chunks keep each statement well under SQLite's limit on bound parameters.
  for (let i = 0; i < keys.length; i += 1000) {
    const rows = await db.gig.findMany({ where: { importKey: { in: keys.slice(i, i + 1000) } }, select: { importKey: true } });
    for (const r of rows) if (r.importKey) found.add(r.importKey);
  }
  return found;
}

/**
 * Imports the rows in ONE transaction: all of them or none. Rows whose key
 * already exists are skipped (checked again inside the transaction, so two
 * imports of one file at once cannot both add it: the second one fails on
 * the unique index and writes nothing).
 */
export async function importGigs(db: UserDb, rows: readonly { input: GigInput; importKey: string }[], paymentTermsDays: number) {
  return db.$transaction(
    async (tx) => {
      const scoped = tx as unknown as UserDb;
      const existing = await existingImportKeys(scoped, rows.map((r) => r.importKey));
      const fresh = rows.filter((r) => !existing.has(r.importKey));
      const created = fresh.length ? await createGigsInTransaction(scoped, fresh, { paymentTermsDays }) : { ids: [], createdClients: [] };
      return { imported: created.ids.length, skipped: rows.length - fresh.length, createdClients: created.createdClients };
    },
    // 5,000 rows take a few seconds on a slow disk; the default 5 s would cut that off.
    { timeout: 60_000 },
  );
}
