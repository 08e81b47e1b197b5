// Turning a spreadsheet's CSV into gigs: which column is which (guessed from
// the headers, confirmed by the musician), how dates are written (chosen,
// never guessed silently), and each row run through gigSchema — the same
// validation as the gig form — with its errors kept per row.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { gigKinds, gigStatuses } from '../domain/vocabulary.ts';
import { gigSchema, type GigInput } from '../gigs/schemas.ts';
import { isIsoDate } from '../lib/dates.ts';
import { formatMoney, isCurrency, parseMoney } from '../lib/money.ts';
import { parseForm, type FieldErrors, type FormValues } from '../web/forms.ts';
import { unguardFormula, type CsvTable } from './csv.ts';
import { columnChoice, mappingOptionsSchema } from './schemas.ts';

// ---------------------------------------------------------------------------
// Our fields, and the header names that usually mean them

export type ImportFieldKey =
  | 'date'
  | 'client'
  | 'fee'
  | 'currency'
  | 'kind'
  | 'status'
  | 'title'
  | 'artist'
  | 'location'
  | 'instruments'
  | 'startTime'
  | 'hours'
  | 'payer'
  | 'union'
  | 'bForm'
  | 'bFormFiled'
  | 'workForHire'
  | 'dueDate'
  | 'notes';

export type ImportField = { key: ImportFieldKey; label: string; hint: string; names: readonly string[] };

/** In the order the mapping form shows them. `names` are normalised headers (see normaliseHeader). */
export const importFields: readonly ImportField[] = [
  { key: 'date', label: 'Date', hint: 'Required.', names: ['date', 'datum', 'fecha', 'sessiondate', 'gigdate', 'showdate', 'eventdate', 'dateofsession', 'day', 'when'] },
  { key: 'client', label: 'Client (who booked it)', hint: 'Clients are matched by name; new names become new clients.', names: ['client', 'clientname', 'studio', 'bookedby', 'booker', 'contractor', 'producer', 'customer', 'company', 'employer'] },
  { key: 'fee', label: 'Fee', hint: 'Imported as the base fee. "$1,250.50" and "1250.5" both work.', names: ['fee', 'agreed', 'amount', 'sessionfee', 'agreedfee', 'rate', 'pay', 'total', 'price', 'gross'] },
  { key: 'currency', label: 'Currency', hint: 'Codes like USD or EUR. Rows without one use the default below.', names: ['currency', 'curr', 'ccy', 'currencycode'] },
  { key: 'kind', label: 'Kind of gig', hint: 'Studio session, live show, lesson… Empty: studio session.', names: ['kind', 'type', 'gigtype', 'sessiontype', 'category'] },
  { key: 'status', label: 'Status', hint: 'Hold, booked, done, cancelled. Empty: done when the date is past, else booked.', names: ['status', 'state'] },
  { key: 'title', label: 'Title / project', hint: '', names: ['title', 'project', 'session', 'gig', 'production', 'event', 'description', 'song', 'songs'] },
  { key: 'artist', label: 'Artist', hint: '', names: ['artist', 'band', 'act'] },
  { key: 'location', label: 'Location', hint: '', names: ['location', 'venue', 'place', 'city', 'where', 'room'] },
  { key: 'instruments', label: 'Instruments', hint: '', names: ['instruments', 'instrument', 'played', 'instrumentation'] },
  { key: 'startTime', label: 'Start time', hint: '14:30 or 2:30 PM.', names: ['starttime', 'start', 'time', 'calltime', 'downbeat'] },
  { key: 'hours', label: 'Hours', hint: '3, 3:30 or 3.5.', names: ['hours', 'duration', 'length', 'hrs'] },
  { key: 'payer', label: 'Who pays', hint: 'When not the client who booked it.', names: ['payer', 'paidby', 'billto', 'whopays', 'label'] },
  { key: 'union', label: 'Union session', hint: 'yes / no.', names: ['union', 'afm', 'unionsession'] },
  { key: 'bForm', label: 'B-form type', hint: 'B-4 … B-9.', names: ['bform', 'bformtype'] },
  { key: 'bFormFiled', label: 'B-form filed', hint: 'yes / no.', names: ['bformfiled', 'filed'] },
  { key: 'workForHire', label: 'Work for hire', hint: 'yes / no. Not in the file: yes.', names: ['workforhire', 'wfh'] },
  { key: 'dueDate', label: 'Payment due', hint: 'Empty: the gig date plus your payment terms.', names: ['duedate', 'due', 'paymentdue', 'paymentduedate'] },
  { key: 'notes', label: 'Notes', hint: '', names: ['notes', 'note', 'comments', 'comment', 'memo', 'remarks'] },
];

