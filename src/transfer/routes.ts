// CSV export (gigs, clients) and the gigs import: upload → choose columns →
// preview with per-row errors → commit (all rows or none).
//
// Mounted before the gigs router, so /gigs/export.csv and /gigs/import are
// matched here and never taken for a gig id. The import keeps no server
// state between steps: each form carries the CSV text in a hidden textarea
// (the musician's own data, escaped by EJS) plus the column choices, and
// every step parses and validates it again from scratch. The multipart
// bodies are read by src/transfer/uploads.ts, before the CSRF check.
import { Router, type Request, type Response } from 'express';
import type { FeatureDeps } from '../app.ts';
import { currentUser, requireUser } from '../auth/require-user.ts';
import { readListFilter } from '../clients/schemas.ts';
import { forUser } from '../db/scoped.ts';
import { parseGigFilter } from '../gigs/filters.ts';
import { formatDuration, todayIn } from '../lib/dates.ts';
import { formatDecimal } from '../lib/money.ts';
import { text, type FieldErrors, type FormValues } from '../web/forms.ts';
import { decodeCsvBytes, delimiters, detectDelimiter, isDelimiter, parseCsv, toCsv, type Cell, type CsvTable, type Delimiter } from './csv.ts';
import {
  buildImportRows,
  columnFieldName,
  columnOptions,
  dateFormats,
  detectDateFormat,
  fieldLabel,
  guessColumns,
  hasMapping,
  importFields,
  mappingValues,
  readMapping,
  type ImportRow,
} from './import.ts';
import { formatBytes, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from './limits.ts';
import { clientExportRows, existingImportKeys, gigExportRows, importGigs } from './queries.ts';

export const GIG_CSV_COLUMNS = [
  'date',
  'start_time',
  'hours',
  'kind',
  'status',
  'title',
  'artist',
  'client',
  'payer',
  'location',
  'instruments',
  'union',
  'b_form',
  'b_form_filed',
  'work_for_hire',
  'currency',
  'agreed',
  'paid',
  'owed',
  'due_date',
  'notes',
] as const;

export const CLIENT_CSV_COLUMNS = ['name', 'kind', 'company', 'organization', 'email', 'phone', 'city', 'archived', 'gigs', 'last_gig', 'notes'] as const;

const yesNo = (v: boolean) => (v ? 'yes' : 'no');

/** Sends CSV text as a download named `<name>-<today>.csv`. */
function sendCsv(res: Response, filename: string, body: string) {
  res.attachment(filename); // Content-Disposition: attachment; filename="…"
  res.set('Content-Type', 'text/csv; charset=utf-8');
  res.set('Cache-Control', 'private, no-store');
  res.send(body);
}

const tooLarge = (what: string) =>
  `${what} is more than ${formatBytes(MAX_IMPORT_BYTES)}, the most we import at once (about ${MAX_IMPORT_ROWS.toLocaleString('en-US')} gigs). Split it into smaller files, one per year for example, and import them one by one.`;

/** Bytes of the text as it will be imported: UTF-8, each line break counted once. */
const importSize = (csv: string) => Buffer.byteLength(csv.replace(/\r\n/g, '\n'), 'utf8');

export function transferRouter({ prisma }: FeatureDeps) {
  const router = Router();
  router.use(['/gigs/export.csv', '/gigs/import', '/clients/export.csv'], requireUser);

  const dbFor = (req: Request) => forUser(prisma, currentUser(req).id);
  const todayFor = (req: Request) => todayIn(currentUser(req).timeZone);

  // -------------------------------------------------------------------------
  // Exports

  router.get('/gigs/export.csv', async (req, res) => {
    const today = todayFor(req);
    // The gigs list's own reader: the same parameters, and whatever is unreadable is ignored.
    const { filter } = parseGigFilter(req.query as Record<string, unknown>);
    const rows = await gigExportRows(dbFor(req), filter, today);
    const money = (minor: number | null, currency: string | null) => (minor === null || currency === null ? '' : formatDecimal(minor, currency));
    const cells = rows.map((g): Cell[] => [
      g.date,
      g.startTime,
      formatDuration(g.durationMinutes),
      g.kind,
      g.status,
      g.title,
      g.artist,
      g.client,
      g.payer,
      g.location,
      g.instruments,
      yesNo(g.union),
      g.bFormType,
      yesNo(g.bFormFiled),
      yesNo(g.workForHire),
      g.currency,
      money(g.agreedMinor, g.currency),
      money(g.paidMinor, g.currency),
      money(g.owedMinor, g.currency),
      g.dueDate,
      g.notes,
    ]);
    sendCsv(res, `ledger-lines-gigs-${today}.csv`, toCsv(GIG_CSV_COLUMNS, cells));
  });

  router.get('/clients/export.csv', async (req, res) => {
    const filter = readListFilter(req.query as Record<string, unknown>);
    const rows = await clientExportRows(dbFor(req), filter);
    const cells = rows.map((c): Cell[] => [c.name, c.kind, c.company, c.organization, c.email, c.phone, c.city, yesNo(c.archived), c.gigs, c.lastGig, c.notes]);
    sendCsv(res, `ledger-lines-clients-${todayFor(req)}.csv`, toCsv(CLIENT_CSV_COLUMNS, cells));
  });

  // -------------------------------------------------------------------------
  // Import, step 1: the upload form

  async function showUpload(res: Response, form: { values?: FormValues; errors?: FieldErrors } = {}, status = 200) {
    await res.page('transfer/upload', { title: 'Import gigs', values: form.values ?? {}, errors: form.errors ?? {} }, status);
  }

  router.get('/gigs/import', async (_req, res) => showUpload(res));

  /** The CSV of a request: the uploaded file if one was chosen, else the text field. */
  function readSource(req: Request): { ok: true; csv: string; note: string } | { ok: false; status: number; message: string; keep: string } {
    const upload = req.importUpload;
    const pasted = text(req.body?.csv);
    if (upload?.truncated) return { ok: false, status: 413, message: tooLarge('That'), keep: '' };
    if (upload?.file && upload.file.bytes.length > 0) {
      const { bytes, name } = upload.file;
      if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, status: 413, message: tooLarge(`That file (${formatBytes(bytes.length)})`), keep: '' };
      const { text: csv, encoding } = decodeCsvBytes(bytes);
      const note =
        encoding === 'windows-1252'
          ? `${name || 'The file'} is not UTF-8, so it was read as Windows-1252 (what Excel's plain “CSV” uses). Check accented names in the preview.`
          : '';
      return { ok: true, csv, note };
    }
    if (upload?.file && upload.file.name) return { ok: false, status: 422, message: `${upload.file.name} is empty.`, keep: '' };
    if (pasted.trim() === '') return { ok: false, status: 422, message: 'Choose a CSV file, or paste the CSV into the box.', keep: '' };
    if (importSize(pasted) > MAX_IMPORT_BYTES) return { ok: false, status: 413, message: tooLarge(`That text (${formatBytes(importSize(pasted))})`), keep: '' };
    return { ok: true, csv: pasted, note: '' };
  }

  type Parsed = { ok: true; csv: string; note: string; delimiter: Delimiter; table: CsvTable } | { ok: false; status: number; message: string; keep: string };

  function readTable(req: Request): Parsed {
    const source = readSource(req);
    if (!source.ok) return source;
    const chosen = text(req.body?.delimiter);
    const delimiter = isDelimiter(chosen) ? chosen : detectDelimiter(source.csv);
    const parsed = parseCsv(source.csv, { delimiter, maxRows: MAX_IMPORT_ROWS });
    if (!parsed.ok) {
      const status = parsed.error.code === 'too_many_rows' ? 413 : 422;
      // Pasted text comes back so it can be fixed; an uploaded file is fixed in the spreadsheet.
      return { ok: false, status, message: parsed.error.message, keep: req.importUpload?.file?.bytes.length ? '' : source.csv };
    }
    return { ok: true, csv: source.csv, note: source.note, delimiter, table: parsed.table };
  }

  // -------------------------------------------------------------------------
  // Step 2: which column is which

  async function showMapping(
    res: Response,
    parsed: Extract<Parsed, { ok: true }>,
    form: { values: FormValues; errors: FieldErrors; dateNote: string },
    status = 200,
  ) {
    await res.page(
      'transfer/map',
      {
        title: 'Import gigs: match the columns',
        csv: parsed.csv,
        note: parsed.note,
        delimiter: parsed.delimiter,
        delimiterOptions: delimiters,
        rowCount: parsed.table.rows.length,
        headers: parsed.table.headers,
        fields: importFields.map((f) => ({ ...f, name: columnFieldName(f.key) })),
        columnOptions: columnOptions(parsed.table),
        dateFormatOptions: [{ value: '', label: 'Choose…' }, ...dateFormats],
        dateNote: form.dateNote,
        values: { ...form.values, delimiter: parsed.delimiter },
        errors: form.errors,
      },
      status,
    );
  }

  router.post('/gigs/import', async (req, res) => {
    const parsed = readTable(req);
    if (!parsed.ok) return showUpload(res, { values: { csv: parsed.keep }, errors: { _form: parsed.message } }, parsed.status);
    const body = (req.body ?? {}) as FormValues;
    // Back from the preview ("Change columns") with the same split: keep the choices made.
    const options = hasMapping(body) && text(body.readWith) === parsed.delimiter ? readMapping(body, parsed.table).options : null;
    const keep = options !== null;
    const columns = options?.columns ?? guessColumns(parsed.table.headers);
    const dates = [columns.date, columns.dueDate].flatMap((c) => (c === null ? [] : parsed.table.rows.map((r) => r.cells[c])));
    const detected = detectDateFormat(dates);
    const values = mappingValues({
      columns,
      dateFormat: options ? options.dateFormat : detected.format,
      defaultCurrency: options?.defaultCurrency || currentUser(req).homeCurrency,
    });
    await showMapping(res, parsed, { values, errors: {}, dateNote: keep ? '' : detected.note });
  });

  // -------------------------------------------------------------------------
  // Steps 3 and 4: preview, then commit

  type Prepared =
    | { step: 'upload'; status: number; message: string; keep: string }
    | { step: 'map'; parsed: Extract<Parsed, { ok: true }>; values: FormValues; errors: FieldErrors }
    | { step: 'preview'; parsed: Extract<Parsed, { ok: true }>; values: FormValues; rows: ImportRow[] };

  async function prepare(req: Request): Promise<Prepared> {
    const parsed = readTable(req);
    if (!parsed.ok) return { step: 'upload', ...parsed };
    const mapping = readMapping((req.body ?? {}) as FormValues, parsed.table);
    if (!mapping.options || Object.keys(mapping.errors).length) return { step: 'map', parsed, values: mapping.values, errors: mapping.errors };
    const rows = buildImportRows(parsed.table, mapping.options, todayFor(req));
    const keys = rows.flatMap((r) => (r.importKey ? [r.importKey] : []));
    const existing = await existingImportKeys(dbFor(req), keys);
    for (const r of rows) r.existing = r.importKey !== null && existing.has(r.importKey);
    return { step: 'preview', parsed, values: mapping.values, rows };
  }

  async function showPrepared(res: Response, prepared: Prepared, status?: number, message?: string) {
    if (prepared.step === 'upload') {
      return showUpload(res, { values: { csv: prepared.keep }, errors: { _form: prepared.message } }, prepared.status);
    }
    if (prepared.step === 'map') {
      return showMapping(res, prepared.parsed, { values: prepared.values, errors: prepared.errors, dateNote: '' }, 422);
    }
    const { rows, parsed, values } = prepared;
    const withErrors = rows.filter((r) => r.errors.length > 0);
    const existing = rows.filter((r) => r.existing).length;
    await res.page(
      'transfer/preview',
      {
        title: 'Import gigs: preview',
        csv: parsed.csv,
        delimiter: parsed.delimiter,
        values,
        rows,
        withErrors,
        counts: { total: rows.length, errors: withErrors.length, existing, fresh: rows.length - withErrors.length - existing },
        fieldLabel,
        message,
        hiddenFields: [...importFields.map((f) => columnFieldName(f.key)), 'dateFormat', 'defaultCurrency'],
      },
      status ?? 200,
    );
  }

  router.post('/gigs/import/preview', async (req, res) => showPrepared(res, await prepare(req)));

  router.post('/gigs/import/commit', async (req, res) => {
    const prepared = await prepare(req);
    if (prepared.step !== 'preview') return showPrepared(res, prepared);
    const { rows } = prepared;
    const bad = rows.filter((r) => r.errors.length > 0).length;
    if (bad > 0) {
      const message = `Nothing was imported: ${bad} ${bad === 1 ? 'row has a problem' : 'rows have problems'}. Fix ${bad === 1 ? 'it' : 'them'} in your spreadsheet and upload the file again, or change the column choices.`;
      return showPrepared(res, prepared, 422, message);
    }
    const valid = rows.map((r) => ({ input: r.input!, importKey: r.importKey! }));
    let result: Awaited<ReturnType<typeof importGigs>>;
    try {
      result = await importGigs(dbFor(req), valid, currentUser(req).paymentTermsDays);
    } catch (err) {
      // Another import of the same rows finished first: the unique index refused ours, and nothing was written.
      if ((err as { code?: unknown }).code !== 'P2002') throw err;
      return showPrepared(res, await prepare(req), 409, 'Some of these gigs were imported by another request at the same moment, so nothing was written. Check the preview and import again.');
    }
    const parts = [
      result.imported === 0
        ? `Nothing new to import: all ${result.skipped} ${result.skipped === 1 ? 'gig was' : 'gigs were'} already there.`
        : `${result.imported} ${result.imported === 1 ? 'gig' : 'gigs'} imported${result.skipped ? `, ${result.skipped} already there` : ''}.`,
    ];
    if (result.createdClients.length) {
      const shown = result.createdClients.slice(0, 5).join(', ') + (result.createdClients.length > 5 ? ` and ${result.createdClients.length - 5} more` : '');
      parts.push(`New ${result.createdClients.length === 1 ? 'client' : 'clients'}: ${shown}.`);
    }
    res.flash('success', parts.join(' '));
    res.redirect(303, '/gigs');
  });

  return router;
}
