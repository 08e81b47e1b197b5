import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csrfFrom, signUp, submitForm, testApp, type Agent } from '../support/app.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const LIST = '/settings/rate-cards';
const NEW = '/settings/rate-cards/new';

const scaleCard = {
  name: 'AFM scale 2026',
  currency: 'USD',
  unitMinutes: '180',
  baseUnit: '434.21',
  overtimeIncrementMinutes: '30',
  overtimeIncrement: '72.37',
  firstDoublePercent: '50',
  additionalDoublePercent: '20',
  cartage: '12',
  pensionPercent: '14.09',
  healthWelfare: '30',
  isDefault: 'on',
};

async function musician() {
  const { agent, email } = await signUp(t.app);
  const user = await t.prisma.user.findUniqueOrThrow({ where: { email } });
  return { agent, userId: user.id };
}

const cardsOf = (userId: number) => t.prisma.rateCard.findMany({ where: { userId }, orderBy: { id: 'asc' } });

async function createCard(agent: Agent, fields: Record<string, string>) {
  const res = await submitForm(agent, NEW, LIST, fields);
  expect(res.status, res.text.slice(0, 500)).toBe(303);
  return res;
}

/** A POST from the list page (make default, delete), with its CSRF token. */
async function postFromList(agent: Agent, action: string) {
  return agent.post(action).type('form').send({ _csrf: csrfFrom(await agent.get(LIST)) });
}