const fieldByKey = new Map(importFields.map((f) => [f.key, f]));
const fieldOrder = (key: ImportFieldKey | null) => (key === null ? -1 : importFields.findIndex((f) => f.key === key));
export const fieldLabel = (key: ImportFieldKey) => fieldByKey.get(key)?.label ?? key;

/** "Session Date (M/D)" → "sessiondatemd"; accents dropped, so "Durée" → "duree". */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export type ColumnMap = Record<ImportFieldKey, number | null>;

const emptyColumns = (): ColumnMap => Object.fromEntries(importFields.map((f) => [f.key, null])) as ColumnMap;

/**
 * A first guess at which column is which: exact header names first, then
 * headers that start with a name ("Amount (USD)"), then headers that contain
 * a longer name ("Payment due date"). Each column is used at most once.
 */
export function guessColumns(headers: readonly string[]): ColumnMap {
  const normalised = headers.map(normaliseHeader);
  const candidates: { field: ImportFieldKey; column: number; score: number; length: number }[] = [];
  for (const field of importFields) {
    for (const name of field.names) {
      normalised.forEach((header, column) => {
        if (!header) return;
        const score = header === name ? 3 : name.length >= 3 && header.startsWith(name) ? 2 : name.length >= 5 && header.includes(name) ? 1 : 0;
        if (score) candidates.push({ field: field.key, column, score, length: name.length });
      });
    }
  }
  candidates.sort((a, b) => b.score - a.score || b.length - a.length || a.column - b.column);
  const columns = emptyColumns();
  const used = new Set<number>();
  for (const c of candidates) {
    if (columns[c.field] !== null || used.has(c.column)) continue;
    columns[c.field] = c.column;
    used.add(c.column);
  }
  return columns;
}

// ---------------------------------------------------------------------------
// Dates

export type DateFormat = 'ymd' | 'mdy' | 'dmy';
export const dateFormats: { value: DateFormat; label: string }[] = [
  { value: 'ymd', label: 'YYYY-MM-DD (2026-03-14)' },
  { value: 'mdy', label: 'M/D/YYYY, month first — US (3/14/2026)' },
  { value: 'dmy', label: 'D/M/YYYY, day first — UK, Europe (14/3/2026)' },
];

const YMD = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
// Spreadsheets sometimes export a date cell with a midnight time: "3/14/2026 0:00:00", "2026-03-14T00:00:00".
const TIME_SUFFIX = /(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[AaPp][Mm])?Z?)$/;

const pad = (n: string) => n.padStart(2, '0');

