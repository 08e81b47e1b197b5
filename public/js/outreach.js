// The pitch page: Copy buttons for the plain text, the formatted version and
// the HTML code. Progressive enhancement: without this file the buttons stay
// hidden and the text sits in read-only fields, ready to select by hand.
(() => {
  const status = document.querySelector('[data-copy-status]');
  const say = (text) => {
    if (status) status.textContent = text;
  };
  const canClipboard = () => Boolean(navigator.clipboard && window.isSecureContext);

  /** Plain text from a read-only field; the old copy command where the clipboard API is missing (plain http). */
  const copyField = async (field) => {
    if (canClipboard()) {
      await navigator.clipboard.writeText(field.value);
      return true;
    }
    field.focus();
    field.select();
    return Boolean(document.execCommand && document.execCommand('copy'));
  };

  /** The preview as rich text (links stay links when pasted into a mail app), with the plain text beside it. */
  const copyRich = async (preview, plain) => {
    if (canClipboard() && window.ClipboardItem && navigator.clipboard.write) {
      const item = new ClipboardItem({
        'text/html': new Blob([preview.innerHTML], { type: 'text/html' }),
        'text/plain': new Blob([plain ? plain.value : preview.innerText], { type: 'text/plain' }),
      });
      await navigator.clipboard.write([item]);
      return true;
    }
    // Selecting the rendered preview and copying it keeps the formatting too.
    const range = document.createRange();
    range.selectNodeContents(preview);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    const ok = Boolean(document.execCommand && document.execCommand('copy'));
    selection.removeAllRanges();
    return ok;
  };

  const wire = (button, action, what, onFail) => {
    button.hidden = false;
    button.addEventListener('click', async () => {
      const label = button.textContent;
      try {
        if (!(await action())) throw new Error('copy refused');
        button.textContent = 'Copied';
        say(`${what} copied.`);
      } catch {
        onFail();
        say('Could not copy automatically: the text is selected, press Ctrl+C (or ⌘C) to copy it.');
      }
      setTimeout(() => {
        button.textContent = label;
      }, 2000);
    });
  };

  for (const button of document.querySelectorAll('button[data-copy-text]')) {
    const field = document.getElementById(button.dataset.copyText);
    if (!field) continue;
    const what = field.id === 'pitch-html' ? 'HTML code' : 'Text';
    wire(button, () => copyField(field), what, () => {
      field.focus();
      field.select();
    });
  }

  for (const button of document.querySelectorAll('button[data-copy-rich]')) {
    const preview = document.getElementById(button.dataset.copyRich);
    const plain = document.getElementById('pitch-text');
    if (!preview) continue;
    wire(button, () => copyRich(preview, plain), 'Formatted pitch', () => {
      const range = document.createRange();
      range.selectNodeContents(preview);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
    });
  }

  for (const hint of document.querySelectorAll('[data-js-hint]')) hint.hidden = false;
})();
