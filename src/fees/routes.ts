// Rate cards, under settings: named rates (union scale, the musician's own
// flat rates) that the gig form uses to propose line items.
import { Router, type Response } from 'express';
import type { FeatureDeps } from '../app.ts';
import type { RateCard } from '../generated/prisma/client.ts';
import { currentUser, requireUser } from '../auth/require-user.ts';
import { forUser, type UserDb } from '../db/scoped.ts';
import { formatDecimal, formatMoney } from '../lib/money.ts';
import { parseForm, type FieldErrors, type FormValues } from '../web/forms.ts';
import { parseId } from '../web/params.ts';
import { basisPointsToPercent } from './percent.ts';
import { getRateCard, rateCardsFor } from './queries.ts';
import { rateCardSchema, type RateCardInput } from './schemas.ts';

const BASE = '/settings/rate-cards';

/** "3 hours", "90 minutes", "1 hour". */
function minutesText(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? '1 hour' : `${minutes / 60} hours`;
  return `${minutes} minutes`;
}

/** A card's values as sentences for the list. */
function summary(card: RateCard) {
  const money = (minor: number) => formatMoney(minor, card.currency);
  const percent = (bps: number) => `${basisPointsToPercent(bps)}%`;
  return {
    id: card.id,
    name: card.name,
    currency: card.currency,
    isDefault: card.isDefault,
    rows: [
      { label: 'Session unit', value: `${money(card.baseUnitMinor)} per ${minutesText(card.unitMinutes)}` },
      {
        label: 'Overtime',
        value: card.overtimeIncrementMinor > 0 ? `${money(card.overtimeIncrementMinor)} per ${card.overtimeIncrementMinutes} minutes started` : 'Not paid',
      },
      { label: 'Doubles', value: `+${percent(card.firstDoubleBps)} first, +${percent(card.additionalDoubleBps)} each further` },
      { label: 'Cartage', value: card.cartageMinor > 0 ? `${money(card.cartageMinor)} per instrument` : 'None' },
      { label: 'Pension', value: card.pensionBps > 0 ? `${percent(card.pensionBps)} of scale wages (to the fund)` : 'None' },
      { label: 'Leader / contractor', value: `${percent(card.leaderBps)} of scale` },
      { label: 'Health & welfare', value: card.healthWelfareMinor > 0 ? `${money(card.healthWelfareMinor)} per session (to the fund)` : 'None' },
    ],
  };
}

/** A saved card as the form shows it (amounts as plain decimals, rates as percentages). */
function formValuesOf(card: RateCard): FormValues {
  const amount = (minor: number, optional = true) => (optional && minor === 0 ? '' : formatDecimal(minor, card.currency));
  return {
    name: card.name,
    currency: card.currency,
    unitMinutes: String(card.unitMinutes),
    baseUnit: amount(card.baseUnitMinor, false),
    overtimeIncrementMinutes: String(card.overtimeIncrementMinutes),
    overtimeIncrement: amount(card.overtimeIncrementMinor),
    firstDoublePercent: basisPointsToPercent(card.firstDoubleBps),
    additionalDoublePercent: basisPointsToPercent(card.additionalDoubleBps),
    cartage: amount(card.cartageMinor),
    pensionPercent: card.pensionBps === 0 ? '' : basisPointsToPercent(card.pensionBps),
    healthWelfare: amount(card.healthWelfareMinor),
    leaderPercent: basisPointsToPercent(card.leaderBps),
    isDefault: card.isDefault,
  };
}

/**
 * Saves a card (new when `id` is undefined). Making it the default clears the
 * flag on the musician's other cards in the same transaction, so there is
 * never more than one default.
 */