/** A date cell as YYYY-MM-DD, or a message. ISO dates are always accepted; slashed ones need `format`. */
export function parseImportDate(value: string, format: DateFormat | null): { ok: true; iso: string } | { ok: false; message: string } {
  const v = value.trim().replace(TIME_SUFFIX, '');
  const ymd = YMD.exec(v);
  if (ymd) {
    const iso = `${ymd[1]}-${pad(ymd[2])}-${pad(ymd[3])}`;
    return isIsoDate(iso) ? { ok: true, iso } : { ok: false, message: `“${value}” is not a real date.` };
  }
  const slashed = SLASHED.exec(v);
  if (slashed) {
    if (slashed[3].length === 2) return { ok: false, message: `“${value}”: write the year with four digits (2026, not 26).` };
    if (format === null) return { ok: false, message: `“${value}”: choose how your dates are written (month or day first).` };
    if (format === 'ymd') return { ok: false, message: `“${value}” is not written YYYY-MM-DD: choose the date format your file uses.` };
    const [month, day] = format === 'mdy' ? [slashed[1], slashed[2]] : [slashed[2], slashed[1]];
    const iso = `${slashed[3]}-${pad(month)}-${pad(day)}`;
    if (isIsoDate(iso)) return { ok: true, iso };
    const named = format === 'mdy' ? 'M/D/YYYY (month first)' : 'D/M/YYYY (day first)';
    return { ok: false, message: `“${value}” is not a real date when read as ${named}.` };
  }
  return { ok: false, message: `“${value}” is not a date we can read: use 2026-03-14, or 3/14/2026 or 14/3/2026 with the date format chosen.` };
}

/**
 * What the date cells say about their format. Only evidence counts: a first
 * number above 12 means day first, a second above 12 means month first. When
 * slashed dates give no evidence (3/4/2026 only) the answer is null and the
 * musician must choose.
 */
export function detectDateFormat(values: readonly string[]): { format: DateFormat | null; note: string } {
  let slashed = 0;
  let dayFirst = false;
  let monthFirst = false;
  for (const raw of values) {
    const m = SLASHED.exec(raw.trim().replace(TIME_SUFFIX, ''));
    if (!m) continue;
    slashed++;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[2]) > 12) monthFirst = true;
  }
  if (slashed === 0) return { format: 'ymd', note: '' };
  if (dayFirst && monthFirst) return { format: null, note: 'Your dates mix both orders (some have the day first, others the month). Choose the one most rows use; the others will be flagged.' };
  if (dayFirst) return { format: 'dmy', note: 'Chosen because some dates, like 25/3, can only have the day first. Check it.' };
  if (monthFirst) return { format: 'mdy', note: 'Chosen because some dates, like 3/25, can only have the month first. Check it.' };
  return { format: null, note: 'Dates like 3/4/2026 could be 4 March or 3 April: choose how your file writes them.' };
}

// ---------------------------------------------------------------------------
// The mapping form (column choices, date format, default currency)

export type ImportOptions = { columns: ColumnMap; dateFormat: DateFormat | null; defaultCurrency: string };

export const columnFieldName = (key: ImportFieldKey) => `col_${key}`;

/** The mapping form's values for a guess, as strings (what the selects show). */
export function mappingValues(options: ImportOptions): FormValues {
  const values: FormValues = { dateFormat: options.dateFormat ?? '', defaultCurrency: options.defaultCurrency };
  for (const f of importFields) values[columnFieldName(f.key)] = options.columns[f.key] === null ? '' : String(options.columns[f.key]);
  return values;
}

/** True when the body carries column choices (coming back from a later step). */
export function hasMapping(body: FormValues): boolean {
  return importFields.some((f) => columnFieldName(f.key) in body);
}

/**
 * Reads the mapping form through its schema, then checks it against the file:
 * a date column is required, and a date format when any date is slashed.
 * `options` is null when the form itself is unreadable.
 */
export function readMapping(body: FormValues, table: CsvTable): { options: ImportOptions | null; values: FormValues; errors: FieldErrors } {
  const reading = parseForm(mappingOptionsSchema, body);
  const chosen = parseForm(columnsSchema, body);
  if (!reading.ok || !chosen.ok) {
    return { options: null, values: { ...body }, errors: { ...(chosen.ok ? {} : chosen.errors), ...(reading.ok ? {} : reading.errors) } };
  }
  const errors: FieldErrors = {};
  const columns = emptyColumns();
  for (const f of importFields) {
    const index = chosen.data[columnFieldName(f.key)] ?? null;
    if (index !== null && index >= table.headers.length) errors[columnFieldName(f.key)] = 'Choose a column from the list.';
    else columns[f.key] = index;
  }
  const options: ImportOptions = { columns, dateFormat: reading.data.dateFormat, defaultCurrency: reading.data.defaultCurrency };
  if (columns.date === null) errors[columnFieldName('date')] ??= 'Choose the column with the dates of your gigs.';
  if (options.dateFormat === null) {
    const dates = [columns.date, columns.dueDate].flatMap((c) => (c === null ? [] : table.rows.map((r) => r.cells[c])));
    if (dates.some((d) => SLASHED.test(d.trim().replace(TIME_SUFFIX, '')))) {
      errors.dateFormat = 'Choose how your dates are written: 3/4/2026 could be 4 March or 3 April.';
    }
  }
  return { options, values: mappingValues(options), errors };
}

