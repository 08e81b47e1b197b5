// Where an agreement's advance stands, from what its statements say was received.
//
// THE MODEL (the overview page says it in one sentence, ADVANCE_MODEL_SENTENCE):
// - A RoyaltyStatement records money actually RECEIVED for a period — what the
//   payer paid out, the same figure the tax year counts as income — not the
//   royalties earned before the advance was taken off. (The schema has no
//   "earned" column; see the royalties report for the proposal to add one.)
// - A recoupable advance is paid back from royalties first: everything the
//   recording earns under the agreement goes to the advance, and the payer pays
//   nothing until the advance is fully earned back. So:
//     recouped so far = min(advance, royalties earned so far)
//   and with only money received to go on:
//   · once any statement has paid something, earnings have passed the advance:
//     the advance is recouped IN FULL, and royalties earned to date are at
//     least advance + received (in the agreement's currency);
//   · while no statement has paid anything (none yet, or statements for 0),
//     earnings are somewhere between 0 and the advance: we say "not yet" and
//     that at most the whole advance is still to be earned back — we do not
//     invent a partial figure the statements don't give.
// - A non-recoupable advance is the musician's whatever the record earns, and
//   royalties are paid from the first one: earned to date = received.
// - No advance: nothing to recoup; earned to date = received.
// Cross-collateralised deals (one advance recouped across several recordings)
// are out of scope: each agreement is its own account.
//
// All amounts are integer minor units of the agreement's currency.

export const ADVANCE_MODEL_SENTENCE =
  'Statements record money actually received; a recoupable advance is paid back from royalties before anything more is paid out, so the first statement that pays anything means the advance has been recouped in full.';

export type AdvancePosition =
  | { state: 'no_advance'; earnedAtLeastMinor: number }
  | { state: 'not_recoupable'; advanceMinor: number; earnedAtLeastMinor: number; totalFromDealMinor: number }
  | {
      state: 'recouped';
      advanceMinor: number;
      recoupedMinor: number;
      toRecoupMinor: 0;
      /** Royalties earned to date are at least this: the advance plus what was paid beyond it. */
      earnedAtLeastMinor: number;
      totalFromDealMinor: number;
    }
  | {
      state: 'recouping';
      advanceMinor: number;
      /** What the statements prove was recouped: nothing yet (the true figure is between 0 and the advance). */
      recoupedMinor: 0;
      /** At most this much is still to be earned back before royalties are paid out. */
      toRecoupAtMostMinor: number;
      earnedAtLeastMinor: 0;
      totalFromDealMinor: number;
    };

export type AdvanceInput = {
  advanceMinor: number;
  recoupable: boolean;
  /** Statements under the agreement that paid more than zero, in any currency. */
  paidStatements: number;
  /** Σ of the agreement's statements in the agreement's own currency (other currencies are listed apart). */
  receivedMinor: number;
};

function assertWhole(name: string, value: number, min = 0) {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${value}`);
}

function add(a: number, b: number): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) throw new RangeError('Money total is too large to represent exactly');
  return sum;
}

export function advancePosition({ advanceMinor, recoupable, paidStatements, receivedMinor }: AdvanceInput): AdvancePosition {
  assertWhole('advanceMinor', advanceMinor);
  assertWhole('paidStatements', paidStatements);
  assertWhole('receivedMinor', receivedMinor);
  if (advanceMinor === 0) return { state: 'no_advance', earnedAtLeastMinor: receivedMinor };
  const totalFromDealMinor = add(advanceMinor, receivedMinor);
  if (!recoupable) return { state: 'not_recoupable', advanceMinor, earnedAtLeastMinor: receivedMinor, totalFromDealMinor };
  if (paidStatements > 0) {
    return { state: 'recouped', advanceMinor, recoupedMinor: advanceMinor, toRecoupMinor: 0, earnedAtLeastMinor: totalFromDealMinor, totalFromDealMinor };
  }
  return { state: 'recouping', advanceMinor, recoupedMinor: 0, toRecoupAtMostMinor: advanceMinor, earnedAtLeastMinor: 0, totalFromDealMinor };
}
