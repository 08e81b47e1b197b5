// Data for the calendar: gigs in a date range with their client's name, and
// the musician's feed token.
import { randomBytes } from 'node:crypto';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import type { UserDb } from '../db/scoped.ts';

export type CalendarGigRow = {
  id: number;
  date: string;
  startTime: string | null;
  durationMinutes: number | null;
  kind: string;
  status: string;
  title: string;
  artist: string;
  location: string;
  instruments: string;
  notes: string;
  clientName: string | null;
  updatedAt: Date;
};

/** Notes longer than this are cut in SQL; the feed shows at most 500 characters. */
const NOTES_CHARS = 600;

/**
 * Gigs dated `from`…`to` (inclusive; `to` null = no end), in date and time
 * order (all-day ones first on their day), with the booker's name, in ONE
 * query. Raw SQL so the client name comes from a join rather than Prisma's
 * second query; being raw it is not scoped by `db`, so both tables are
 * filtered on "userId" here.
 */
export async function gigsBetween(db: UserDb, range: { from: string; to: string | null; limit?: number }): Promise<CalendarGigRow[]> {
  const userId = db.$userId;
  const to = range.to === null ? Prisma.empty : Prisma.sql`AND g.date <= ${range.to}`;
  const limit = range.limit ?? 5000;
  const rows = await db.$queryRaw<CalendarGigRow[]>(Prisma.sql`
    SELECT g.id, g.date, g.startTime, g.durationMinutes, g.kind, g.status,
           g.title, g.artist, g.location, g.instruments,
           substr(g.notes, 1, ${NOTES_CHARS}) AS notes,
           g.updatedAt, c.name AS clientName
    FROM Gig g
    LEFT JOIN Client c ON c.id = g.clientId AND c.userId = ${userId}
    WHERE g.userId = ${userId} AND g.date >= ${range.from} ${to}
    ORDER BY g.date, g.startTime, g.id
    LIMIT ${limit}`);
  // SQLite hands back DATETIME text through some paths; make it a Date either way.
  return rows.map((r) => ({ ...r, id: Number(r.id), updatedAt: new Date(r.updatedAt) }));
}

// --- The feed token (account data: User is not a musician-owned model) -------

/** 32 random bytes, base64url: 43 characters. */
export const newCalendarToken = () => randomBytes(32).toString('base64url');
export const isWellFormedCalendarToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export async function getCalendarToken(prisma: PrismaClient, userId: number): Promise<string | null> {
  return (await getFeedSettings(prisma, userId)).calendarToken;
}

/** The feed token and whether the feed carries gig notes. */
export function getFeedSettings(prisma: PrismaClient, userId: number) {
  return prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { calendarToken: true, calendarNotes: true } });
}

export async function setCalendarNotes(prisma: PrismaClient, userId: number, on: boolean) {
  await prisma.user.update({ where: { id: userId }, data: { calendarNotes: on } });
}

/** Sets (a new random token) or clears the feed token; the previous URL stops working either way. */
export async function setCalendarToken(prisma: PrismaClient, userId: number, token: string | null) {
  await prisma.user.update({ where: { id: userId }, data: { calendarToken: token } });
}

/** The musician a feed token belongs to, or null. */
export async function feedOwner(prisma: PrismaClient, token: string) {
  if (!isWellFormedCalendarToken(token)) return null;
  return prisma.user.findUnique({ where: { calendarToken: token }, select: { id: true, name: true, timeZone: true, calendarNotes: true } });
}