/** One column choice per field (col_date, col_client, …). */
const columnsSchema = z.object(Object.fromEntries(importFields.map((f) => [columnFieldName(f.key), columnChoice()])));

/** The select options for one column choice: the file's headers with an example value. */
export function columnOptions(table: CsvTable) {
  const options = [{ value: '', label: '— not in the file —' }];
  table.headers.forEach((header, i) => {
    const sample = table.rows.map((r) => r.cells[i].trim()).find((v) => v !== '') ?? '';
    const name = header || `Column ${i + 1} (no header)`;
    const shown = sample.length > 24 ? `${sample.slice(0, 23)}…` : sample;
    options.push({ value: String(i), label: shown ? `${name} — e.g. ${shown}` : name });
  });
  return options;
}

// ---------------------------------------------------------------------------
// Rows

export type RowError = { field: ImportFieldKey | null; message: string };

export type ImportRow = {
  /** Row number as the spreadsheet shows it (header = 1). */
  number: number;
  /** What the preview shows: parsed values when they are valid, else what the file says. */
  shown: {
    date: string;
    client: string;
    payer: string;
    gig: string;
    kind: string;
    status: string;
    statusDefaulted: boolean;
    fee: string;
  };
  errors: RowError[];
  /** The validated gig, and its fingerprint; null when the row has errors. */
  input: GigInput | null;
  importKey: string | null;
  /** Set by the caller: a gig with this fingerprint already exists. */
  existing: boolean;
};

const TRUE = new Set(['yes', 'y', 'true', 't', '1', 'x', '✓', '✔', 'on', 'ja', 'oui', 'si', 'sí']);
const FALSE = new Set(['no', 'n', 'false', 'f', '0', 'off', 'nein', 'non', '-', '–']);

function yesNo(value: string): boolean | null {
  const v = value.trim().toLowerCase();
  if (v === '') return false;
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  return null;
}

const kindWords: Record<string, string> = {
  studio: 'studio_session',
  session: 'studio_session',
  recording: 'studio_session',
  remote: 'remote_session',
  home: 'remote_session',
  homestudio: 'remote_session',
  show: 'live',
  concert: 'live',
  gig: 'live',
  liveshow: 'live',
  tourdate: 'tour',
  touring: 'tour',
  rehearsal: 'rehearsal',
  rehearsals: 'rehearsal',
  lesson: 'lesson',
  lessons: 'lesson',
  teaching: 'lesson',
};
const statusWords: Record<string, string> = {
  inquiry: 'hold',
  enquiry: 'hold',
  pencil: 'hold',
  pencilled: 'hold',
  penciled: 'hold',
  tentative: 'hold',
  confirmed: 'booked',
  scheduled: 'booked',
  completed: 'done',
  complete: 'done',
  played: 'done',
  finished: 'done',
  canceled: 'cancelled',
};

/** A vocabulary value from its code ("studio_session"), its label ("Studio session") or a common word. */
function vocabularyValue(raw: string, list: readonly { value: string; label: string }[], words: Record<string, string>): string | null {
  const n = normaliseHeader(raw);
  if (!n) return null;
  for (const o of list) if (normaliseHeader(o.value) === n || normaliseHeader(o.label) === n) return o.value;
  return words[n] ?? null;
}

