// Royalty agreements through the forms: points → basis points, the advance,
// what a rejected form shows, ids of another musician, edit and delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitForm, testApp, type Agent } from '../support/app.ts';
import { fieldError, makeAgreement, makeRecording, makeStatement, signUpWithId, squash } from './helpers.ts';

let t: Awaited<ReturnType<typeof testApp>>;
let agent: Agent;
let userId: number;
let recording: number;
let otherRecording: number;
let gig: number;
let label: number;
let theirs: { recording: number; gig: number; client: number };

beforeAll(async () => {
  t = await testApp();
  ({ agent, userId } = await signUpWithId(t, 'Maya Okafor'));
  gig = (await t.prisma.gig.create({ data: { userId, date: '2025-03-02', title: 'Vocal arrangements', workForHire: false } })).id;
  recording = (await makeRecording(t.prisma, userId, { title: 'Lantern Street', artist: 'June Alvarez', gigId: gig })).id;
  otherRecording = (await makeRecording(t.prisma, userId, { title: 'Orchard', artist: 'Hollis & Vane' })).id;
  label = (await t.prisma.client.create({ data: { userId, name: 'Copper Kettle Records', kind: 'label' } })).id;
  const other = await signUpWithId(t, 'Someone Else');
  const theirGig = await t.prisma.gig.create({ data: { userId: other.userId, date: '2025-01-01', workForHire: false } });
  theirs = {
    recording: (await makeRecording(t.prisma, other.userId, { title: 'Their Song' })).id,
    gig: theirGig.id,
    client: (await t.prisma.client.create({ data: { userId: other.userId, name: 'Their Label' } })).id,
  };
});
afterAll(() => t.close());

const valid = () => ({
  recordingId: String(recording), gigId: '', payerId: String(label), basis: 'PPD', rate: '1.5', advance: '500', currency: 'USD',
  recoupable: 'on', startsOn: '2025-04-12', notes: '1.5 points for the background vocals.',
});
const post = (fields: Record<string, string>) => submitForm(agent, '/royalties/agreements/new', '/royalties/agreements', fields);
const count = () => t.prisma.royaltyAgreement.count({ where: { userId } });