describe('GET /settings/rate-cards', () => {
  it('sends visitors to sign in, then back', async () => {
    const res = await request(t.app).get(LIST);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/signin?next=${encodeURIComponent(LIST)}`);
  });

  it('invites a musician without cards to add one', async () => {
    const { agent } = await musician();
    const res = await agent.get(LIST);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Rate cards</h1>');
    expect(res.text).toContain('No rate cards yet');
    expect(res.text).toContain(`href="${NEW}"`);
  });

  it('lists cards with their values formatted, the default first', async () => {
    const { agent } = await musician();
    await createCard(agent, { ...scaleCard, name: 'Zed flat rate', isDefault: '', baseUnit: '300', overtimeIncrement: '', cartage: '', pensionPercent: '', healthWelfare: '' });
    await createCard(agent, scaleCard);
    const res = await agent.get(LIST);
    expect(res.status).toBe(200);
    expect(res.text.indexOf('AFM scale 2026')).toBeLessThan(res.text.indexOf('Zed flat rate'));
    for (const text of [
      '$434.21 per 3 hours',
      '$72.37 per 30 minutes started',
      '+50% first, +20% each further',
      '$12.00 per instrument',
      '14.09% of scale wages (to the fund)',
      '$30.00 per session (to the fund)',
      '>Default</span>',
      '$300.00 per 3 hours',
      'Not paid',
    ]) {
      expect(res.text).toContain(text);
    }
    // One "Make default" button: on the card that is not the default.
    expect(res.text.match(/Make default/g)).toHaveLength(1);
  });
});

describe('GET /settings/rate-cards/new', () => {
  it('starts from AFM-shaped values in the home currency, default ticked for the first card', async () => {
    const { agent } = await musician();
    const res = await agent.get(NEW);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>New rate card</h1>');
    expect(res.text).toContain(`action="${LIST}"`);
    expect(res.text).toMatch(/name="currency" value="USD"/);
    expect(res.text).toMatch(/name="unitMinutes" value="180"/);
    expect(res.text).toMatch(/name="overtimeIncrementMinutes" value="30"/);
    expect(res.text).toMatch(/name="firstDoublePercent" value="50"/);
    expect(res.text).toMatch(/name="additionalDoublePercent" value="20"/);
    expect(res.text).toMatch(/name="isDefault" value="on" checked/);
    expect(res.text).toMatch(/<label for="f-baseUnit">Base per unit<\/label>/);
  });

  it('leaves default unticked once a default exists', async () => {
    const { agent } = await musician();
    await createCard(agent, scaleCard);
    const res = await agent.get(NEW);
    expect(res.text).toMatch(/name="isDefault" value="on"(?! checked)/);
  });
});

describe('POST /settings/rate-cards', () => {
  it('saves the card as integers: minor units and basis points', async () => {
    const { agent, userId } = await musician();
    const res = await createCard(agent, scaleCard);
    expect(res.headers.location).toBe(LIST);
    expect(await cardsOf(userId)).toEqual([
      {
        id: expect.any(Number),
        userId,
        name: 'AFM scale 2026',
        currency: 'USD',
        unitMinutes: 180,
        baseUnitMinor: 43421,
        overtimeIncrementMinutes: 30,
        overtimeIncrementMinor: 7237,
        firstDoubleBps: 5000,
        additionalDoubleBps: 2000,
        cartageMinor: 1200,
        pensionBps: 1409,
        healthWelfareMinor: 3000,
        leaderBps: 20_000,
        isDefault: true,
      },
    ]);
    expect((await agent.get(LIST)).text).toContain('Rate card “AFM scale 2026” added.');
  });

  it('reads amounts in the card currency, not the home currency', async () => {
    const { agent, userId } = await musician();
    await createCard(agent, { ...scaleCard, name: 'Tokyo', currency: 'jpy', baseUnit: '¥48,000', overtimeIncrement: '8000', cartage: '', healthWelfare: '' });
    const [card] = await cardsOf(userId);
    expect(card).toMatchObject({ currency: 'JPY', baseUnitMinor: 48000, overtimeIncrementMinor: 8000, cartageMinor: 0, healthWelfareMinor: 0 });
    expect((await agent.get(LIST)).text).toContain('¥48,000 per 3 hours');
  });

  it('refuses an invalid card with 422, messages beside the fields, input kept, nothing saved', async () => {
    const { agent, userId } = await musician();
    const res = await submitForm(agent, NEW, LIST, {
      ...scaleCard,
      name: '',
      unitMinutes: '0',
      baseUnit: '434.215',
      firstDoublePercent: '12,5',
      pensionPercent: '14.099',
      cartage: '€12',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Nothing was saved yet.');
    expect(res.text.match(/class="field__error"/g)).toHaveLength(6);
    expect(res.text).toContain('Give the card a name, like &#34;AFM scale 2026&#34;.');
    expect(res.text).toContain('Unit length in minutes must be between 1 and 1440.');
    expect(res.text).toContain('USD amounts have at most 2 decimal places, like 1,250.50.');
    expect(res.text).toContain('Use a point for decimals, like 50 or 12.5.');
    expect(res.text).toContain('Use at most two decimal places, like 14.09.');
    expect(res.text).toContain('This amount is in USD, not “€”.');
    // Messages sit beside their fields, and what was typed comes back.
    expect(res.text).toMatch(/name="baseUnit" value="434.215"[^>]*aria-invalid="true"[^>]*aria-describedby="f-baseUnit-hint f-baseUnit-error"/);
    expect(res.text).toMatch(/<p class="field__error" id="f-baseUnit-error">USD amounts/);
    expect(res.text).toMatch(/name="firstDoublePercent" value="12,5"/);
    expect(res.text).toMatch(/name="cartage" value="€12"/);
    expect(res.text).toMatch(/name="isDefault" value="on" checked/);
    expect(res.text).toContain(`action="${LIST}"`);
    expect(await cardsOf(userId)).toEqual([]);
  });

  it('requires the base amount and a real currency', async () => {
    const { agent, userId } = await musician();
    const res = await submitForm(agent, NEW, LIST, { ...scaleCard, baseUnit: '', currency: 'XXY' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Use a three-letter ISO 4217 currency code, like USD or EUR.');
    const again = await submitForm(agent, NEW, LIST, { ...scaleCard, baseUnit: '' });
    expect(again.status).toBe(422);
    expect(again.text).toContain('Enter an amount, like 1,250.50.');
    expect(await cardsOf(userId)).toEqual([]);
  });

  it('makes a new default card the only default', async () => {
    const { agent, userId } = await musician();
    await createCard(agent, { ...scaleCard, name: 'First' });
    await createCard(agent, { ...scaleCard, name: 'Second' });
    expect((await cardsOf(userId)).map((c) => [c.name, c.isDefault])).toEqual([
      ['First', false],
      ['Second', true],
    ]);
    await createCard(agent, { ...scaleCard, name: 'Third', isDefault: '' });
    expect((await cardsOf(userId)).filter((c) => c.isDefault).map((c) => c.name)).toEqual(['Second']);
  });
});

describe('GET /settings/rate-cards/:id/edit', () => {
  it('shows the saved values as typed: decimals and percentages', async () => {
    const { agent, userId } = await musician();
    await createCard(agent, { ...scaleCard, firstDoublePercent: '12.5', cartage: '' });
    const [card] = await cardsOf(userId);
    const res = await agent.get(`${LIST}/${card.id}/edit`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1>Edit “AFM scale 2026”</h1>');
    expect(res.text).toContain(`action="${LIST}/${card.id}"`);
    expect(res.text).toMatch(/name="baseUnit" value="434.21"/);
    expect(res.text).toMatch(/name="overtimeIncrement" value="72.37"/);
    expect(res.text).toMatch(/name="firstDoublePercent" value="12.5"/);
    expect(res.text).toMatch(/name="pensionPercent" value="14.09"/);
    expect(res.text).toMatch(/name="cartage" value=""/);
    expect(res.text).toMatch(/name="healthWelfare" value="30.00"/);
    expect(res.text).toMatch(/name="isDefault" value="on" checked/);
  });

  it.each(['abc', '0', '-1', '1.5', '99999999999', '2147483647'])('answers 404 for id %s', async (id) => {
    const { agent } = await musician();
    expect((await agent.get(`${LIST}/${id}/edit`)).status).toBe(404);
  });
});

describe('POST /settings/rate-cards/:id', () => {
  it('saves changes', async () => {
    const { agent, userId } = await musician();
    await createCard(agent, scaleCard);
    const [card] = await cardsOf(userId);
    const res = await submitForm(agent, `${LIST}/${card.id}/edit`, `${LIST}/${card.id}`, {
      ...scaleCard,
      name: 'AFM scale 2027',
      baseUnit: '447.24',
      pensionPercent: '',
    });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(LIST);
    expect(await cardsOf(userId)).toEqual([{ ...card, name: 'AFM scale 2027', baseUnitMinor: 44724, pensionBps: 0 }]);
    expect((await agent.get(LIST)).text).toContain('Rate card “AFM scale 2027” saved.');
  });

  it('refuses invalid changes with 422 on the edit form and changes nothing', async () => {
    const { agent, userId } = await musician();
    await createCard(agent, scaleCard);
    const [card] = await cardsOf(userId);
    const res = await submitForm(agent, `${LIST}/${card.id}/edit`, `${LIST}/${card.id}`, {
      ...scaleCard,
      name: 'Renamed',
      overtimeIncrementMinutes: '',
      additionalDoublePercent: '101',
    });
    expect(res.status).toBe(422);
    expect(res.text).toContain('<h1>Edit “AFM scale 2026”</h1>');
    expect(res.text).toContain(`action="${LIST}/${card.id}"`);
    expect(res.text).toContain('Enter overtime increment in minutes as a whole number.');
    expect(res.text).toContain('Enter a percentage from 0 to 100.');
    expect(res.text).toMatch(/name="name" value="Renamed"/);
    expect(res.text).toMatch(/name="additionalDoublePercent" value="101"/);
    expect(await cardsOf(userId)).toEqual([card]);
  });

  it('unticking default leaves no default', async () => {
    const { agent, userId } = await musician();
    await createCard(agent, scaleCard);
    const [card] = await cardsOf(userId);
    await submitForm(agent, `${LIST}/${card.id}/edit`, `${LIST}/${card.id}`, { ...scaleCard, isDefault: '' });
    expect((await cardsOf(userId))[0].isDefault).toBe(false);
  });

  it('ticking default on an edit moves the default to this card', async () => {
    const { agent, userId } = await musician();
    await createCard(agent, { ...scaleCard, name: 'A' });
    await createCard(agent, { ...scaleCard, name: 'B', isDefault: '' });
    const [, b] = await cardsOf(userId);
    await submitForm(agent, `${LIST}/${b.id}/edit`, `${LIST}/${b.id}`, { ...scaleCard, name: 'B' });
    expect((await cardsOf(userId)).map((c) => [c.name, c.isDefault])).toEqual([
      ['A', false],
      ['B', true],
    ]);
  });

  it('answers 404 for a card that does not exist, before reading the form', async () => {
    const { agent } = await musician();
    const res = await agent.post(`${LIST}/999999`).type('form').send({ _csrf: csrfFrom(await agent.get(LIST)) });
    expect(res.status).toBe(404);
  });
});

describe('POST /settings/rate-cards/:id/default', () => {
  it('switches the one default, in this account only', async () => {
    const other = await musician();
    await createCard(other.agent, { ...scaleCard, name: 'Theirs' });
    const { agent, userId } = await musician();
    await createCard(agent, { ...scaleCard, name: 'A' });
    await createCard(agent, { ...scaleCard, name: 'B', isDefault: '' });
    await createCard(agent, { ...scaleCard, name: 'C', isDefault: '' });
    const [a, b, c] = await cardsOf(userId);
    const defaults = async () => (await cardsOf(userId)).filter((card) => card.isDefault).map((card) => card.name);

    const res = await postFromList(agent, `${LIST}/${b.id}/default`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(LIST);
    expect(await defaults()).toEqual(['B']);
    expect((await agent.get(LIST)).text).toContain('“B” is now your default rate card.');

    await postFromList(agent, `${LIST}/${c.id}/default`);
    expect(await defaults()).toEqual(['C']);
    await postFromList(agent, `${LIST}/${c.id}/default`); // already the default: stays the only one
    expect(await defaults()).toEqual(['C']);
    await postFromList(agent, `${LIST}/${a.id}/default`);
    expect(await defaults()).toEqual(['A']);

    expect((await cardsOf(other.userId)).map((card) => [card.name, card.isDefault])).toEqual([['Theirs', true]]);
  });

  it('answers 404 for an unknown card and changes nothing', async () => {
    const { agent, userId } = await musician();
    await createCard(agent, scaleCard);
    const before = await cardsOf(userId);
    expect((await postFromList(agent, `${LIST}/999999/default`)).status).toBe(404);
    expect((await postFromList(agent, `${LIST}/nope/default`)).status).toBe(404);
    expect(await cardsOf(userId)).toEqual(before);
  });
});

describe('POST /settings/rate-cards/:id/delete', () => {
  it('deletes the card and says so', async () => {
    const { agent, userId } = await musician();
    await createCard(agent, { ...scaleCard, name: 'Keep' });
    await createCard(agent, { ...scaleCard, name: 'Drop', isDefault: '' });
    const [keep, drop] = await cardsOf(userId);
    const page = await agent.get(LIST);
    expect(page.text).toContain(`action="${LIST}/${drop.id}/delete" data-confirm="Delete the rate card “Drop”? Gigs keep their fees."`);
    const res = await agent.post(`${LIST}/${drop.id}/delete`).type('form').send({ _csrf: csrfFrom(page) });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(LIST);
    expect(await cardsOf(userId)).toEqual([keep]);
    expect((await agent.get(LIST)).text).toContain('Rate card “Drop” deleted.');
    expect((await postFromList(agent, `${LIST}/${drop.id}/delete`)).status).toBe(404);
  });
});

describe("another musician's cards", () => {
  it('are not listed, not editable, not defaultable and not deletable', async () => {
    const owner = await musician();
    await createCard(owner.agent, { ...scaleCard, name: 'Owner scale' });
    const [card] = await cardsOf(owner.userId);
    const intruder = await musician();

    expect((await intruder.agent.get(LIST)).text).not.toContain('Owner scale');
    expect((await intruder.agent.get(`${LIST}/${card.id}/edit`)).status).toBe(404);
    const csrf = csrfFrom(await intruder.agent.get(LIST));
    for (const action of [`${LIST}/${card.id}`, `${LIST}/${card.id}/default`, `${LIST}/${card.id}/delete`]) {
      const res = await intruder.agent.post(action).type('form').send({ ...scaleCard, name: 'Hijacked', isDefault: '', _csrf: csrf });
      expect(res.status, action).toBe(404);
    }
    expect(await cardsOf(owner.userId)).toEqual([card]);
    expect(await cardsOf(intruder.userId)).toEqual([]);
  });
});

describe('escaping', () => {
  it('shows hostile names as text in the list, the form and the flash', async () => {
    const { agent } = await musician();
    const hostile = '<script>alert(1)</script>"><img src=x>';
    await createCard(agent, { ...scaleCard, name: hostile });
    const list = await agent.get(LIST);
    expect(list.text).not.toContain('<script>alert(1)');
    expect(list.text).not.toContain('<img src=x');
    expect(list.text).toContain('&lt;script&gt;');
    const id = /\/settings\/rate-cards\/(\d+)\/edit/.exec(list.text)![1];
    const edit = await agent.get(`${LIST}/${id}/edit`);
    expect(edit.text).not.toContain('<script>alert(1)');
    expect(edit.text).not.toContain('<img src=x');
  });
});
