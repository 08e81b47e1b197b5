// The royalty statement form: choosing an agreement fills in its recording,
// payer and currency, and sets the source to "Under an agreement".
// Progressive enhancement only: without this file the server fills empty
// recording and payer fields from the agreement when the form is saved.
(() => {
  const form = document.querySelector('form[data-royalty-statement]');
  if (!(form instanceof HTMLFormElement)) return;
  const agreement = form.elements.namedItem('agreementId');
  if (!(agreement instanceof HTMLSelectElement)) return;
  const field = (name) => form.elements.namedItem(name);

  agreement.addEventListener('change', () => {
    const option = agreement.selectedOptions[0];
    if (!option || option.value === '') return;
    const source = field('source');
    if (source instanceof HTMLSelectElement) source.value = 'agreement';
    const recording = field('recordingId');
    if (recording instanceof HTMLSelectElement && option.dataset.recording) recording.value = option.dataset.recording;
    const payer = field('payerId');
    // The payer may be an archived client that the list doesn't offer: only set it when it is there.
    if (payer instanceof HTMLSelectElement && option.dataset.payer && [...payer.options].some((o) => o.value === option.dataset.payer)) {
      payer.value = option.dataset.payer;
    }
    const currency = field('currency');
    if (currency instanceof HTMLInputElement && option.dataset.currency) currency.value = option.dataset.currency;
  });
})();
