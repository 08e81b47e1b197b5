// Driving the import as a browser would: multipart forms, the CSV carried in
// a hidden textarea from step to step, the choices read back from the page.
import type { Response } from 'supertest';
import { csrfFrom, type Agent } from '../support/app.ts';

const unescape = (html: string) =>
  html.replace(/&(amp|lt|gt|#34|#39|quot);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', '#34': '"', '#39': "'", quot: '"' })[e]!);

/**
 * The fields a browser would submit from the page's first multipart form:
 * hidden inputs, text inputs, selected options and textareas. A textarea's
 * line breaks are sent as CRLF, as browsers do.
 */
export function formFields(res: Response): Record<string, string> {
  const html = res.text;
  const start = html.indexOf('enctype="multipart/form-data"');
  if (start === -1) throw new Error(`No multipart form on ${res.status} page:\n${html.slice(0, 1000)}`);
  const form = html.slice(start, html.indexOf('</form>', start));
  const fields: Record<string, string> = {};
  for (const m of form.matchAll(/<input\b[^>]*>/g)) {
    const tag = m[0];
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    const type = /\btype="([^"]*)"/.exec(tag)?.[1] ?? 'text';
    if (!name || type === 'file' || type === 'checkbox') continue;
    fields[unescape(name)] = unescape(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '');
  }
  for (const m of form.matchAll(/<select\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const options = [...m[2].matchAll(/<option value="([^"]*)"([^>]*)>/g)];
    const selected = options.find((o) => /\bselected\b/.test(o[2])) ?? options[0];
    fields[unescape(m[1])] = selected ? unescape(selected[1]) : '';
  }
  for (const m of form.matchAll(/<textarea\b[^>]*\bname="([^"]*)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    // The HTML parser drops one line break right after <textarea>.
    const value = unescape(m[2].replace(/^\r?\n/, ''));
    fields[unescape(m[1])] = value.replace(/\r\n|\r|\n/g, '\r\n');
  }
  return fields;
}

/** POSTs fields (and optionally a file) as multipart/form-data. */
export function postMultipart(agent: Agent, action: string, fields: Record<string, string>, file?: { name: string; content: string | Buffer }) {
  let req = agent.post(action);
  for (const [name, value] of Object.entries(fields)) req = req.field(name, value);
  if (file) req = req.attach('file', Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content, 'utf8'), { filename: file.name, contentType: 'text/csv' });
  return req;
}

/** Step 1: the upload form, with a file or pasted text. Returns the mapping page. */
export async function uploadCsv(agent: Agent, csv: string | Buffer, how: 'file' | 'paste' = 'file') {
  const csrf = csrfFrom(await agent.get('/gigs/import'));
  if (how === 'paste') return postMultipart(agent, '/gigs/import', { _csrf: csrf, csv: String(csv) });
  return postMultipart(agent, '/gigs/import', { _csrf: csrf, csv: '' }, { name: 'gigs.csv', content: csv });
}

/** Steps 1–3: upload, keep the guessed columns (with overrides), and return the preview page. */
export async function previewCsv(agent: Agent, csv: string | Buffer, choices: Record<string, string> = {}) {
  const mapping = await uploadCsv(agent, csv);
  if (mapping.status !== 200) throw new Error(`upload failed: ${mapping.status}\n${mapping.text.slice(0, 3000)}`);
  return postMultipart(agent, '/gigs/import/preview', { ...formFields(mapping), ...choices });
}

/** Steps 1–4. Returns the commit response (303 on success). */
export async function importCsv(agent: Agent, csv: string | Buffer, choices: Record<string, string> = {}) {
  const preview = await previewCsv(agent, csv, choices);
  if (preview.status !== 200) throw new Error(`preview failed: ${preview.status}\n${preview.text.slice(0, 3000)}`);
  return { preview, commit: await postMultipart(agent, '/gigs/import/commit', formFields(preview)) };
}

/** The text of the flash messages on the next page. */
export async function flashText(agent: Agent) {
  const page = await agent.get('/settings');
  return [...page.text.matchAll(/<p class="flash flash--\w+">([^<]*)<\/p>/g)].map((m) => unescape(m[1])).join(' ');
}
