import path from 'node:path';
import type { ImportError } from '../../shared/contract/define';
import { AppError } from '../../shared/errors';
import type { Job } from '../jobs';
import { columnLetter } from './workbookWriter';
import { readRows, type CellRaw, type RawRow } from './tableReader';
import { valueText, type CellParser } from './cellParsers';

// A table import, generic over what the rows mean: find the header row, map headers to
// fields (synonyms in both languages, plus the user's own mapping), then parse every
// cell, collecting each rejected cell as (row, column, value, reason) with the
// spreadsheet's own row numbers. Features decide what a valid record is and write it in
// one transaction; nothing here touches the database.

export interface ImportField<T = unknown> {
  /** The English key: what `--map "Header=key"` and the UI mapping name. */
  key: string;
  /** How errors name the column when the file lacks it. */
  label: string;
  /** Headers meaning this field (compared trimmed, case-, space- and underscore-insensitively). */
  headers: readonly string[];
  parse: CellParser<T>;
  /** The file must have this column, and no row may leave it empty. */
  required?: boolean;
  /** Where the file has this column, no row may leave it empty (the column itself is optional). */
  notEmpty?: boolean;
  /** The file must have this column, but its cells may be empty. */
  requiredColumn?: boolean;
}

export interface ImportColumn {
  /** 0-based column index in the sheet. */
  index: number;
  header: string;
  field: string | null;
}

export interface ImportRecord {
  row: number;
  /** Parsed values of the fields whose column is in the file (null for an empty cell). */
  values: Record<string, unknown>;
  /** False when any cell of the row was rejected (its errors are in the table's list). */
  ok: boolean;
}

export interface ImportOptions {
  sheet?: string;
  /** Header text → field key, or '' to ignore that column. Overrides the synonyms. */
  mapping?: Record<string, string>;
  job?: Job;
  /** The file's name as the user knows it, for messages. */
  name?: string;
  /** How many errors are kept in full (all are counted). */
  errorLimit?: number;
  /**
   * The collector of a workbook whose sheets are read one table each (negotiation, training):
   * every table adds to it, and its errors name `sheet`.
   */
  errors?: ImportErrors;
}

/** Rejected cells: the first `limit` kept in full, all of them counted. */
export class ImportErrors {
  readonly list: ImportError[] = [];
  count = 0;
  constructor(readonly limit = 10_000) {}

  add(row: number, column: string, value: unknown, reason: string, sheet?: string): void {
    this.count++;
    if (this.list.length < this.limit)
      this.list.push({ ...(sheet === undefined ? {} : { sheet }), row, column, value: valueText(value), reason });
  }
}

export function normalizeHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, ' ');
}

/** How many rows before the header (title lines) are looked through. */
const HEADER_SEARCH_ROWS = 20;

export class ImportTable {
  readonly errors: ImportErrors;
  /** Fields that have a column in the file. */
  readonly present = new Set<string>();
  private readonly byField = new Map<string, ImportColumn>();
  /** False when the header row was rejected (a missing or duplicate column): records() then yields nothing. */
  private readonly headerOk: boolean;

  private constructor(
    readonly name: string,
    readonly headerRow: number,
    readonly columns: ImportColumn[],
    readonly unknownHeaders: string[],
    private readonly fields: ImportField[],
    private readonly pending: RawRow[],
    private readonly rest: AsyncGenerator<RawRow>,
    errors: ImportErrors,
    headerOk: boolean,
    /** The first cell of each row above the header (a title block), as text. */
    readonly titleLines: string[],
    /** The sheet errors name (when the collector is a workbook's, shared by its sheets). */
    private readonly errorSheet: string | undefined,
  ) {
    this.errors = errors;
    this.headerOk = headerOk;
    for (const c of columns) {
      if (c.field && !this.byField.has(c.field)) {
        this.byField.set(c.field, c);
        this.present.add(c.field);
      }
    }
  }

