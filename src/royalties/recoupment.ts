// Where an agreement's advance stands, and what its statements should have paid.
//
// THE MODEL (the pages say it in one sentence, ADVANCE_MODEL_SENTENCE):
// - A RoyaltyStatement records money actually RECEIVED for a period (amountMinor)
//   — what the payer paid out, the figure the tax year counts as income. It may
//   also carry what the statement REPORTS: the basis amount (sales / receipts the
//   rate applies to) and the royalties EARNED for the period before any advance
//   is taken off. When a statement under an agreement is saved with a basis and
//   no earned figure, earnedMinor = applyBasisPoints(basis, agreement.rateBps) is
//   computed and stored then (queries.ts) — the one rounding point, half-up; so
//   from here on "earned" is simply the stored column and every sum is exact.
// - A recoupable advance is paid back from royalties first: everything the
//   recording earns under the agreement goes to the advance, and the payer pays
//   nothing until the advance is fully earned back. So:
//     recouped so far = min(advance, royalties earned so far)
//   1. EARNED READING (preferred): when any statement in the agreement's
//      currency has an earned figure, recouped = min(advance, Σ earned). When
//      every statement has one the figure is exact; when only some do, Σ earned
//      is a lower bound, and a statement that paid anything still proves the
//      advance recouped in full.
//   2. RECEIVED READING (fallback, no statement has an earned/basis figure):
//      · once any statement has paid something, earnings have passed the
//        advance: recouped IN FULL, and earned to date ≥ advance + received;
//      · while none has paid anything, earnings are somewhere between 0 and the
//        advance: "not yet", at most the whole advance still to earn back — we
//        do not invent a partial figure the statements don't give.
// - A non-recoupable advance is the musician's whatever the record earns, and
//   royalties are paid from the first one: earned to date = received.
// - No advance: nothing to recoup; earned to date = received.
// - EXPECTED vs RECEIVED (expectedVsReceived): expected = Σ earned over the
//   statements that have it ("on N of M statements"); what the payer should
//   have paid out is expected less what went to recoup the advance; the
//   difference received − payable is only given when EVERY statement has an
//   earned figure (otherwise it would compare a part with the whole).
// Cross-collateralised deals (one advance recouped across several recordings)
// are out of scope: each agreement is its own account.
//
// All amounts are integer minor units; recoupment is in the agreement's currency.

export const ADVANCE_MODEL_SENTENCE =
  'Statements record money actually received, and may say what they reported earned; a recoupable advance is paid back from royalties before anything more is paid out, so recouped so far is the royalties earned up to the advance — or, when no statement gives an earned or basis figure, the advance counts as recouped in full from the first statement that pays anything.';

/** Which figures the position was read from: statements' earned figures, or only the money received. */
export type Reading = 'earned' | 'received';

export type AdvancePosition =
  | { state: 'no_advance'; earnedAtLeastMinor: number }
  | { state: 'not_recoupable'; advanceMinor: number; earnedAtLeastMinor: number; totalFromDealMinor: number }
  | {
      state: 'recouped';
      from: Reading;
      advanceMinor: number;
      recoupedMinor: number;
      toRecoupMinor: 0;
      /** Royalties earned to date are at least this. */
      earnedAtLeastMinor: number;
      totalFromDealMinor: number;
    }
  | {
      state: 'recouping';
      from: Reading;
      advanceMinor: number;
      /** What the statements prove was recouped (received reading: 0, the true figure is between 0 and the advance). */
      recoupedMinor: number;
      /** At most this much is still to be earned back before royalties are paid out (exactly this when `exact`). */
      toRecoupAtMostMinor: number;
      /** True when every statement gave an earned figure, so the figures above are the real ones. */
      exact: boolean;
      earnedAtLeastMinor: number;
      totalFromDealMinor: number;
    };

export type AdvanceInput = {
  advanceMinor: number;
  recoupable: boolean;
  /** Statements under the agreement that paid more than zero, in any currency. */
  paidStatements: number;
  /** Σ of the agreement's statements in the agreement's own currency (other currencies are listed apart). */
  receivedMinor: number;
  /** Statements under the agreement, in any currency (default 0). */
  statements?: number;
  /** Statements in the agreement's currency with an earned figure (default 0: the received reading). */
  earnedStatements?: number;
  /** Σ of those statements' earned figures (default 0). */
  earnedMinor?: number;
};

