// One musician must never see or change another's data. Two layers are
// probed: the scoped data-access handle every feature uses (forUser), and
// every HTTP route that takes an id. A new route must join ROUTES_WITH_IDS
// (or ROUTES_WITHOUT_IDS), through a file in tests/security/probes/, or the
// coverage test fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forUser } from '../../src/db/scoped.ts';
import { createOneOfEverything, type OwnedIds } from '../support/fixtures.ts';
import { listRoutes } from '../support/routes.ts';
import type { ProbeFile, RouteProbe } from './probes/types.ts';
import { csrfFrom, signUp, testApp, type Agent } from '../support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let owner: { agent: Agent; id: number; ids: OwnedIds };
let intruder: { agent: Agent; id: number };

beforeAll(async () => {
  t = await testApp();
  const a = await signUp(t.app, 'Owner');
  const b = await signUp(t.app, 'Intruder');
  const idOf = async (email: string) => (await t.prisma.user.findUniqueOrThrow({ where: { email } })).id;
  const ownerId = await idOf(a.email);
  owner = { agent: a.agent, id: ownerId, ids: await createOneOfEverything(t.prisma, ownerId) };
  intruder = { agent: b.agent, id: await idOf(b.email) };
});
afterAll(() => t.close());

/** Every table's row count for a user: must be unchanged after the intruder's attempts. */
async function snapshot(userId: number) {
  const db = forUser(t.prisma, userId);
  const delegates = Object.keys(owner.ids) as (keyof OwnedIds)[];
  const counts = await Promise.all(delegates.map((name) => (db[name] as unknown as { count(): Promise<number> }).count()));
  const user = await t.prisma.user.findUniqueOrThrow({ where: { id: userId } });
  return { counts: Object.fromEntries(delegates.map((d, i) => [d, counts[i]])), user };
}

type Delegate = {
  findUnique(a: object): Promise<unknown>;
  findFirst(a: object): Promise<unknown>;
  findMany(a: object): Promise<unknown[]>;
  count(a: object): Promise<number>;
  update(a: object): Promise<unknown>;
  updateMany(a: object): Promise<{ count: number }>;
  delete(a: object): Promise<unknown>;
  deleteMany(a: object): Promise<{ count: number }>;
};

describe('the scoped data layer (forUser)', () => {
  it('hides and protects every owned model from another musician', async () => {
    const before = await snapshot(owner.id);
    const db = forUser(t.prisma, intruder.id);
    for (const [model, id] of Object.entries(owner.ids)) {
      const delegate = db[model as keyof OwnedIds] as unknown as Delegate;
      const where = { id };
      expect(await delegate.findUnique({ where }), model).toBeNull();
      expect(await delegate.findFirst({ where }), model).toBeNull();
      expect(await delegate.findMany({ where }), model).toEqual([]);
      expect(await delegate.count({ where }), model).toBe(0);
      expect((await delegate.updateMany({ where, data: {} })).count, model).toBe(0);
      expect((await delegate.deleteMany({ where })).count, model).toBe(0);
      await expect(delegate.update({ where, data: {} }), model).rejects.toMatchObject({ code: 'P2025' });
      await expect(delegate.delete({ where }), model).rejects.toMatchObject({ code: 'P2025' });
    }
    expect(await snapshot(owner.id)).toEqual(before);
  });

  it('sees the owner its own rows', async () => {
    const db = forUser(t.prisma, owner.id);
    expect(await db.gig.findUnique({ where: { id: owner.ids.gig } })).not.toBeNull();
  });

  it('stamps creates with the signed-in musician, whatever the caller passed', async () => {
    const db = forUser(t.prisma, intruder.id);
    const client = await db.client.create({ data: { name: 'Sneaky', userId: owner.id } as never });
    expect(client.userId).toBe(intruder.id);
    await db.client.delete({ where: { id: client.id } });
  });

  it('refuses account models, which are not musician-owned', async () => {
    const db = forUser(t.prisma, intruder.id) as unknown as { user: { findMany(): Promise<unknown> } };
    await expect(db.user.findMany()).rejects.toThrow(/not a musician-owned model/);
  });
});

// ---------------------------------------------------------------------------
// HTTP routes. Each feature lists its routes in tests/security/probes/<feature>.ts:
// those that take an id with how to call them with the owner's ids (the
// intruder must get 404 and change nothing), the others by name.

const probeFiles = Object.values(import.meta.glob<ProbeFile>('./probes/*.ts', { eager: true }));
const ROUTES_WITH_IDS: RouteProbe[] = probeFiles.flatMap((f) => f.probes ?? []);
const ROUTES_WITHOUT_IDS: string[] = probeFiles.flatMap((f) => f.routesWithoutIds ?? []);

describe('HTTP routes', () => {
  it('are all in the isolation table, so none can forget it', () => {
    const listed = new Set([...ROUTES_WITH_IDS.map((r) => r.route), ...ROUTES_WITHOUT_IDS]);
    const routes = listRoutes(t.app);
    expect(routes).toContain('POST /signin');
    const missing = routes.filter((route) => !listed.has(route));
    expect(missing, 'add these routes to a file in tests/security/probes/').toEqual([]);
  });

  it.each(ROUTES_WITH_IDS.map((r) => [r.route, r] as const))('%s answers 404 to another musician and changes nothing', async (_name, probe) => {
    const before = await snapshot(owner.id);
    const [method] = probe.route.split(' ');
    const path = probe.path(owner.ids);
    const res =
      method === 'GET'
        ? await intruder.agent.get(path)
        : await intruder.agent.post(path).type('form').send({ ...probe.form, _csrf: csrfFrom(await intruder.agent.get('/')) });
    expect(res.status).toBe(404);
    expect(await snapshot(owner.id)).toEqual(before);
  });
});
