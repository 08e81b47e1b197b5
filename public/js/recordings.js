// Progressive enhancement for recordings and the portfolio; every page works without it.

// "Add another credit / link": copies the last row of a [data-rows] fieldset
// with the next index (credits[3][role]), empty and without old messages.
for (const group of document.querySelectorAll('[data-rows]')) {
  const button = group.querySelector('[data-add-row]');
  if (!button) continue;
  const max = Number(group.getAttribute('data-max')) || 10;
  const rows = () => group.querySelectorAll('[data-row]');
  const sync = () => { button.hidden = rows().length >= max; };
  sync();
  button.addEventListener('click', () => {
    const all = rows();
    const last = all[all.length - 1];
    if (!last) return;
    let next = 0;
    for (const el of group.querySelectorAll('[name]')) {
      const m = /\[(\d+)\]/.exec(el.getAttribute('name'));
      if (m) next = Math.max(next, Number(m[1]) + 1);
    }
    const row = last.cloneNode(true);
    const renumber = (value) => value.replace(/\[\d+\]/, `[${next}]`).replace(/-\d+-/, `-${next}-`);
    for (const el of row.querySelectorAll('[name], [id], [for], [aria-describedby]')) {
      for (const attr of ['name', 'id', 'for']) if (el.hasAttribute(attr)) el.setAttribute(attr, renumber(el.getAttribute(attr)));
      el.removeAttribute('aria-describedby');
      el.removeAttribute('aria-invalid');
      if (el.matches('input')) el.value = '';
      if (el.matches('select')) el.selectedIndex = 0;
    }
    for (const el of row.querySelectorAll('.field__error, .field__hint')) el.remove();
    for (const el of row.querySelectorAll('.field--invalid')) el.classList.remove('field--invalid');
    for (const label of row.querySelectorAll('label')) label.firstChild.textContent = label.firstChild.textContent.replace(/\d+/, String(all.length + 1));
    last.after(row);
    row.querySelector('select, input')?.focus();
    sync();
  });
}

// "Copy link" beside a read-only field.
for (const button of document.querySelectorAll('[data-copy]')) {
  const input = document.querySelector(button.getAttribute('data-copy'));
  const status = document.querySelector('[data-copy-status]');
  if (!input) continue;
  button.hidden = false;
  button.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(input.value);
    } catch {
      input.select();
      document.execCommand('copy');
    }
    if (status) status.textContent = 'Link copied.';
  });
}