describe('a new agreement', () => {
  it('offers the musician’s own recordings, gigs and clients only', async () => {
    const page = await agent.get('/royalties/agreements/new');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Lantern Street — June Alvarez');
    expect(page.text).toContain('Vocal arrangements');
    expect(page.text).toContain('Copper Kettle Records');
    expect(page.text).not.toMatch(/Their Song|Their Label/);
    expect(page.text).toContain('name="currency" value="USD"');
    expect(page.text).toMatch(/<option value="PPD">/);
  });

  it('stores 1.5 points as 150 basis points, the advance in cents, and the recording’s session as its gig', async () => {
    const res = await post(valid());
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/royalties/recordings/${recording}`);
    const saved = await t.prisma.royaltyAgreement.findFirstOrThrow({ where: { userId }, orderBy: { id: 'desc' } });
    expect(saved).toMatchObject({ recordingId: recording, gigId: gig, payerId: label, basis: 'PPD', rateBps: 150, advanceMinor: 50_000, currency: 'USD', recoupable: true, startsOn: '2025-04-12' });
    const page = await agent.get(res.headers.location);
    expect(page.text).toContain('Agreement added.');
    expect(squash(page.text)).toContain('1.5 points of PPD');
  });

  it('reads "2" as 200 basis points; no advance is 0; an unticked box is not recoupable', async () => {
    const res = await post({ ...valid(), rate: '2', advance: '', recoupable: '' });
    expect(res.status).toBe(303);
    const saved = await t.prisma.royaltyAgreement.findFirstOrThrow({ where: { userId }, orderBy: { id: 'desc' } });
    expect(saved).toMatchObject({ rateBps: 200, advanceMinor: 0, recoupable: false });
  });

  it('can be on a gig alone', async () => {
    const res = await post({ ...valid(), recordingId: '', gigId: String(gig), advance: '' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/royalties');
    expect(await t.prisma.royaltyAgreement.findFirstOrThrow({ where: { userId }, orderBy: { id: 'desc' } })).toMatchObject({ recordingId: null, gigId: gig });
  });

  it.each([
    ['rate', '1.234', /at most two decimal places/],
    ['rate', '-1', /can’t be negative/],
    ['rate', '', /Enter the rate in points/],
    ['rate', '0', /above zero/],
    ['rate', '101', /at most 100 points/],
    ['advance', 'lots', /Enter an amount like 1,250\.50/],
    ['advance', '12.345', /at most 2 decimal places/],
    ['advance', '-5', /zero or more/],
    ['currency', 'XYZ', /ISO 4217/],
    ['startsOn', '2025-02-30', /real date/],
    ['basis', 'x'.repeat(121), /at most 120 characters/],
  ])('refuses %s %j with a message beside the field, keeps the input and saves nothing', async (field, value, message) => {
    const before = await count();
    const res = await post({ ...valid(), [field]: value });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, field)).toMatch(message);
    expect(res.text).toContain('Nothing was saved yet');
    if (field !== 'basis') expect(res.text).toContain(`value="${value}"`);
    expect(res.text).toContain('name="notes"');
    expect(res.text).toContain('1.5 points for the background vocals.');
    expect(await count()).toBe(before);
  });

  it('needs a recording or a gig', async () => {
    const before = await count();
    const res = await post({ ...valid(), recordingId: '', gigId: '' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'recordingId')).toMatch(/recording this agreement is on, the gig it came from, or both/);
    expect(await count()).toBe(before);
  });

  it.each([
    ['recordingId', () => theirs.recording, /one of your recordings/],
    ['gigId', () => theirs.gig, /one of your gigs/],
    ['payerId', () => theirs.client, /from your clients/],
  ])('refuses another musician’s %s as a field error and saves nothing', async (field, id, message) => {
    const before = await count();
    const res = await post({ ...valid(), [field]: String(id()) });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, field)).toMatch(message);
    expect(res.text).not.toMatch(/Their Song|Their Label/);
    expect(await count()).toBe(before);
  });

  it('is pre-filled from a recording, and 404s on another musician’s', async () => {
    const page = await agent.get(`/royalties/agreements/new?recordingId=${recording}`);
    expect(page.text).toMatch(new RegExp(`<option value="${recording}" selected>Lantern Street`));
    expect(page.text).toMatch(new RegExp(`<option value="${gig}" selected>`));
    expect((await agent.get(`/royalties/agreements/new?recordingId=${theirs.recording}`)).status).toBe(404);
    expect((await agent.get(`/royalties/agreements/new?gigId=${theirs.gig}`)).status).toBe(404);
    expect((await agent.get('/royalties/agreements/new?recordingId=abc')).status).toBe(404);
  });
});

describe('editing and deleting an agreement', () => {
  it('shows the stored rate as points and the advance as an amount', async () => {
    const deal = await makeAgreement(t.prisma, userId, { recordingId: recording, rateBps: 125, currency: 'GBP', advanceMinor: 25_050 });
    const page = await agent.get(`/royalties/agreements/${deal.id}/edit`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('name="rate" value="1.25"');
    expect(page.text).toContain('name="advance" value="250.50"');
    expect(page.text).toContain('name="currency" value="GBP"');
  });

  it('moves the statements recorded under it when it moves to another recording', async () => {
    const deal = await makeAgreement(t.prisma, userId, { recordingId: recording, rateBps: 100, currency: 'USD' });
    const s1 = await makeStatement(t.prisma, userId, { agreementId: deal.id, recordingId: recording, amountMinor: 100, currency: 'USD', receivedOn: '2025-08-01' });
    const res = await submitForm(agent, `/royalties/agreements/${deal.id}/edit`, `/royalties/agreements/${deal.id}`, { ...valid(), recordingId: String(otherRecording), rate: '3' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/royalties/recordings/${otherRecording}`);
    expect(await t.prisma.royaltyAgreement.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({ recordingId: otherRecording, rateBps: 300 });
    expect((await t.prisma.royaltyStatement.findUniqueOrThrow({ where: { id: s1.id } })).recordingId).toBe(otherRecording);
    expect((await agent.get(res.headers.location)).text).toContain('1 statement under it moved to the new recording too.');
  });

  it('rejects a bad edit without changing anything', async () => {
    const deal = await makeAgreement(t.prisma, userId, { recordingId: recording, rateBps: 100, currency: 'USD' });
    const res = await submitForm(agent, `/royalties/agreements/${deal.id}/edit`, `/royalties/agreements/${deal.id}`, { ...valid(), rate: '1.234' });
    expect(res.status).toBe(422);
    expect(fieldError(res.text, 'rate')).toMatch(/two decimal places/);
    expect((await t.prisma.royaltyAgreement.findUniqueOrThrow({ where: { id: deal.id } })).rateBps).toBe(100);
  });

  it('asks before deleting, and keeps the statements (without the agreement)', async () => {
    const deal = await makeAgreement(t.prisma, userId, { recordingId: recording, rateBps: 100, currency: 'USD' });
    const kept = await makeStatement(t.prisma, userId, { agreementId: deal.id, recordingId: recording, amountMinor: 4_200, currency: 'USD', receivedOn: '2025-08-01' });
    const confirm = await agent.get(`/royalties/agreements/${deal.id}/delete`);
    expect(confirm.status).toBe(200);
    expect(squash(confirm.text)).toContain('The 1 statement recorded under it will be kept');
    const res = await submitForm(agent, `/royalties/agreements/${deal.id}/delete`, `/royalties/agreements/${deal.id}/delete`, {});
    expect(res.status).toBe(303);
    expect(await t.prisma.royaltyAgreement.findUnique({ where: { id: deal.id } })).toBeNull();
    expect(await t.prisma.royaltyStatement.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ agreementId: null, recordingId: recording, amountMinor: 4_200 });
  });

  it('404s on ids that are not numbers', async () => {
    expect((await agent.get('/royalties/agreements/abc/edit')).status).toBe(404);
    expect((await agent.get('/royalties/agreements/99999999999/edit')).status).toBe(404);
  });
});
