import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFrom, submitForm, testApp, type Agent } from '../support/app.ts';
import { makeGig, makePayment, signUpWithId } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

/** A duplicate ("Sunset Sound Studios") with something in every table that can point at a client, and the client to keep. */
async function duplicateWithEverything(userId: number) {
  const p = t.prisma;
  const keep = await p.client.create({ data: { userId, name: 'Sunset Sound', kind: 'studio', notes: 'Main room has the Neve.', phone: '+1 323 555 0100' } });
  const dup = await p.client.create({
    data: { userId, name: 'Sunset Sound Studios', kind: 'other', email: 'desk@sunset.example', phone: '+1 323 555 0199', city: 'Hollywood', company: 'SSR', notes: 'Ask for Paul.' },
  });
  const bystander = await p.client.create({ data: { userId, name: 'Capitol' } });
  const member = await p.client.create({ data: { userId, name: 'Paul Engineer', kind: 'engineer', organizationId: dup.id } });

  const booked1 = await makeGig(p, userId, { clientId: dup.id, title: 'Tracking', lines: [{ amountMinor: 50000, currency: 'USD' }] });
  const booked2 = await makeGig(p, userId, { clientId: dup.id, payerId: bystander.id, title: 'Overdubs', lines: [{ amountMinor: 30000, currency: 'USD' }] });
  const paid = await makeGig(p, userId, { clientId: bystander.id, payerId: dup.id, title: 'Label date', lines: [{ amountMinor: 20000, currency: 'GBP' }] });
  const both = await makeGig(p, userId, { clientId: dup.id, payerId: keep.id, title: 'Booked by dup, paid by keep' });
  const untouched = await makeGig(p, userId, { clientId: bystander.id, title: 'Not involved' });
  const pay1 = await makePayment(p, userId, { clientId: dup.id, receivedOn: '2026-01-10', amountMinor: 10000, currency: 'USD', allocations: [{ gigId: booked1.id, amountMinor: 10000 }] });
  const pay2 = await makePayment(p, userId, { clientId: dup.id, receivedOn: '2026-01-11', amountMinor: 5000, currency: 'GBP' });
  const invoice = await p.invoice.create({ data: { userId, clientId: dup.id, number: 'INV-0001', issuedOn: '2026-01-05', dueOn: '2026-02-04', currency: 'USD' } });
  const agreement = await p.royaltyAgreement.create({ data: { userId, payerId: dup.id, rateBps: 300, currency: 'USD' } });
  const statement = await p.royaltyStatement.create({
    data: { userId, payerId: dup.id, agreementId: agreement.id, periodStart: '2026-01-01', periodEnd: '2026-03-31', amountMinor: 1234, currency: 'USD', receivedOn: '2026-04-20' },
  });
  const outreach = await p.outreachEntry.create({ data: { userId, clientId: dup.id, contactedOn: '2026-01-03' } });
  return { keep, dup, bystander, member, gigs: { booked1, booked2, paid, both, untouched }, payments: [pay1, pay2], invoice, agreement, statement, outreach };
}

/** Where every row that can point at a client points, for "nothing changed" checks. */
async function pointers(userId: number) {
  const p = t.prisma;
  return {
    clients: await p.client.findMany({ where: { userId }, orderBy: { id: 'asc' } }),
    gigs: await p.gig.findMany({ where: { userId }, select: { id: true, clientId: true, payerId: true }, orderBy: { id: 'asc' } }),
    payments: await p.payment.findMany({ where: { userId }, select: { id: true, clientId: true }, orderBy: { id: 'asc' } }),
    invoices: await p.invoice.findMany({ where: { userId }, select: { id: true, clientId: true } }),
    agreements: await p.royaltyAgreement.findMany({ where: { userId }, select: { id: true, payerId: true } }),
    statements: await p.royaltyStatement.findMany({ where: { userId }, select: { id: true, payerId: true } }),
    outreach: await p.outreachEntry.findMany({ where: { userId }, select: { id: true, clientId: true } }),
  };
}

