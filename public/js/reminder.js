// Invoice reminders: "Copy" buttons for the subject and the message.
// Progressive enhancement: without this file the buttons stay hidden and the
// text sits in read-only fields, ready to select and copy by hand.
(() => {
  const status = document.querySelector('.reminder__status');
  const say = (text) => {
    if (status) status.textContent = text;
  };

  const copy = async (field) => {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(field.value);
      return true;
    }
    // Plain http on another host has no clipboard API: select and use the old command.
    field.focus();
    field.select();
    return document.execCommand && document.execCommand('copy');
  };

  for (const button of document.querySelectorAll('button[data-copy]')) {
    const field = document.getElementById(button.dataset.copy);
    if (!field) continue;
    button.hidden = false;
    button.addEventListener('click', async () => {
      const label = button.textContent;
      try {
        if (!(await copy(field))) throw new Error('copy refused');
        button.textContent = 'Copied';
        say(`${label.replace(/^Copy /, '').replace(/^./, (c) => c.toUpperCase())} copied.`);
      } catch {
        field.focus();
        field.select();
        say('Could not copy automatically: the text is selected, press Ctrl+C (or ⌘C) to copy it.');
      }
      setTimeout(() => {
        button.textContent = label;
      }, 2000);
    });
  }
  for (const hint of document.querySelectorAll('.reminder__js-hint')) hint.hidden = false;
})();
