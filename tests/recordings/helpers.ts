// Shared steps for the recordings and portfolio tests.
import type { PrismaClient } from '../../src/generated/prisma/client.ts';
import { submitForm, type Agent } from '../support/app.ts';
export { signUpWithId } from '../support/app.ts';

/** The recording form's fields, with one credit and no links unless given. */
export function recordingForm(fields: Record<string, string> = {}): Record<string, string> {
  return {
    title: 'Lantern Street',
    artist: 'June Alvarez',
    release: 'Lantern Street',
    releaseType: 'album',
    label: 'Copper Kettle Records',
    releaseDate: '2026-03-13',
    isrc: '',
    iswc: '',
    genres: 'soul, indie',
    gigId: '',
    notes: '',
    displayOrder: '',
    'credits[0][role]': 'StudioMusician',
    'credits[0][instrument]': 'Hammond organ',
    ...fields,
  };
}

export function addRecording(agent: Agent, fields: Record<string, string> = {}) {
  return submitForm(agent, '/recordings/new', '/recordings', recordingForm(fields));
}

export const recordingIdFrom = (location: string) => Number(/^\/recordings\/(\d+)$/.exec(location)![1]);

type RecordingSeed = {
  title: string;
  artist?: string;
  release?: string;
  releaseDate?: string | null;
  genres?: string;
  isPublic?: boolean;
  displayOrder?: number | null;
  notes?: string;
  gigId?: number | null;
  isrc?: string | null;
  credits?: { role: string; instrument?: string }[];
  links?: { kind: string; url: string }[];
};

/** A recording written straight through Prisma, for list and filter tests. */
export function makeRecording(prisma: PrismaClient, userId: number, r: RecordingSeed) {
  return prisma.recording.create({
    data: {
      userId,
      title: r.title,
      artist: r.artist ?? 'June Alvarez',
      release: r.release ?? '',
      releaseDate: r.releaseDate === undefined ? '2025-05-01' : r.releaseDate,
      genres: r.genres ?? '',
      isPublic: r.isPublic ?? true,
      displayOrder: r.displayOrder ?? null,
      notes: r.notes ?? '',
      gigId: r.gigId ?? null,
      isrc: r.isrc ?? null,
      credits: { create: (r.credits ?? [{ role: 'StudioMusician', instrument: 'Piano' }]).map((c, position) => ({ userId, role: c.role, instrument: c.instrument ?? '', position })) },
      links: { create: (r.links ?? []).map((l, position) => ({ userId, kind: l.kind, url: l.url, position })) },
    },
  });
}
