import { describe, expect, it } from 'vitest';
import { csvCell, csvRecord, decodeCsvBytes, detectDelimiter, guardFormula, parseCsv, toCsv, unguardFormula } from '../../src/transfer/csv.ts';

const table = (text: string, options?: Parameters<typeof parseCsv>[1]) => {
  const result = parseCsv(text, options);
  if (!result.ok) throw new Error(result.error.message);
  return result.table;
};
const failure = (text: string, options?: Parameters<typeof parseCsv>[1]) => {
  const result = parseCsv(text, options);
  if (result.ok) throw new Error('expected a parse error');
  return result.error;
};

describe('writing CSV', () => {
  it('leaves plain cells alone and quotes commas, quotes and line breaks', () => {
    expect(csvCell('Sunset Sound')).toBe('Sunset Sound');
    expect(csvCell('Hollywood, CA')).toBe('"Hollywood, CA"');
    expect(csvCell('the "B" room')).toBe('"the ""B"" room"');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(3)).toBe('3');
  });

  it('ends every record with CRLF and starts the file with a UTF-8 BOM', () => {
    expect(csvRecord(['a', 'b,c', ''])).toBe('a,"b,c",\r\n');
    expect(toCsv(['name', 'city'], [['Zoë', 'Göteborg'], ['Ana', '']])).toBe('\uFEFFname,city\r\nZoë,Göteborg\r\nAna,\r\n');
  });

  it('keeps unicode as it is', () => {
    expect(csvCell('Björk — 東京 🎹')).toBe('Björk — 東京 🎹');
    expect(toCsv(['x'], [['€1,250']])).toBe('\uFEFFx\r\n"€1,250"\r\n');
  });

  it('defuses formulas with a leading apostrophe, but not plain numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+1 555 0100')).toBe("'+1 555 0100");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('-5')).toBe('-5');
    expect(csvCell('a=b')).toBe('a=b');
    expect(guardFormula('')).toBe('');
  });

  it('undoes the guard on import, and only the guard', () => {
    expect(unguardFormula(guardFormula('=1+2'))).toBe('=1+2');
    expect(unguardFormula("'-ish")).toBe('-ish');
    expect(unguardFormula("'tis")).toBe("'tis");
    expect(unguardFormula("'")).toBe("'");
  });

  it('round-trips through the parser', () => {
    const rows = [
      ['Sunset, "Studio 2"', 'two\nlines', '=cmd', 'Zoë'],
      ['', ' spaced ', '-12.50', '"'],
    ];
    const parsed = table(toCsv(['a', 'b', 'c', 'd'], rows));
    expect(parsed.headers).toEqual(['a', 'b', 'c', 'd']);
    expect(parsed.rows.map((r) => r.cells.map(unguardFormula))).toEqual(rows);
  });
});

describe('reading CSV', () => {
  it('reads quoted cells with delimiters, doubled quotes and line breaks', () => {
    const t = table('date,notes,fee\r\n2026-03-14,"Overdubs, then ""comp"" day\r\nsecond line",100\r\n');
    expect(t.rows).toEqual([{ number: 2, cells: ['2026-03-14', 'Overdubs, then "comp" day\nsecond line', '100'] }]);
  });

  it('accepts CRLF, LF and CR line endings, with or without a final line break', () => {
    const expected = [['1', '2'], ['3', '4']];
    for (const text of ['a,b\r\n1,2\r\n3,4\r\n', 'a,b\n1,2\n3,4\n', 'a,b\r1,2\r3,4', 'a,b\n1,2\n3,4']) {
      expect(table(text).rows.map((r) => r.cells)).toEqual(expected);
    }
  });

  it('normalises line breaks inside cells to LF', () => {
    expect(table('a\n"x\r\ny\rz"\n').rows[0].cells).toEqual(['x\ny\nz']);
  });

  it('ignores a BOM', () => {
    const t = table('\uFEFFdate,client\n2026-01-02,Sunset\n');
    expect(t.headers).toEqual(['date', 'client']);
  });

  it('skips blank lines and rows of empty cells, but counts them in row numbers', () => {
    const t = table('\n\na,b\n1,2\n\n,\n 3 ,4\n\n');
    expect(t.headers).toEqual(['a', 'b']);
    expect(t.rows).toEqual([
      { number: 4, cells: ['1', '2'] },
      { number: 7, cells: [' 3 ', '4'] },
    ]);
  });

  it('keeps empty cells and trailing empty cells within the header', () => {
    expect(table('a,b,c\n1,,\n').rows[0].cells).toEqual(['1', '', '']);
  });

  it('tolerates empty padding beyond the header (spreadsheets add it)', () => {
    expect(table('a,b\n1,2,,\n').rows[0].cells).toEqual(['1', '2']);
  });

  it('refuses ragged rows, naming them', () => {
    const error = failure('a,b,c\n1,2,3\n4,5\n6,7,8,9\n');
    expect(error.code).toBe('malformed');
    expect(error.message).toContain('The header row has 3 columns');
    expect(error.message).toContain('row 3 has 2 cells');
    expect(error.message).toContain('row 4 has 4 cells');
  });

  it('refuses a quote that is never closed, and text after a closing quote', () => {
    expect(failure('a,b\n1,"open\n2,3\n').message).toMatch(/starts on line 2 is never closed/);
    expect(failure('a,b\n"x"y,2\n').message).toMatch(/text right after a closing quote/);
  });

  it('takes a stray quote inside an unquoted cell literally', () => {
    expect(table('a,b\n12" snare,2\n').rows[0].cells).toEqual(['12" snare', '2']);
  });

  it('reports empty files and files with only a header', () => {
    expect(failure('').code).toBe('empty');
    expect(failure('\n \n').code).toBe('empty');
    expect(failure('a,b\n').message).toMatch(/no rows/);
  });

  it('stops at the row limit', () => {
    const text = `a\n${'1\n'.repeat(11)}`;
    expect(table(text, { maxRows: 11 }).rows).toHaveLength(11);
    const error = failure(`${text}1\n`, { maxRows: 11 });
    expect(error.code).toBe('too_many_rows');
    expect(error.message).toMatch(/more than 11 rows/);
  });

  it('detects semicolons and tabs, and reads with them', () => {
    expect(detectDelimiter('date;client;fee\n1;2;3')).toBe(';');
    expect(detectDelimiter('date\tclient\tfee')).toBe('\t');
    expect(detectDelimiter('"a;b",c\n')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
    expect(table('date;fee\n14/03/2026;"1.250,50"\n', { delimiter: ';' }).rows[0].cells).toEqual(['14/03/2026', '1.250,50']);
  });
});

describe('decoding uploaded bytes', () => {
  it('reads UTF-8 with or without a BOM', () => {
    expect(decodeCsvBytes(Buffer.from('\uFEFFZoë', 'utf8'))).toEqual({ text: 'Zoë', encoding: 'utf-8' });
    expect(decodeCsvBytes(Buffer.from('Zoë', 'utf8'))).toEqual({ text: 'Zoë', encoding: 'utf-8' });
  });

  it('falls back to Windows-1252 for bytes that are not UTF-8 (Excel’s plain CSV)', () => {
    expect(decodeCsvBytes(Buffer.from([0x5a, 0x6f, 0xeb, 0x20, 0x80]))).toEqual({ text: 'Zoë €', encoding: 'windows-1252' });
  });

  it('reads UTF-16 with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n', 'utf16le')]);
    expect(decodeCsvBytes(le)).toEqual({ text: 'a,b\n', encoding: 'utf-16le' });
  });
});