/** "9:00", "09:00:00", "2:30 PM", "2pm" → "HH:MM"; anything else unchanged (the schema names the problem). */
function normaliseTime(raw: string): string {
  const m = /^(\d{1,2})(?::(\d{2}))?(?::\d{2})?\s*([AaPp])?\.?\s*[Mm]?\.?$/.exec(raw.trim());
  if (!m || (!m[2] && !m[3])) return raw.trim();
  let hours = Number(m[1]);
  if (m[3]) {
    if (hours < 1 || hours > 12) return raw.trim();
    hours = (hours % 12) + (m[3].toLowerCase() === 'p' ? 12 : 0);
  }
  return `${String(hours).padStart(2, '0')}:${m[2] ?? '00'}`;
}

function normaliseBForm(raw: string): string {
  const m = /^b\s*-?\s*(\d)$/i.exec(raw.trim());
  return m ? `B-${m[1]}` : raw.trim();
}

/** gigSchema's paths → our fields. */
function fieldOfPath(path: string): ImportFieldKey | null {
  if (path.startsWith('items')) return 'fee';
  const map: Record<string, ImportFieldKey> = {
    date: 'date',
    startTime: 'startTime',
    hours: 'hours',
    kind: 'kind',
    status: 'status',
    clientId: 'client',
    clientName: 'client',
    payerName: 'payer',
    title: 'title',
    artist: 'artist',
    location: 'location',
    instruments: 'instruments',
    union: 'union',
    bFormType: 'bForm',
    bFormFiled: 'bFormFiled',
    workForHire: 'workForHire',
    notes: 'notes',
    dueDate: 'dueDate',
    currency: 'currency',
  };
  return map[path] ?? null;
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The fingerprint's input: the row's meaning, not its spelling ("$1,250.50" and "1250.5" agree). */
function fingerprint(input: GigInput, statusFromFile: boolean): string {
  return JSON.stringify([
    'gig-import-v1',
    input.date,
    input.startTime,
    input.durationMinutes,
    input.kind,
    // A defaulted status depends on the day of the import (done once the date is past), so it is left out.
    statusFromFile ? input.status : '',
    oneLine(input.clientName).toLowerCase(),
    oneLine(input.payerName).toLowerCase(),
    oneLine(input.title),
    oneLine(input.artist),
    oneLine(input.location),
    oneLine(input.instruments),
    input.union,
    input.bFormType,
    input.bFormFiled,
    input.workForHire,
    input.notes.trim(),
    input.dueDate,
    input.currency,
    input.items.map((i) => [i.kind, i.amountMinor]),
  ]);
}

/**
 * Every row of the table as a gig to import, validated through gigSchema.
 * `today` (the musician's) decides default statuses and refuses "done" for
 * a future date, as the gig form does. Identical rows in one file get
 * distinct keys (the second is "#2"), so both are imported, once.
 */
export function buildImportRows(table: CsvTable, options: ImportOptions, today: string): ImportRow[] {
  const seen = new Map<string, number>();
  return table.rows.map((row) => {
    const cell = (key: ImportFieldKey) => {
      const c = options.columns[key];
      return c === null ? '' : unguardFormula(row.cells[c].trim()).trim();
    };
    const errors: RowError[] = [];

    const rawDate = cell('date');
    const date = rawDate === '' ? null : parseImportDate(rawDate, options.dateFormat);
    if (date === null) errors.push({ field: 'date', message: 'No date.' });
    else if (!date.ok) errors.push({ field: 'date', message: date.message });
    const iso = date?.ok ? date.iso : '';

    const rawDue = cell('dueDate');
    const due = rawDue === '' ? null : parseImportDate(rawDue, options.dateFormat);
    if (due && !due.ok) errors.push({ field: 'dueDate', message: due.message });

    const rawKind = cell('kind');
    const kind = rawKind === '' ? 'studio_session' : vocabularyValue(rawKind, gigKinds.list, kindWords);
    if (kind === null) errors.push({ field: 'kind', message: `“${rawKind}” is not a kind we know: use ${gigKinds.list.map((k) => k.label).join(', ')}.` });

    const rawStatus = cell('status');
    const statusDefaulted = rawStatus === '';
    const status = statusDefaulted ? (iso && iso < today ? 'done' : 'booked') : vocabularyValue(rawStatus, gigStatuses.list, statusWords);
    if (status === null) errors.push({ field: 'status', message: `“${rawStatus}” is not a status we know: use hold, booked, done or cancelled.` });
    else if (status === 'done' && iso && iso > today) errors.push({ field: 'status', message: 'This gig is in the future, so it can’t be done yet.' });

    const flag = (key: 'union' | 'bFormFiled' | 'workForHire', absent: boolean) => {
      const raw = cell(key);
      if (options.columns[key] === null || raw === '') return absent ? 'on' : '';
      const v = yesNo(raw);
      if (v === null) errors.push({ field: key, message: `“${raw}”: write yes or no.` });
      return v ? 'on' : '';
    };
    const union = flag('union', false);
    const bFormFiled = flag('bFormFiled', false);
    const workForHire = flag('workForHire', true);

    const fee = cell('fee');
    const currency = cell('currency').toUpperCase() || options.defaultCurrency;
    // Checked here too so that a row shows all its problems at once: gigSchema
    // checks amounts and the client only once every single field is valid.
    if (!isCurrency(currency)) errors.push({ field: 'currency', message: `“${cell('currency')}” is not a currency code: use one like USD or EUR.` });
    else if (fee !== '') {
      const amount = parseMoney(fee, currency);
      if (!amount.ok) errors.push({ field: 'fee', message: amount.error });
    }
    if (cell('client') === '' && status !== 'hold') errors.push({ field: 'client', message: 'Missing: every gig except a hold needs one.' });
    const values = {
      date: iso || rawDate,
      startTime: normaliseTime(cell('startTime')),
      hours: cell('hours'),
      kind: kind ?? rawKind,
      status: status ?? rawStatus,
      clientId: '',
      clientName: cell('client'),
      payerName: cell('payer'),
      title: cell('title'),
      artist: cell('artist'),
      location: cell('location'),
      instruments: cell('instruments'),
      union,
      bFormType: normaliseBForm(cell('bForm')),
      bFormFiled,
      workForHire,
      notes: cell('notes'),
      dueDate: due?.ok ? due.iso : '',
      currency,
      items: fee === '' ? [] : [{ kind: 'base_fee', description: '', amount: fee }],
    };

    const form = parseForm(gigSchema, values);
    if (!form.ok) {
      for (const [path, message] of Object.entries(form.errors)) {
        const field = fieldOfPath(path);
        // Our own messages above already cover these fields.
        if (field && errors.some((e) => e.field === field)) continue;
        errors.push({ field, message });
      }
    }
    // In the order of the mapping form, whatever order the checks ran in.
    errors.sort((a, b) => fieldOrder(a.field) - fieldOrder(b.field));
    const input = form.ok && errors.length === 0 ? form.data : null;

    let importKey: string | null = null;
    if (input) {
      const base = fingerprint(input, !statusDefaulted);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      importKey = createHash('sha256').update(n === 1 ? base : `${base}#${n}`).digest('hex');
    }

    const amount = input?.items[0];
    return {
      number: row.number,
      shown: {
        date: input ? input.date : rawDate,
        client: values.clientName,
        payer: values.payerName,
        gig: [values.title, values.artist].filter(Boolean).join(' — '),
        kind: kind ? gigKinds.labelOf(kind) : rawKind,
        status: status ? gigStatuses.labelOf(status) : rawStatus,
        statusDefaulted,
        fee: amount ? formatMoney(amount.amountMinor, input.currency) : fee ? `${fee}${cell('currency') ? ` ${cell('currency')}` : ''}` : '',
      },
      errors,
      input,
      importKey,
      existing: false,
    };
  });
}
