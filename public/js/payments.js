// The payment form (views/payments/form.ejs), progressive enhancement only:
// the server does all of this too ("Suggest allocation", and an all-empty
// allocation on a new payment is split oldest first when it is recorded).
//
// - As the amount is typed, the allocation fields are re-filled with the
//   oldest-first split (the gig the form was opened from first), until the
//   musician edits one of them by hand.
// - The line under the table shows what is allocated and what will be kept
//   as credit, live.
// - Choosing another payer or currency greys out the listed gigs (they are
//   the previous payer's) and says how to list the new one's.
// Amounts are handled as integers of minor units built from digit strings:
// no floats.
(() => {
  const form = document.querySelector('form[data-payment-form]');
  const box = form && form.querySelector('[data-allocation]');
  if (!form || !box) return;
  const amountInput = form.querySelector('[name="amount"]');
  const clientSelect = form.querySelector('[name="clientId"]');
  const currencyInput = form.querySelector('[name="currency"]');
  const inputs = [...box.querySelectorAll('input[data-open-minor]')];
  const currency = box.dataset.currency;
  const digits = Number(box.dataset.minorDigits || 2);

  /** "1,250.50" / "$1250.5" → minor units, or null when it is not a plain non-negative amount. */
  function toMinor(text) {
    const cleaned = String(text).trim().replace(/^[^\d.]+|[^\d.]+$/g, '').replace(/,/g, '');
    if (cleaned === '') return 0;
    const m = /^(\d*)(?:\.(\d*))?$/.exec(cleaned);
    if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) return null;
    const fraction = (m[2] || '').replace(/0+$/, '');
    if (fraction.length > digits) return null;
    const minor = Number((m[1] || '0') + fraction.padEnd(digits, '0'));
    return Number.isSafeInteger(minor) ? minor : null;
  }

  /** Minor units → "1250.50" (what the server's formatDecimal writes). */
  function toDecimal(minor) {
    const padded = String(minor).padStart(digits + 1, '0');
    return digits === 0 ? padded : `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
  }

  let formatter = null;
  try {
    formatter = currency ? new Intl.NumberFormat('en-US', { style: 'currency', currency }) : null;
  } catch {
    formatter = null;
  }
  const money = (minor) => {
    const sign = minor < 0 ? '-' : '';
    const decimal = toDecimal(Math.abs(minor));
    return formatter ? sign + formatter.format(decimal) : `${sign}${decimal} ${currency}`;
  };

  // Oldest first is the order of the rows; the gig the form came from goes first.
  const order = [...inputs].sort((a, b) => Number(b.hasAttribute('data-prefer')) - Number(a.hasAttribute('data-prefer')));

  /** The oldest-first split of the amount, as field values; null when the amount is unreadable. */
  function split() {
    const amount = amountInput ? toMinor(amountInput.value) : null;
    if (amount === null) return null;
    let left = amount;
    const values = new Map();
    for (const input of order) {
      const take = Math.min(left, Number(input.dataset.openMinor));
      left -= take;
      values.set(input, take > 0 ? toDecimal(take) : '');
    }
    return values;
  }

  // Amounts that differ from the split were chosen by hand (editing a payment,
  // a form sent back with a message): typing a new amount must not replace them.
  const initial = split();
  let touched = inputs.some((i) => toMinor(i.value) !== toMinor(initial ? initial.get(i) : ''));

  function suggest() {
    const values = split();
    if (values) for (const [input, value] of values) input.value = value;
  }

  const summary = box.querySelector('[data-summary]');
  function refreshSummary() {
    if (!summary) return;
    const amount = toMinor(amountInput.value);
    let allocated = 0;
    for (const input of inputs) {
      const v = toMinor(input.value);
      if (v === null) return; // a typo: the server will say so beside the row
      allocated += v;
    }
    if (amount === null || amount === 0) {
      summary.hidden = true;
      return;
    }
    summary.hidden = false;
    summary.querySelector('[data-allocated]').textContent = money(allocated);
    const credit = amount - allocated;
    const creditPart = summary.querySelector('[data-credit-part]');
    creditPart.hidden = credit <= 0;
    if (credit > 0) summary.querySelector('[data-credit]').textContent = money(credit);
    summary.querySelector('[data-over]').hidden = credit >= 0;
  }

  if (amountInput) {
    amountInput.addEventListener('input', () => {
      if (!touched) suggest();
      refreshSummary();
    });
  }
  for (const input of inputs) {
    input.addEventListener('input', () => {
      touched = true;
      refreshSummary();
    });
  }

  // Another payer or currency: the listed gigs are not theirs any more.
  const listedFor = box.dataset.listedFor || '';
  const staleNote = box.querySelector('[data-stale-note]');
  function checkStale() {
    if (!listedFor) return;
    const now = `${clientSelect ? clientSelect.value : ''}:${currencyInput ? currencyInput.value.trim().toUpperCase() : ''}`;
    const stale = now !== listedFor;
    box.classList.toggle('payment-allocation--stale', stale);
    if (staleNote) staleNote.hidden = !stale;
    // Disabled fields are not sent: a new payment is then split over the new payer's oldest gigs.
    for (const input of inputs) input.disabled = stale;
  }
  if (clientSelect) clientSelect.addEventListener('change', checkStale);
  if (currencyInput) currencyInput.addEventListener('change', checkStale);
  refreshSummary();
})();