function assertWhole(name: string, value: number, min = 0) {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${value}`);
}

function add(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError('Money total is too large to represent exactly');
  return sum;
}

export function advancePosition(input: AdvanceInput): AdvancePosition {
  const { advanceMinor, recoupable, paidStatements, receivedMinor, statements = 0, earnedStatements = 0, earnedMinor = 0 } = input;
  assertWhole('advanceMinor', advanceMinor);
  assertWhole('paidStatements', paidStatements);
  assertWhole('receivedMinor', receivedMinor);
  assertWhole('statements', statements);
  assertWhole('earnedStatements', earnedStatements);
  assertWhole('earnedMinor', earnedMinor);
  if (advanceMinor === 0) return { state: 'no_advance', earnedAtLeastMinor: receivedMinor };
  const totalFromDealMinor = add(advanceMinor, receivedMinor);
  if (!recoupable) return { state: 'not_recoupable', advanceMinor, earnedAtLeastMinor: receivedMinor, totalFromDealMinor };

  if (earnedStatements > 0) {
    const exact = earnedStatements >= statements;
    // Only some statements say what was earned: a payment still proves the advance recouped.
    const provenByPayment = !exact && paidStatements > 0;
    const recoupedMinor = provenByPayment ? advanceMinor : Math.min(advanceMinor, earnedMinor);
    const earnedAtLeastMinor = provenByPayment ? Math.max(earnedMinor, totalFromDealMinor) : earnedMinor;
    if (recoupedMinor === advanceMinor) {
      return { state: 'recouped', from: 'earned', advanceMinor, recoupedMinor, toRecoupMinor: 0, earnedAtLeastMinor, totalFromDealMinor };
    }
    return { state: 'recouping', from: 'earned', advanceMinor, recoupedMinor, toRecoupAtMostMinor: advanceMinor - recoupedMinor, exact, earnedAtLeastMinor, totalFromDealMinor };
  }

  if (paidStatements > 0) {
    return { state: 'recouped', from: 'received', advanceMinor, recoupedMinor: advanceMinor, toRecoupMinor: 0, earnedAtLeastMinor: totalFromDealMinor, totalFromDealMinor };
  }
  return { state: 'recouping', from: 'received', advanceMinor, recoupedMinor: 0, toRecoupAtMostMinor: advanceMinor, exact: false, earnedAtLeastMinor: 0, totalFromDealMinor };
}

/** An amount in one currency. */
export type Amount = { currency: string; amountMinor: number };

export type ExpectedInput = {
  /** The agreement's currency: the advance is recouped in it. */
  currency: string;
  /** Statements under the agreement, in any currency. */
  statements: number;
  /** Of those, statements with an earned figure (stored, or worked out from the basis on save). */
  computableStatements: number;
  /** Σ earned per currency, over the computable statements (SQL sums). */
  expected: Amount[];
  /** Σ received per currency, over all statements (SQL sums). */
  received: Amount[];
  /** Recouped against the advance from those earnings, in `currency` (0 when none / not recoupable). */
  recoupedMinor: number;
};

export type ExpectedVsReceived = {
  statements: number;
  computableStatements: number;
  /** Σ earned per currency ("expected"), on computableStatements of statements. */
  expected: Amount[];
  /** Expected less what went to recoup the advance: what the payer should have paid out, per currency. */
  payable: Amount[];
  /** received − payable per currency; null unless every statement has an earned figure. */
  difference: Amount[] | null;
};

/** Expected (earned) against received, exact integers, per currency — never added across currencies. */
export function expectedVsReceived(input: ExpectedInput): ExpectedVsReceived {
  const { currency, statements, computableStatements, expected, received, recoupedMinor } = input;
  assertWhole('statements', statements);
  assertWhole('computableStatements', computableStatements);
  assertWhole('recoupedMinor', recoupedMinor);
  const payable = expected.map((e) => ({ currency: e.currency, amountMinor: e.currency === currency ? e.amountMinor - Math.min(recoupedMinor, e.amountMinor) : e.amountMinor }));
  let difference: Amount[] | null = null;
  if (statements > 0 && computableStatements >= statements) {
    const currencies = [...new Set([...received.map((r) => r.currency), ...payable.map((p) => p.currency)])];
    difference = currencies.map((c) => {
      const got = received.find((r) => r.currency === c)?.amountMinor ?? 0;
      const due = payable.find((p) => p.currency === c)?.amountMinor ?? 0;
      const d = got - due;
      if (!Number.isSafeInteger(d)) throw new RangeError('Money total is too large to represent exactly');
      return { currency: c, amountMinor: d };
    });
  }
  return { statements, computableStatements, expected, payable, difference };
}
