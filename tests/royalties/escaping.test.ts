// Text the musician typed (or imported) is escaped on every royalties page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';
import { makeAgreement, makeRecording, makeStatement, signUpWithId } from './helpers.ts';

const HOSTILE = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>'];

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe('user text is escaped on every royalties page', () => {
  it.each(HOSTILE)('%s', async (hostile) => {
    const { agent, userId } = await signUpWithId(t);
    const p = t.prisma;
    const payer = await p.client.create({ data: { userId, name: hostile, kind: 'label' } });
    const gig = await p.gig.create({ data: { userId, date: '2025-01-02', title: hostile, artist: hostile, workForHire: false } });
    const rec = await makeRecording(p, userId, { title: hostile, artist: hostile, gigId: gig.id });
    await p.recording.update({ where: { id: rec.id }, data: { release: hostile, label: hostile } });
    const deal = await makeAgreement(p, userId, { recordingId: rec.id, payerId: payer.id, rateBps: 150, currency: 'USD', advanceMinor: 100, basis: hostile });
    await p.royaltyAgreement.update({ where: { id: deal.id }, data: { notes: hostile } });
    const gigDeal = await makeAgreement(p, userId, { gigId: gig.id, payerId: payer.id, rateBps: 100, currency: 'USD', basis: hostile });
    const s = await makeStatement(p, userId, { agreementId: deal.id, recordingId: rec.id, payerId: payer.id, amountMinor: 500, currency: 'USD', receivedOn: '2025-05-05', reference: hostile });
    await makeStatement(p, userId, { source: 'nonfeatured_fund', recordingId: rec.id, payerId: payer.id, amountMinor: 300, currency: 'USD', receivedOn: '2025-06-06', reference: hostile });
    await p.royaltyStatement.update({ where: { id: s.id }, data: { notes: hostile } });

    const pages = [
      '/royalties',
      `/royalties/recordings/${rec.id}`,
      '/royalties/statements',
      '/royalties/agreements/new',
      `/royalties/agreements/${deal.id}/edit`,
      `/royalties/agreements/${deal.id}/delete`,
      `/royalties/agreements/${gigDeal.id}/delete`,
      '/royalties/statements/new',
      `/royalties/statements/new?agreementId=${deal.id}`,
      `/royalties/statements/${s.id}/edit`,
      `/royalties/statements/${s.id}/delete`,
    ];
    for (const path of pages) {
      const res = await agent.get(path);
      expect(res.status, path).toBe(200);
      for (const fragment of HOSTILE) expect(res.text, path).not.toContain(fragment);
      expect(res.text, path).not.toMatch(/<img src=x/);
      expect(res.text, path).toContain('&lt;');
    }
  });
});
