// Outreach data: the log (filtered, paginated), the follow-ups due, one
// entry, and saving with the client picked or typed. Raw SQL filters every
// table by userId; a constant number of statements per page.
import { Prisma } from '../generated/prisma/client.ts';
import type { UserDb } from '../db/scoped.ts';
import { likePattern, numbers } from '../db/sql.ts';
import { resolveClient } from '../clients/queries.ts';
import type { FieldErrors } from '../web/forms.ts';
import { OUTREACH_PAGE_SIZE, type OutreachFilter, type OutreachInput } from './schemas.ts';

export type OutreachRow = {
  id: number;
  contactedOn: string;
  channel: string;
  contactName: string;
  clientId: number | null;
  clientName: string | null;
  selection: string;
  followUpOn: string | null;
  outcome: string;
  notes: string;
};

/** Follow-ups shown at most in the "due" block (the rest are counted). */
export const DUE_LIMIT = 50;
/** Follow-ups coming up, shown under the due ones. */
export const UPCOMING_LIMIT = 3;

const columns = (userId: number) => Prisma.sql`
  e.id, e.contactedOn, e.channel, e.contactName, e.clientId, c.name AS clientName, e.selection, e.followUpOn, e.outcome, e.notes
  FROM OutreachEntry e LEFT JOIN Client c ON c.id = e.clientId AND c.userId = ${userId}`;

const toRow = (raw: Record<string, unknown>): OutreachRow => {
  const r = numbers(raw);
  return {
    id: Number(r.id),
    contactedOn: String(r.contactedOn),
    channel: String(r.channel),
    contactName: String(r.contactName ?? ''),
    clientId: r.clientId == null ? null : Number(r.clientId),
    clientName: r.clientName == null ? null : String(r.clientName),
    selection: String(r.selection ?? ''),
    followUpOn: r.followUpOn == null ? null : String(r.followUpOn),
    outcome: String(r.outcome ?? ''),
    notes: String(r.notes ?? ''),
  };
};

/** The log's conditions on `OutreachEntry e` (joined to `Client c`). */
function logWhere(userId: number, f: OutreachFilter): Prisma.Sql {
  const conditions = [Prisma.sql`e.userId = ${userId}`];
  if (f.state === 'open') conditions.push(Prisma.sql`e.outcome = ''`);
  if (f.state === 'answered') conditions.push(Prisma.sql`e.outcome <> ''`);
  if (f.q) {
    const p = likePattern(f.q);
    conditions.push(
      Prisma.sql`(e.contactName LIKE ${p} ESCAPE '\\' OR c.name LIKE ${p} ESCAPE '\\' OR e.notes LIKE ${p} ESCAPE '\\' OR e.outcome LIKE ${p} ESCAPE '\\')`,
    );
  }
  return Prisma.join(conditions, ' AND ');
}

/** One page of the log, newest contact first: two statements (count, page). */
export async function findOutreach(db: UserDb, f: OutreachFilter) {
  const userId = db.$userId;
  const where = logWhere(userId, f);
  const [counted] = await db.$queryRaw<{ n: unknown }[]>`
    SELECT COUNT(*) AS n FROM OutreachEntry e LEFT JOIN Client c ON c.id = e.clientId AND c.userId = ${userId} WHERE ${where}`;
  const total = Number(numbers(counted ?? { n: 0 }).n ?? 0);
  const pages = Math.max(1, Math.ceil(total / OUTREACH_PAGE_SIZE));
  const page = Math.min(f.page, pages);
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${columns(userId)}
    WHERE ${where}
    ORDER BY e.contactedOn DESC, e.id DESC
    LIMIT ${OUTREACH_PAGE_SIZE} OFFSET ${(page - 1) * OUTREACH_PAGE_SIZE}`;
  return { rows: rows.map(toRow), total, page, pages };
}

/** Every entry the filter matches (the CSV export), newest first, one statement. */
export async function outreachExportRows(db: UserDb, f: OutreachFilter): Promise<OutreachRow[]> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT ${columns(userId)} WHERE ${logWhere(userId, f)} ORDER BY e.contactedOn DESC, e.id DESC`;
  return rows.map(toRow);
}

/**
 * Follow-ups still waiting for an answer (no outcome), in ONE statement:
 * those due on or before `today` (the musician's date), oldest first, with
 * their total; and the next few coming up.
 */
export async function followUps(db: UserDb, today: string) {
  const userId = db.$userId;
  const open = Prisma.sql`e.userId = ${userId} AND e.outcome = '' AND e.followUpOn IS NOT NULL`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT * FROM (
      SELECT 'due' AS bucket, COUNT(*) OVER () AS bucketTotal, ${columns(userId)}
      WHERE ${open} AND e.followUpOn <= ${today}
      ORDER BY e.followUpOn, e.id LIMIT ${DUE_LIMIT}
    )
    UNION ALL
    SELECT * FROM (
      SELECT 'upcoming', COUNT(*) OVER (), ${columns(userId)}
      WHERE ${open} AND e.followUpOn > ${today}
      ORDER BY e.followUpOn, e.id LIMIT ${UPCOMING_LIMIT}
    )`;
  const due = rows.filter((r) => r.bucket === 'due');
  const upcoming = rows.filter((r) => r.bucket === 'upcoming');
  return {
    due: due.map(toRow),
    dueTotal: due.length ? Number(numbers(due[0]).bucketTotal) : 0,
    upcoming: upcoming.map(toRow),
  };
}

export function getOutreachEntry(db: UserDb, id: number) {
  return db.outreachEntry.findUnique({ where: { id }, include: { client: { select: { id: true, name: true } } } });
}

export type OutreachEntryDetail = NonNullable<Awaited<ReturnType<typeof getOutreachEntry>>>;

type SaveResult = { ok: true; id: number; createdClient: string | null } | { ok: false; errors: FieldErrors };

class Refused extends Error {
  constructor(readonly errors: FieldErrors) {
    super('refused');
  }
}

/**
 * Creates (id null) or updates an entry, with its client picked by id or
 * typed by name (found or created), in one transaction: a refusal rolls back
 * a client created on the way, so nothing is half-written.
 */
export async function saveOutreachEntry(db: UserDb, id: number | null, input: OutreachInput): Promise<SaveResult> {
  try {
    return await db.$transaction(async (tx) => {
      const scoped = tx as unknown as UserDb;
      const client = await resolveClient(scoped, { id: input.clientId, name: input.clientName });
      if (client === 'not-found') throw new Refused({ clientName: 'That client is not in your list. Pick one from the list or type a new name.' });
      const data = {
        clientId: client?.id ?? null,
        contactName: input.contactName,
        contactedOn: input.contactedOn,
        channel: input.channel,
        selection: input.selection,
        followUpOn: input.followUpOn,
        outcome: input.outcome,
        notes: input.notes,
      };
      const saved =
        id === null
          ? await tx.outreachEntry.create({ data: { userId: db.$userId, ...data }, select: { id: true } })
          : await tx.outreachEntry.update({ where: { id }, data, select: { id: true } });
      return { ok: true as const, id: saved.id, createdClient: client?.created ? client.name : null };
    });
  } catch (err) {
    if (err instanceof Refused) return { ok: false, errors: err.errors };
    throw err;
  }
}

/** Closes a follow-up with its outcome (another musician's id: P2025 → 404). */
export async function markHandled(db: UserDb, id: number, outcome: string) {
  await db.outreachEntry.update({ where: { id }, data: { outcome } });
}

export async function deleteOutreachEntry(db: UserDb, id: number) {
  await db.outreachEntry.delete({ where: { id } });
}