async function merge(agent: Agent, fromId: number, intoId: string) {
  return submitForm(agent, `/clients/${fromId}/merge`, `/clients/${fromId}/merge`, { intoId });
}

describe('merging a duplicate client', () => {
  it('previews what will move', async () => {
    const { agent, userId } = await signUpWithId(t);
    const d = await duplicateWithEverything(userId);
    const page = await agent.get(`/clients/${d.dup.id}/merge`);
    expect(page.status).toBe(200);
    for (const text of ['4 gigs (booked or paid)', '2 payments', '1 invoice', '1 royalty agreement', '1 royalty statement', '1 outreach entry', '1 person working there']) {
      expect(page.text).toContain(text);
    }
    expect(page.text).toContain(`<option value="${d.keep.id}"`);
    expect(page.text).not.toContain(`<option value="${d.dup.id}"`);
  });

  it('moves everything to the kept client in every table, fills its gaps and deletes the duplicate', async () => {
    const { agent, userId } = await signUpWithId(t);
    const d = await duplicateWithEverything(userId);
    const res = await merge(agent, d.dup.id, String(d.keep.id));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/clients/${d.keep.id}`);
    const page = await agent.get(res.headers.location);
    expect(page.text).toContain(
      'Moved 4 gigs, 2 payments, 1 invoice, 1 royalty agreement, 1 royalty statement, 1 outreach entry and 1 member to Sunset Sound.',
    );

    const p = t.prisma;
    expect(await p.client.findUnique({ where: { id: d.dup.id } })).toBeNull();
    const gig = (id: number) => p.gig.findUniqueOrThrow({ where: { id }, select: { clientId: true, payerId: true } });
    expect(await gig(d.gigs.booked1.id)).toEqual({ clientId: d.keep.id, payerId: null });
    expect(await gig(d.gigs.booked2.id)).toEqual({ clientId: d.keep.id, payerId: d.bystander.id });
    expect(await gig(d.gigs.paid.id)).toEqual({ clientId: d.bystander.id, payerId: d.keep.id });
    expect(await gig(d.gigs.both.id)).toEqual({ clientId: d.keep.id, payerId: null });
    expect(await gig(d.gigs.untouched.id)).toEqual({ clientId: d.bystander.id, payerId: null });
    for (const pay of d.payments) expect((await p.payment.findUniqueOrThrow({ where: { id: pay.id } })).clientId).toBe(d.keep.id);
    expect((await p.paymentAllocation.count({ where: { userId } }))).toBe(1);
    expect((await p.invoice.findUniqueOrThrow({ where: { id: d.invoice.id } })).clientId).toBe(d.keep.id);
    expect((await p.royaltyAgreement.findUniqueOrThrow({ where: { id: d.agreement.id } })).payerId).toBe(d.keep.id);
    expect((await p.royaltyStatement.findUniqueOrThrow({ where: { id: d.statement.id } })).payerId).toBe(d.keep.id);
    expect((await p.outreachEntry.findUniqueOrThrow({ where: { id: d.outreach.id } })).clientId).toBe(d.keep.id);
    expect((await p.client.findUniqueOrThrow({ where: { id: d.member.id } })).organizationId).toBe(d.keep.id);

    // Nothing anywhere points at the duplicate any more.
    const leftovers = await Promise.all([
      p.gig.count({ where: { OR: [{ clientId: d.dup.id }, { payerId: d.dup.id }] } }),
      p.payment.count({ where: { clientId: d.dup.id } }),
      p.invoice.count({ where: { clientId: d.dup.id } }),
      p.royaltyAgreement.count({ where: { payerId: d.dup.id } }),
      p.royaltyStatement.count({ where: { payerId: d.dup.id } }),
      p.outreachEntry.count({ where: { clientId: d.dup.id } }),
      p.client.count({ where: { organizationId: d.dup.id } }),
    ]);
    expect(leftovers).toEqual([0, 0, 0, 0, 0, 0, 0]);

    // Kept: its own name, kind and phone; the duplicate's email, city, company fill the gaps; notes appended.
    const kept = await p.client.findUniqueOrThrow({ where: { id: d.keep.id } });
    expect(kept).toMatchObject({ name: 'Sunset Sound', kind: 'studio', phone: '+1 323 555 0100', email: 'desk@sunset.example', city: 'Hollywood', company: 'SSR' });
    expect(kept.notes).toContain('Main room has the Neve.');
    expect(kept.notes).toContain('Ask for Paul.');
    expect(kept.notes.indexOf('Main room')).toBeLessThan(kept.notes.indexOf('Ask for Paul.'));

    // The kept client's page now shows the moved history and money.
    expect(page.text).toContain('Tracking');
    expect(page.text).toContain('Label date');
    expect(page.text).toContain('Paul Engineer');
  });

  it('is all-or-nothing: a failure on the last step leaves everything as it was', async () => {
    const { agent, userId } = await signUpWithId(t);
    const d = await duplicateWithEverything(userId);
    const before = await pointers(userId);
    // Make the final delete fail inside the transaction, after every move has run.
    await t.prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_merge_delete BEFORE DELETE ON Client WHEN OLD.id = ${d.dup.id} BEGIN SELECT RAISE(ABORT, 'refused for the test'); END`,
    );
    try {
      const res = await merge(agent, d.dup.id, String(d.keep.id));
      expect(res.status).toBe(500);
    } finally {
      await t.prisma.$executeRawUnsafe('DROP TRIGGER refuse_merge_delete');
    }
    expect(await pointers(userId)).toEqual(before);
    // It failed where the trigger made it fail: the last step, after every move had run.
    expect(String(t.errors.at(-1))).toContain('tx.client.delete');
  });

  it('refuses merging a client into itself, with a field error', async () => {
    const { agent, userId } = await signUpWithId(t);
    const d = await duplicateWithEverything(userId);
    const before = await pointers(userId);
    const res = await merge(agent, d.dup.id, String(d.dup.id));
    expect(res.status).toBe(422);
    expect(res.text).toContain('a client cannot be merged into itself');
    const empty = await merge(agent, d.dup.id, '');
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('Choose the client to keep.');
    expect(await pointers(userId)).toEqual(before);
  });

  it('answers 404 when merging into another musician’s client, and nothing changes on either side', async () => {
    const me = await signUpWithId(t);
    const other = await signUpWithId(t);
    const d = await duplicateWithEverything(me.userId);
    const theirs = await t.prisma.client.create({ data: { userId: other.userId, name: 'Their Studio' } });
    const [mine, theirsBefore] = [await pointers(me.userId), await pointers(other.userId)];
    const res = await merge(me.agent, d.dup.id, String(theirs.id));
    expect(res.status).toBe(404);
    expect(await pointers(me.userId)).toEqual(mine);
    expect(await pointers(other.userId)).toEqual(theirsBefore);

    // And the other way round: their duplicate into my client.
    const page = await other.agent.get('/clients');
    const back = await other.agent.post(`/clients/${theirs.id}/merge`).type('form').send({ intoId: String(d.keep.id), _csrf: csrfFrom(page) });
    expect(back.status).toBe(404);
    expect(await pointers(me.userId)).toEqual(mine);
    expect(await pointers(other.userId)).toEqual(theirsBefore);
  });

  it('keeps the organisation tree sane when the kept client was a member of the duplicate', async () => {
    const { agent, userId } = await signUpWithId(t);
    const label = await t.prisma.client.create({ data: { userId, name: 'Big Label' } });
    const dup = await t.prisma.client.create({ data: { userId, name: 'Sunset (old)', organizationId: label.id } });
    const keep = await t.prisma.client.create({ data: { userId, name: 'Sunset', organizationId: dup.id } });
    const res = await merge(agent, dup.id, String(keep.id));
    expect(res.status).toBe(303);
    expect((await agent.get(res.headers.location)).text).toContain('Merged Sunset (old) into Sunset; there was nothing else to move.');
    // Not its own organisation: it takes over the duplicate's.
    expect((await t.prisma.client.findUniqueOrThrow({ where: { id: keep.id } })).organizationId).toBe(label.id);
  });
});
