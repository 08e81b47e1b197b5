// Hostile text in every field an invoice page shows comes back escaped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/dates.ts';
import { submitForm, testApp } from '../support/app.ts';
import { createInvoiceVia, invoiceIdFrom, makeGig, setInvoiceDates, signUpWithId, today } from './helpers.ts';
import { expectEscaped, HOSTILE } from '../support/escaping.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('invoice pages escape user text', () => {
  it.each(HOSTILE)('%s', async (hostile) => {
    const { agent, userId } = await signUpWithId(t, hostile);
    await t.prisma.user.update({ where: { id: userId }, data: { invoiceDetails: hostile } });
    const client = (await t.prisma.client.create({ data: { userId, name: hostile, company: hostile, city: hostile, email: 'a@b.example' } })).id;
    const gig = await makeGig(t.prisma, userId, { clientId: client, title: hostile, artist: hostile, lines: [{ amountMinor: 1000, currency: 'USD' }] });
    await t.prisma.lineItem.updateMany({ where: { gigId: gig.id }, data: { description: hostile } });
    await t.prisma.gig.update({ where: { id: gig.id }, data: { location: hostile } });

    const rejected = await createInvoiceVia(agent, client, [gig.id], { terms: hostile, notes: hostile, dueOn: hostile });
    expect(rejected.status).toBe(422);
    expectEscaped(rejected.text);
    const choose = await agent.get('/invoices/new');
    expectEscaped(choose.text);
    expect(choose.text).toContain('&lt;');

    const id = invoiceIdFrom(await createInvoiceVia(agent, client, [gig.id], { terms: hostile, notes: hostile }));
    await setInvoiceDates(t.prisma, id, addDays(today(), -40), addDays(today(), -10));
    await t.prisma.payment.create({ data: { userId, clientId: client, receivedOn: today(), amountMinor: 100, currency: 'USD', reference: hostile, allocations: { create: { userId, gigId: gig.id, amountMinor: 100 } } } });

    for (const path of ['/invoices', `/invoices/new?clientId=${client}`, `/invoices/${id}`, `/invoices/${id}/reminder`, `/invoices/${id}/void`, `/gigs/${gig.id}`]) {
      const page = await agent.get(path);
      expect(page.status, path).toBe(200);
      expectEscaped(page.text);
      expect(page.text, path).toContain('&lt;');
    }
    const settings = await submitForm(agent, '/invoices/settings', '/invoices/settings', { invoicePrefix: hostile, nextInvoiceNumber: hostile });
    expect(settings.status).toBe(422);
    expectEscaped(settings.text);
  });
});