  /** Reads up to the header row and matches it; cell parsing happens in records(). */
  static async open(filePath: string, fields: ImportField[], opts: ImportOptions = {}): Promise<ImportTable> {
    const name = opts.name ?? path.basename(filePath);
    const errors = opts.errors ?? new ImportErrors(opts.errorLimit);
    const before = errors.count;
    const add = (row: number, column: string, value: unknown, reason: string) =>
      errors.add(row, column, value, reason, opts.errors ? opts.sheet : undefined);
    const synonyms = synonymIndex(fields);
    const mapping = normalizeMapping(opts.mapping, fields);
    const rows = readRows(filePath, { sheet: opts.sheet, job: opts.job, name });

    // The header is the first row naming a known field (a title block may come first);
    // when none does within the first rows, the first row is the header.
    const seen: RawRow[] = [];
    let header: RawRow | undefined;
    for (;;) {
      const next = await rows.next();
      if (next.done) break;
      seen.push(next.value);
      const known = next.value.values.some((v) => {
        const h = normalizeHeader(headerText(v));
        return h !== '' && (mapping.has(h) ? mapping.get(h) !== '' : synonyms.has(h));
      });
      if (known) {
        header = next.value;
        break;
      }
      if (seen.length >= HEADER_SEARCH_ROWS) break;
    }
    if (seen.length === 0) throw new AppError('bad-file', `${name} has no rows: the sheet is empty.`);
    header ??= seen[0]!;
    const pending = seen.slice(seen.indexOf(header) + 1);

    const columns: ImportColumn[] = [];
    const unknownHeaders: string[] = [];
    const usedMappings = new Set<string>();
    const firstColumnOf = new Map<string, ImportColumn>();
    header.values.forEach((v, index) => {
      const text = headerText(v);
      if (text === '') return;
      const norm = normalizeHeader(text);
      let field: string | null;
      if (mapping.has(norm)) {
        usedMappings.add(norm);
        field = mapping.get(norm) || null;
      } else {
        field = synonyms.get(norm) ?? null;
        if (!field) unknownHeaders.push(text);
      }
      const col: ImportColumn = { index, header: text, field };
      columns.push(col);
      if (!field) return;
      const first = firstColumnOf.get(field);
      if (first) {
        add(
          header!.row,
          text,
          text,
          `duplicate column: "${first.header}" (column ${columnLetter(first.index + 1)}) already gives ${labelOf(fields, field)}`,
        );
      } else firstColumnOf.set(field, col);
    });
    for (const m of mapping.keys()) {
      if (!usedMappings.has(m))
        throw new AppError(
          'invalid-input',
          `The mapping names a column "${m}" that ${name} does not have (its headers: ${columns.map((c) => c.header).join(', ')}).`,
        );
    }
    for (const f of fields) {
      if ((f.required || f.requiredColumn) && !firstColumnOf.has(f.key))
        add(header.row, f.label, '', `required column is missing (headers recognised: ${[f.label, ...f.headers.slice(0, 3)].join(', ')})`);
    }
    const titleLines = seen.slice(0, seen.indexOf(header)).map((r) => headerText(r.values[0] ?? null));
    return new ImportTable(
      name,
      header.row,
      columns,
      unknownHeaders,
      fields,
      pending,
      rows,
      errors,
      errors.count === before,
      titleLines,
      opts.errors ? opts.sheet : undefined,
    );
  }

  /** The file's header for a field, or the field's label when the file lacks it. */
  columnName(key: string): string {
    return this.byField.get(key)?.header ?? labelOf(this.fields, key);
  }

  /** Parses every data row; nothing when the header itself was rejected. */
  async *records(): AsyncGenerator<ImportRecord> {
    if (!this.headerOk) {
      await this.rest.return(undefined);
      return;
    }
    const active = this.fields.filter((f) => this.byField.has(f.key)).map((f) => ({ field: f, col: this.byField.get(f.key)! }));
    const parseRow = (raw: RawRow): ImportRecord => {
      const values: Record<string, unknown> = {};
      let ok = true;
      for (const { field, col } of active) {
        const cell = raw.values[col.index] ?? null;
        if (isEmpty(cell)) {
          values[field.key] = null;
          if (field.required || field.notEmpty) {
            this.errors.add(raw.row, col.header, '', 'required: this cell is empty', this.errorSheet);
            ok = false;
          }
          continue;
        }
        const parsed = field.parse(cell as Exclude<CellRaw, null>);
        if (parsed.ok) values[field.key] = parsed.value;
        else {
          this.errors.add(raw.row, col.header, cell, parsed.reason, this.errorSheet);
          ok = false;
        }
      }
      return { row: raw.row, values, ok };
    };
    for (const raw of this.pending) yield parseRow(raw);
    for await (const raw of this.rest) yield parseRow(raw);
  }
}

function isEmpty(v: CellRaw): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

function headerText(v: CellRaw): string {
  if (v === null) return '';
  if (v instanceof Date) return valueText(v);
  return String(v).trim();
}

function synonymIndex(fields: ImportField[]): Map<string, string> {
  const index = new Map<string, string>();
  for (const f of fields) {
    for (const h of [f.key, f.label, ...f.headers]) {
      const n = normalizeHeader(h);
      const other = index.get(n);
      if (other && other !== f.key) throw new Error(`header "${h}" means both ${other} and ${f.key}`);
      index.set(n, f.key);
    }
  }
  return index;
}

/** The user's mapping, normalised; unknown field keys are refused (with the list of keys). */
function normalizeMapping(mapping: Record<string, string> | undefined, fields: ImportField[]): Map<string, string> {
  const out = new Map<string, string>();
  const keys = new Map(fields.map((f) => [f.key.toLowerCase(), f.key]));
  for (const [header, target] of Object.entries(mapping ?? {})) {
    const t = target.trim();
    const ignore = t === '' || t.toLowerCase() === 'ignore';
    const key = ignore ? '' : keys.get(t.toLowerCase());
    if (key === undefined) {
      throw new AppError(
        'invalid-input',
        `The mapping "${header}=${target}" names no field; fields are: ${fields.map((f) => f.key).join(', ')} (or "ignore").`,
      );
    }
    out.set(normalizeHeader(header), key);
  }
  return out;
}

function labelOf(fields: ImportField[], key: string): string {
  return fields.find((f) => f.key === key)?.label ?? key;
}
