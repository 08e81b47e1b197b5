// Reminders for overdue invoices: the text, the mailto: link's encoding, the
// no-JavaScript fallback, and recording that one was sent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/lib/dates.ts';
import { longDate, mailtoUrl, reminderText } from '../../src/invoices/reminder.ts';
import { csrfFrom, submitForm, testApp, type Agent } from '../support/app.ts';
import { createInvoiceVia, invoiceIdFrom, makeGig, makePayment, setInvoiceDates, signUpWithId, squash, today } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const unescapeHtml = (s: string) => s.replace(/&(amp|lt|gt|#34|#39|quot);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', '#34': '"', '#39': "'", quot: '"' })[e]!);

describe('the reminder text and mailto: link', () => {
  const facts = {
    number: 'INV-0042',
    issuedOn: '2026-09-19',
    dueOn: '2026-10-19',
    currency: 'GBP',
    balanceMinor: 117000,
    paidMinor: 0,
    daysLate: 38,
    clientName: 'Kingsway Mews & Sons',
    musicianName: 'Maya Okafor',
    musicianEmail: 'maya@example.test',
  };

  it('says what is due, since when, how late, and who asks', () => {
    const { subject, body } = reminderText(facts);
    expect(subject).toBe('Reminder: invoice INV-0042 (£1,170.00) is 38 days overdue');
    expect(body).toContain('Hello Kingsway Mews & Sons,');
    expect(body).toContain('invoice INV-0042, issued on 19 September 2026, was due on 19 October 2026 and is now 38 days late.');
    expect(body).toContain('The amount due is £1,170.00.');
    expect(body.endsWith('Many thanks,\nMaya Okafor\nmaya@example.test')).toBe(true);
    const one = reminderText({ ...facts, daysLate: 1, paidMinor: 50000, balanceMinor: 67000 });
    expect(one.subject).toContain('is 1 day overdue');
    expect(one.body).toContain('Thank you for the £500.00 received so far. The balance still due is £670.00.');
    expect(longDate('2026-03-01')).toBe('1 March 2026');
  });

  it('percent-encodes subject and body as UTF-8 with %20 spaces and CRLF line breaks', () => {
    const url = mailtoUrl('ap+billing@studio.example', 'Invoice #7 & more? 100% “due”', 'Line one\nLine two = £5');
    expect(url).toBe(
      'mailto:ap%2Bbilling@studio.example?subject=Invoice%20%237%20%26%20more%3F%20100%25%20%E2%80%9Cdue%E2%80%9D&body=Line%20one%0D%0ALine%20two%20%3D%20%C2%A35',
    );
    expect(url).not.toContain('+');
    // A mail client reading it back gets the exact text.
    const parsed = new URL(url);
    expect(decodeURIComponent(parsed.pathname)).toBe('ap+billing@studio.example');
    const query = new Map(parsed.search.slice(1).split('&').map((kv) => kv.split('=').map(decodeURIComponent) as [string, string]));
    expect(query.get('subject')).toBe('Invoice #7 & more? 100% “due”');
    expect(query.get('body')).toBe('Line one\r\nLine two = £5');
    // No address: the mail app asks for one.
    expect(mailtoUrl('', 'S', 'B')).toBe('mailto:?subject=S&body=B');
  });
});

describe('the reminder page', () => {
  let agent: Agent;
  let userId: number;
  let client: number;
  let overdueId: number;
  let notDueId: number;

  beforeAll(async () => {
    ({ agent, userId } = await signUpWithId(t, 'Maya Okafor'));
    client = (await t.prisma.client.create({ data: { userId, name: 'Kingsway & Co', email: 'accounts@kingsway.example' } })).id;
    const g1 = await makeGig(t.prisma, userId, { clientId: client, lines: [{ amountMinor: 117000, currency: 'GBP' }] });
    overdueId = invoiceIdFrom(await createInvoiceVia(agent, client, [g1.id]));
    await setInvoiceDates(t.prisma, overdueId, addDays(today(), -45), addDays(today(), -15));
    await makePayment(t.prisma, userId, { clientId: client, receivedOn: today(), amountMinor: 17000, currency: 'GBP', allocations: [{ gigId: g1.id, amountMinor: 17000 }] });
    const g2 = await makeGig(t.prisma, userId, { clientId: client, lines: [{ amountMinor: 5000, currency: 'GBP' }] });
    notDueId = invoiceIdFrom(await createInvoiceVia(agent, client, [g2.id]));
  });

  it('shows a ready-to-send reminder for an overdue invoice, in read-only fields, with a mailto: link and copy buttons', async () => {
    const res = await agent.get(`/invoices/${overdueId}/reminder`);
    expect(res.status).toBe(200);
    const subject = unescapeHtml(/<input type="text" id="reminder-subject" value="([^"]*)" readonly>/.exec(res.text)![1]);
    expect(subject).toBe('Reminder: invoice INV-0001 (£1,000.00) is 15 days overdue');
    const body = unescapeHtml(/<textarea id="reminder-body" rows="\d+" readonly>([\s\S]*?)<\/textarea>/.exec(res.text)![1]);
    expect(body).toContain('Hello Kingsway & Co,');
    expect(body).toContain('is now 15 days late');
    expect(body).toContain('Thank you for the £170.00 received so far. The balance still due is £1,000.00.');
    expect(body).toContain(`was due on ${longDate(addDays(today(), -15))}`);
    expect(body).toContain('Maya Okafor');
    // The link, as the browser reads the attribute: the same text, encoded.
    const href = unescapeHtml(/<a class="button button--primary" href="(mailto:[^"]*)">Open in your mail app<\/a>/.exec(res.text)![1]);
    expect(href).toBe(mailtoUrl('accounts@kingsway.example', subject, body));
    expect(href.startsWith('mailto:accounts@kingsway.example?subject=Reminder%3A%20invoice%20INV-0001')).toBe(true);
    expect(href).toContain('Kingsway%20%26%20Co');
    // Copy buttons exist but wait for the script to show them.
    expect(res.text).toContain('<button type="button" class="button reminder__copy" data-copy="reminder-body" hidden>Copy message</button>');
    expect(res.text).toContain('<script src="/js/reminder.js" defer></script>');
    expect((await agent.get('/js/reminder.js')).status).toBe(200);
  });

  it('offers no reminder for an invoice that is not overdue, and refuses to record one', async () => {
    const page = await agent.get(`/invoices/${notDueId}/reminder`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('so there is nothing to remind Kingsway &amp; Co about');
    expect(page.text).not.toContain('mailto:');
    const res = await submitForm(agent, `/invoices/${notDueId}`, `/invoices/${notDueId}/reminders`, { channel: 'email' });
    expect(res.status).toBe(303);
    expect(await t.prisma.invoiceReminder.count({ where: { invoiceId: notDueId } })).toBe(0);
  });

  it('records a reminder as sent, then shows when on the invoice and in the list', async () => {
    const bad = await submitForm(agent, `/invoices/${overdueId}/reminder`, `/invoices/${overdueId}/reminders`, { channel: 'carrier pigeon' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Choose how you sent the reminder.');
    expect(await t.prisma.invoiceReminder.count({ where: { invoiceId: overdueId } })).toBe(0);

    const res = await submitForm(agent, `/invoices/${overdueId}/reminder`, `/invoices/${overdueId}/reminders`, { channel: 'email' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/invoices/${overdueId}`);
    const rows = await t.prisma.invoiceReminder.findMany({ where: { invoiceId: overdueId } });
    expect(rows).toMatchObject([{ userId, channel: 'email' }]);
    expect(Date.now() - rows[0].sentAt.getTime()).toBeLessThan(60_000);

    const page = squash((await agent.get(`/invoices/${overdueId}`)).text);
    expect(page).toContain('Noted: a reminder for INV-0001 went out today (email).');
    expect(page).toMatch(/<li>Sent \w{3}, \d+ \w+ \d{4} <span class="muted">\(email\)<\/span><\/li>/);
    const list = squash((await agent.get('/invoices')).text);
    expect(list).toContain(`href="/invoices/${overdueId}/reminder">Overdue — remind</a>`);
    expect(list).toMatch(/Reminded \w{3}, \d+ \w+ \d{4}/);
    const again = await agent.get(`/invoices/${overdueId}/reminder`);
    expect(again.text).toMatch(/Last reminder sent \w{3}, \d+ \w+ \d{4} \(email\)/);
  });

  it('uses the musician’s time zone for the day a reminder went out', async () => {
    // 23:30 UTC on the 10th is already the 11th in Auckland.
    await t.prisma.user.update({ where: { id: userId }, data: { timeZone: 'Pacific/Auckland' } });
    await t.prisma.invoiceReminder.create({ data: { userId, invoiceId: overdueId, sentAt: new Date('2026-03-10T23:30:00Z'), channel: 'phone' } });
    const page = squash((await agent.get(`/invoices/${overdueId}`)).text);
    expect(page).toContain('Sent Wed, 11 Mar 2026 <span class="muted">(phone call)</span>');
    await t.prisma.user.update({ where: { id: userId }, data: { timeZone: 'UTC' } });
  });

  it('leaves the To field empty (and says how to fill it) when the client has no email', async () => {
    const noEmail = (await t.prisma.client.create({ data: { userId, name: 'Cash Only Club' } })).id;
    const g = await makeGig(t.prisma, userId, { clientId: noEmail, lines: [{ amountMinor: 9900, currency: 'USD' }] });
    const id = invoiceIdFrom(await createInvoiceVia(agent, noEmail, [g.id]));
    await setInvoiceDates(t.prisma, id, addDays(today(), -40), addDays(today(), -1));
    const res = await agent.get(`/invoices/${id}/reminder`);
    expect(res.text).toContain('placeholder="No email address for Cash Only Club"');
    expect(res.text).toContain(`href="/clients/${noEmail}/edit"`);
    expect(res.text).toMatch(/href="mailto:\?subject=/);
    expect(csrfFrom(res)).toBeTruthy();
  });
});
