import { AppError } from '../../shared/errors';

// What the readers accept. Excel's own limits first (a file beyond them did not come from
// Excel and no user can look at it there), then caps that keep a hostile file from
// costing more than the import's 400 MB and a few seconds: how far a zip part may inflate,
// how many shared strings it may hold, how deep its XML may nest, how long one CSV record
// may be. Every reader (zipArchive, xlsxReader, csvReader) enforces them, so every import,
// present and future, reads through them. A file beyond a limit is refused with a message
// that says it is too large and names the limit — not that it is damaged.

export const readerLimits = {
  /** Excel: rows per sheet. */
  rows: 1_048_576,
  /** Excel: columns per sheet (A…XFD). */
  columns: 16_384,
  /** Excel: characters in one cell. */
  cellChars: 32_767,
  /** A worksheet part, unpacked (a 100,000-row import is ~150 MB of sheet XML). */
  sheetPartBytes: 1024 * 1024 * 1024,
  /** The shared-string table, unpacked. */
  sharedStringsPartBytes: 256 * 1024 * 1024,
  /** Any other part the reader opens (workbook, relationships, styles). */
  otherPartBytes: 32 * 1024 * 1024,
  /**
   * How much a large part may shrink when zipped. Real sheets compress 3–15 to 1; a
   * compression bomb near deflate's maximum of ~1,000 to 1. Parts up to `ratioFreeBytes`
   * unpacked are exempt (a small part of repeated markup may compress very well).
   */
  compressionRatio: 200,
  ratioFreeBytes: 16 * 1024 * 1024,
  /** Entries in one zip archive (a workbook with pictures has dozens to hundreds). */
  zipEntries: 100_000,
  /** Strings in the shared-string table (as many as a sheet has rows), and their characters together. */
  sharedStrings: 1_048_576,
  sharedStringChars: 64 * 1024 * 1024,
  /** Cell formats (Excel allows about 64,000). */
  cellFormats: 65_536,
  /** Nesting of XML elements (a sheet needs under 10). */
  xmlDepth: 100,
  /** Bytes of XML without a tag boundary: one text, attribute or tag name. */
  xmlTokenBytes: 8 * 1024 * 1024,
  /** Bytes of one CSV record. */
  csvRecordBytes: 4 * 1024 * 1024,
  /** Bytes of a CSV file (as a sheet part: its encoding is checked over the whole file first). */
  csvFileBytes: 1024 * 1024 * 1024,
} as const;

const fmt = (n: number) => n.toLocaleString('en-US');

/** Bytes as a person reads them (3.0 GB, 512 MB, 20 KB). */
export function byteSize(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${Math.round(n / 1024 ** 2)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** `${what} is too large to import: ${why}.` — the one wording of every limit's refusal. */
export function tooLarge(what: string, why: string): AppError {
  return new AppError('bad-file', `${what} is too large to import: ${why}.`);
}

export const limitText = {
  rows: () => `Excel's limit is ${fmt(readerLimits.rows)} rows`,
  columns: () => `Excel's limit is ${fmt(readerLimits.columns)} columns (the last is XFD)`,
  cellChars: () => `Excel's limit is ${fmt(readerLimits.cellChars)} characters in a cell`,
  count: fmt,
};
