// Recording data functions. Every one takes the musician-scoped handle (forUser).
import { Prisma } from '../generated/prisma/client.ts';
import type { UserDb } from '../db/scoped.ts';
import { numbers } from '../db/sql.ts';
import { gigBalancesCte } from '../money/balances.ts';
import type { FieldErrors } from '../web/forms.ts';
import type { RecordingInput } from './schemas.ts';
import type { SelectionRecording } from '../portfolio/filter.ts';

type SaveResult = { ok: true; id: number } | { ok: false; errors: FieldErrors };

/** How many of the musician's gigs the session select offers (newest first); the linked one is always kept. */
export const SESSION_CHOICES = 200;

function recordingColumns(input: RecordingInput) {
  return {
    title: input.title,
    artist: input.artist,
    release: input.release,
    releaseType: input.releaseType,
    label: input.label,
    releaseDate: input.releaseDate,
    isrc: input.isrc,
    iswc: input.iswc,
    genres: input.genres,
    gigId: input.gigId,
    notes: input.notes,
    isPublic: input.isPublic,
    displayOrder: input.displayOrder,
  };
}

function childRows(userId: number, recordingId: number, input: RecordingInput) {
  return {
    credits: input.credits.map((c, position) => ({ userId, recordingId, role: c.role, instrument: c.instrument, position })),
    links: input.links.map((l, position) => ({ userId, recordingId, kind: l.kind, url: l.url, position })),
  };
}

/** Field errors for rows the form points at that must be the musician's own or unique to them. */
async function checkReferences(db: UserDb, input: RecordingInput, exceptId: number | null): Promise<FieldErrors> {
  const errors: FieldErrors = {};
  if (input.gigId !== null && !(await db.gig.findUnique({ where: { id: input.gigId }, select: { id: true } }))) {
    errors.gigId = 'That session is not in your gigs. Choose one from the list.';
  }
  if (input.isrc !== null) {
    const same = await db.recording.findFirst({
      where: { isrc: input.isrc, ...(exceptId !== null ? { id: { not: exceptId } } : {}) },
      select: { title: true },
    });
    if (same) errors.isrc = `You already have this ISRC on “${same.title}”.`;
  }
  return errors;
}

/** The unique (userId, isrc) index refusing a write that raced past the check above. */
const isDuplicateIsrc = (err: unknown) =>
  err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002';

async function inTransaction(db: UserDb, work: (tx: UserDb) => Promise<SaveResult>): Promise<SaveResult> {
  try {
    return await db.$transaction((tx) => work(tx as unknown as UserDb));
  } catch (err) {
    if (isDuplicateIsrc(err)) return { ok: false, errors: { isrc: 'You already have this ISRC on another recording.' } };
    throw err;
  }
}

/** Adds a recording with its credits and links, all or nothing. */
export function createRecording(db: UserDb, input: RecordingInput): Promise<SaveResult> {
  return inTransaction(db, async (tx) => {
    const errors = await checkReferences(tx, input, null);
    if (Object.keys(errors).length) return { ok: false, errors };
    const { id } = await tx.recording.create({ data: { userId: db.$userId, ...recordingColumns(input) }, select: { id: true } });
    const rows = childRows(db.$userId, id, input);
    if (rows.credits.length) await tx.recordingCredit.createMany({ data: rows.credits });
    if (rows.links.length) await tx.recordingLink.createMany({ data: rows.links });
    return { ok: true, id };
  });
}

/** Replaces a recording's details, credits and links, all or nothing. */
export function updateRecording(db: UserDb, id: number, input: RecordingInput): Promise<SaveResult> {
  return inTransaction(db, async (tx) => {
    const errors = await checkReferences(tx, input, id);
    if (Object.keys(errors).length) return { ok: false, errors };
    await tx.recording.update({ where: { id }, data: recordingColumns(input), select: { id: true } });
    await tx.recordingCredit.deleteMany({ where: { recordingId: id } });
    await tx.recordingLink.deleteMany({ where: { recordingId: id } });
    const rows = childRows(db.$userId, id, input);
    if (rows.credits.length) await tx.recordingCredit.createMany({ data: rows.credits });
    if (rows.links.length) await tx.recordingLink.createMany({ data: rows.links });
    return { ok: true, id };
  });
}

export function getRecording(db: UserDb, id: number) {
  return db.recording.findUnique({
    where: { id },
    include: {
      credits: { orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { role: true, instrument: true } },
      links: { orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { kind: true, url: true } },
    },
  });
}

export type RecordingDetail = NonNullable<Awaited<ReturnType<typeof getRecording>>>;

/** What else points at a recording (shown before deleting it). */
export async function recordingDependents(db: UserDb, id: number) {
  const [agreements, statements] = await Promise.all([
    db.royaltyAgreement.count({ where: { recordingId: id } }),
    db.royaltyStatement.count({ where: { recordingId: id } }),
  ]);
  return { agreements, statements };
}

export async function deleteRecording(db: UserDb, id: number) {
  // Credits and links cascade; royalty agreements and statements stay, unlinked.
  await db.recording.delete({ where: { id } });
}