async function saveRateCard(db: UserDb, data: RateCardInput, id?: number): Promise<RateCard> {
  const write =
    id === undefined ? db.rateCard.create({ data: { ...data, userId: db.$userId } }) : db.rateCard.update({ where: { id }, data });
  if (!data.isDefault) return write;
  const clearOthers = db.rateCard.updateMany({ where: { isDefault: true, ...(id === undefined ? {} : { id: { not: id } }) }, data: { isDefault: false } });
  const [, card] = await db.$transaction([clearOthers, write]);
  return card;
}

export function feesRouter({ prisma }: FeatureDeps) {
  const router = Router();
  router.use(BASE, requireUser);

  const dbFor = (req: Parameters<typeof currentUser>[0]) => forUser(prisma, currentUser(req).id);

  async function showForm(res: Response, form: { card?: RateCard; values: FormValues; errors: FieldErrors }, status = 200) {
    const editing = form.card !== undefined;
    await res.page(
      'fees/form',
      {
        title: editing ? `Edit ${form.card!.name}` : 'New rate card',
        heading: editing ? `Edit “${form.card!.name}”` : 'New rate card',
        action: editing ? `${BASE}/${form.card!.id}` : BASE,
        submitLabel: editing ? 'Save changes' : 'Add rate card',
        values: form.values,
        errors: form.errors,
      },
      status,
    );
  }

  router.get(BASE, async (req, res) => {
    const cards = await rateCardsFor(dbFor(req));
    await res.page('fees/index', { title: 'Rate cards', cards: cards.map(summary) });
  });

  router.get(`${BASE}/new`, async (req, res) => {
    const db = dbFor(req);
    const hasDefault = (await db.rateCard.count({ where: { isDefault: true } })) > 0;
    await showForm(res, {
      // Starting values: an AFM-shaped card in the musician's currency; the rates are theirs to enter.
      values: {
        currency: currentUser(req).homeCurrency,
        unitMinutes: '180',
        overtimeIncrementMinutes: '30',
        firstDoublePercent: '50',
        additionalDoublePercent: '20',
        isDefault: !hasDefault,
      },
      errors: {},
    });
  });

  router.post(BASE, async (req, res) => {
    const form = parseForm(rateCardSchema, req.body);
    if (!form.ok) return showForm(res, form, 422);
    const card = await saveRateCard(dbFor(req), form.data);
    res.flash('success', `Rate card “${card.name}” added.`);
    res.redirect(303, BASE);
  });

  router.get(`${BASE}/:id/edit`, async (req, res) => {
    const card = await getRateCard(dbFor(req), parseId(req.params.id, 'rate card'));
    await showForm(res, { card, values: formValuesOf(card), errors: {} });
  });

  router.post(`${BASE}/:id`, async (req, res) => {
    const db = dbFor(req);
    const card = await getRateCard(db, parseId(req.params.id, 'rate card'));
    const form = parseForm(rateCardSchema, req.body);
    if (!form.ok) return showForm(res, { card, ...form }, 422);
    const saved = await saveRateCard(db, form.data, card.id);
    res.flash('success', `Rate card “${saved.name}” saved.`);
    res.redirect(303, BASE);
  });

  router.post(`${BASE}/:id/delete`, async (req, res) => {
    const db = dbFor(req);
    const card = await getRateCard(db, parseId(req.params.id, 'rate card'));
    await db.rateCard.delete({ where: { id: card.id } });
    // Gigs keep their line items: a card only proposes amounts, it is not linked to them.
    res.flash('success', `Rate card “${card.name}” deleted. Gigs that used it keep their fees.`);
    res.redirect(303, BASE);
  });

  router.post(`${BASE}/:id/default`, async (req, res) => {
    const db = dbFor(req);
    const card = await getRateCard(db, parseId(req.params.id, 'rate card'));
    await db.$transaction([
      db.rateCard.updateMany({ where: { isDefault: true, id: { not: card.id } }, data: { isDefault: false } }),
      db.rateCard.update({ where: { id: card.id }, data: { isDefault: true } }),
    ]);
    res.flash('success', `“${card.name}” is now your default rate card.`);
    res.redirect(303, BASE);
  });

  return router;
}
