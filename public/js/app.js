// Progressive enhancement only: every page works without this file.
// Forms with data-confirm="…" ask before submitting (e.g. deleting).
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});