export type SessionProof = {
  id: number;
  date: string;
  kind: string;
  status: string;
  title: string;
  artist: string;
  union: boolean;
  bFormType: string;
  bFormFiled: boolean;
  clientId: number | null;
  clientName: string | null;
  invoiceId: number | null;
  invoiceNumber: string | null;
  invoiceVoided: boolean;
  currency: string | null;
  agreedMinor: number | null;
  paidMinor: number | null;
  owedMinor: number | null;
  dueDate: string | null;
};

/**
 * The session a credit came from, with what proves it: who booked it, the
 * invoice and whether it was paid (from gigBalancesCte, the one definition of
 * paid), and the B-form. One query; null when the gig is not the musician's.
 */
export async function sessionProof(db: UserDb, gigId: number): Promise<SessionProof | null> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<(Omit<SessionProof, 'union' | 'bFormFiled' | 'invoiceVoided'> & { union: number; bFormFiled: number; invoiceVoided: number })[]>`
    WITH ${gigBalancesCte(userId)}
    SELECT g.id, g.date, g.kind, g.status, g.title, g.artist, g."union" AS "union", g.bFormType, g.bFormFiled,
           c.id AS clientId, c.name AS clientName,
           i.id AS invoiceId, i.number AS invoiceNumber, (i.voidedAt IS NOT NULL) AS invoiceVoided,
           b.currency, b.agreedMinor, b.paidMinor, b.owedMinor, COALESCE(b.dueDate, g.dueDate) AS dueDate
    FROM Gig g
    LEFT JOIN Client c ON c.id = g.clientId AND c.userId = ${userId}
    LEFT JOIN Invoice i ON i.id = g.invoiceId AND i.userId = ${userId}
    LEFT JOIN balances b ON b.gigId = g.id
    WHERE g.userId = ${userId} AND g.id = ${gigId}`;
  const row = rows[0];
  if (!row) return null;
  const n = numbers(row);
  return { ...n, union: Boolean(n.union), bFormFiled: Boolean(n.bFormFiled), invoiceVoided: Boolean(n.invoiceVoided) };
}

export type SessionChoice = { id: number; date: string; kind: string; title: string; artist: string; clientName: string | null };

/** The session select: the musician's gigs, newest first, plus the one already linked if it is older. */
export async function sessionChoices(db: UserDb, keepId: number | null): Promise<SessionChoice[]> {
  const select = { id: true, date: true, kind: true, title: true, artist: true, client: { select: { name: true } } } as const;
  const recent = await db.gig.findMany({ select, orderBy: [{ date: 'desc' }, { id: 'desc' }], take: SESSION_CHOICES });
  if (keepId !== null && !recent.some((g) => g.id === keepId)) {
    const kept = await db.gig.findUnique({ where: { id: keepId }, select });
    if (kept) recent.push(kept);
  }
  return recent.map((g) => ({ id: g.id, date: g.date, kind: g.kind, title: g.title, artist: g.artist, clientName: g.client?.name ?? null }));
}

/** The gig a new recording starts from (?gigId=): what can be pre-filled from it. */
export function gigForRecording(db: UserDb, gigId: number) {
  return db.gig.findUnique({ where: { id: gigId }, select: { id: true, title: true, artist: true, instruments: true, date: true } });
}

// ---------------------------------------------------------------------------
// The CSV export: every recording of a portfolio selection, one statement.

/** What the portfolio shows of a recording, plus the date of the session it came from. */
export type RecordingExportRow = Omit<SelectionRecording, 'id' | 'displayOrder'> & { sessionDate: string | null };

/** All recordings matching `where` (a condition on `Recording r`, see selectionWhere), newest release first. */
export async function recordingExportRows(db: UserDb, where: Prisma.Sql): Promise<RecordingExportRow[]> {
  const userId = db.$userId;
  const rows = await db.$queryRaw<(Omit<RecordingExportRow, 'isPublic' | 'credits' | 'links'> & { isPublic: number; creditsJson: string; linksJson: string })[]>`
    SELECT r.title, r.artist, r.release, r.releaseType, r.label, r.releaseDate, r.isrc, r.iswc, r.genres, r.isPublic,
           g.date AS sessionDate,
           (SELECT json_group_array(json_array(cc.role, cc.instrument)) FROM
              (SELECT role, instrument FROM RecordingCredit WHERE userId = ${userId} AND recordingId = r.id ORDER BY position, id) cc) AS creditsJson,
           (SELECT json_group_array(json_array(ll.kind, ll.url)) FROM
              (SELECT kind, url FROM RecordingLink WHERE userId = ${userId} AND recordingId = r.id ORDER BY position, id) ll) AS linksJson
    FROM Recording r
    LEFT JOIN Gig g ON g.id = r.gigId AND g.userId = ${userId}
    WHERE ${where}
    ORDER BY (r.releaseDate IS NULL), r.releaseDate DESC, r.id DESC`;
  return rows.map(({ creditsJson, linksJson, isPublic, ...r }) => ({
    ...r,
    isPublic: Boolean(Number(isPublic)),
    credits: (JSON.parse(creditsJson) as [string, string][]).map(([role, instrument]) => ({ role, instrument })),
    links: (JSON.parse(linksJson) as [string, string][]).map(([kind, url]) => ({ kind, url })),
  }));
}
