// The one door through which text reaches a workbook cell. Text is always written as a
// string cell (inline string, t="inlineStr"), never as a formula, so "=1+2", "+x", "-y", "@z" or a leading
// tab/CR stay the text the user typed when the file is opened in Excel or read by a program.
// Beyond that, the cell must survive XML and Excel's own escaping:
// - characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF,
//   lone surrogates) are dropped — ExcelJS drops most of them too, we do it visibly here;
// - a CR would be turned into LF by any XML parser, so it is written as Excel writes it,
//   `_x000D_`; a literal `_xHHHH_` in the text is escaped as `_x005F_xHHHH_` so readers
//   do not decode it into a character;
// - Excel refuses cells longer than 32,767 characters; longer text is cut there.

export const EXCEL_MAX_CELL_TEXT = 32_767;

const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// One cheap test first: almost all text needs none of the replacements below.
// eslint-disable-next-line no-control-regex
const NEEDS_WORK = /[\u0000-\u0008\u000B-\u001F\uD800-\uDFFF\uFFFE\uFFFF]|_x/;
const ESCAPE_LIKE = /_(x[0-9A-Fa-f]{4}_)/g;

/** Text as it must be stored in an xlsx string cell so that it reads back unchanged. */
export function safeText(value: unknown): string {
  let text = textOf(value);
  if (text.length > EXCEL_MAX_CELL_TEXT) text = cutAt(text, EXCEL_MAX_CELL_TEXT);
  if (!NEEDS_WORK.test(text)) return text;
  return text.replace(NOT_XML, '').replace(ESCAPE_LIKE, '_x005F_$1').replace(/\r/g, '_x000D_');
}

/** The inverse of Excel's `_xHHHH_` escaping, for text read from a workbook. */
export function decodeXlsxText(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString();
  return String(value);
}

/** Cuts without splitting a surrogate pair. */
function cutAt(text: string, n: number): string {
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}
