// The part of fontkit (pdfkit's font engine, which ships no types) that
// src/invoices/pdf.ts uses: whether a font has a glyph for a character.
declare module 'fontkit' {
  export function create(buffer: Buffer): { hasGlyphForCodePoint(codePoint: number): boolean };
}
