// Progressive enhancement only: every page works without this file.

// Forms with data-confirm="…" ask before submitting (e.g. deleting).
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// Drafts: a form with data-draft="key" is saved in localStorage as it is
// typed, so a dropped connection or an expired session never loses it. The
// page reached after a successful save carries data-clear-draft="key".
(() => {
  const PREFIX = 'll-draft:';
  const storage = (() => {
    try {
      const s = window.localStorage;
      s.setItem(PREFIX + 'probe', '1');
      s.removeItem(PREFIX + 'probe');
      return s;
    } catch {
      return null; // private mode or storage disabled: no drafts, nothing breaks
    }
  })();
  if (!storage) return;

  for (const marker of document.querySelectorAll('[data-clear-draft]')) {
    storage.removeItem(PREFIX + marker.getAttribute('data-clear-draft'));
  }

  const form = document.querySelector('form[data-draft]');
  if (!(form instanceof HTMLFormElement)) return;
  const key = PREFIX + form.dataset.draft;
  const fields = () => [...form.elements].filter((el) => el.name && el.name !== '_csrf' && el.type !== 'submit' && el.type !== 'hidden');

  const snapshot = () => {
    const values = {};
    for (const el of fields()) values[el.name] = el.type === 'checkbox' ? el.checked : el.value;
    return values;
  };
  const initial = JSON.stringify(snapshot());

  const save = () => {
    const values = snapshot();
    if (JSON.stringify(values) === initial) return;
    storage.setItem(key, JSON.stringify({ savedAt: Date.now(), values }));
  };
  form.addEventListener('input', save);
  form.addEventListener('change', save);

  // Restore only onto a fresh form: a page re-rendered with errors already shows what was sent.
  const hasErrors = form.querySelector('[aria-invalid="true"]') || document.querySelector('.alert--error');
  const raw = storage.getItem(key);
  if (!raw || hasErrors) return;
  let draft;
  try {
    draft = JSON.parse(raw);
  } catch {
    storage.removeItem(key);
    return;
  }
  if (!draft || typeof draft.values !== 'object' || Date.now() - draft.savedAt > 14 * 86400000) return;
  for (const el of fields()) {
    if (!(el.name in draft.values)) continue;
    if (el.type === 'checkbox') el.checked = Boolean(draft.values[el.name]);
    else el.value = draft.values[el.name];
  }
  const notice = document.querySelector('[data-draft-notice]');
  if (notice) {
    const when = new Date(draft.savedAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
    notice.querySelector('[data-draft-text]').textContent = `We restored the gig you were typing (${when}).`;
    notice.hidden = false;
    notice.querySelector('[data-draft-discard]').addEventListener('click', () => {
      storage.removeItem(key);
      window.location.reload();
    });
  }
  const more = form.querySelector('details');
  if (more) more.open = true;
})();

// The quick log: a gig dated in the future can't be "done" yet; move the
// status to "booked" unless the musician has chosen a status themselves.
(() => {
  const form = document.querySelector('form.gig-form');
  if (!form) return;
  const date = form.querySelector('#f-date');
  const status = form.querySelector('#f-status');
  if (!date || !status) return;
  let statusTouched = false;
  status.addEventListener('change', () => (statusTouched = true));
  date.addEventListener('change', () => {
    if (statusTouched || !date.value) return;
    const today = new Date();
    const local = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
    if (date.value > local && status.value === 'done') status.value = 'booked';
    if (date.value <= local && status.value === 'booked') status.value = 'done';
  });
})();
