import { createRequire } from 'node:module';
import type * as ExcelJSTypes from 'exceljs';
import type * as EChartsTypes from 'echarts';

// The heavy libraries only an export needs (ExcelJS with its zip stack, ECharts for the
// server-rendered chart), loaded on first use instead of when the main process starts:
// together they are most of the server code's size, and opening a book or answering the
// first call never touches them. Each export here is an object whose first property read
// loads the package with Node's own require (synchronous, so callers keep their plain
// `ExcelJS.Workbook` / `echarts.init` code). The packages stay outside the bundles: the
// Electron main externalizes its dependencies and the CLI bundle marks packages external,
// so `node_modules` is where they load from in every build.

const requireHere = createRequire(import.meta.url);

/** A stand-in for a package's namespace that requires the package on first access. */
export function lazyRequire<T extends object>(id: string): T {
  let mod: T | undefined;
  const load = (): T => (mod ??= requireHere(id) as T);
  return new Proxy({} as T, {
    get: (_t, key) => Reflect.get(load(), key),
    has: (_t, key) => Reflect.has(load(), key),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_t, key) => {
      const d = Reflect.getOwnPropertyDescriptor(load(), key);
      return d && { ...d, configurable: true };
    },
  });
}

/** ExcelJS (`import { ExcelJS } from '…/lazyLibs'` replaces `import ExcelJS from 'exceljs'`). */
export const ExcelJS: typeof ExcelJSTypes = lazyRequire('exceljs');

// The ExcelJS types the server code names as `ExcelJS.X` (a value export cannot carry the
// package's type namespace, so the ones in use are listed; add one here when needed).
// A declared namespace is the one way to give a value and a type namespace one name.
/* eslint-disable @typescript-eslint/no-namespace */
export declare namespace ExcelJS {
  export type Buffer = ExcelJSTypes.Buffer;
  export type CellFormulaValue = ExcelJSTypes.CellFormulaValue;
  export type CellRichTextValue = ExcelJSTypes.CellRichTextValue;
  export type CellValue = ExcelJSTypes.CellValue;
  export type DataValidation = ExcelJSTypes.DataValidation;
  export type Style = ExcelJSTypes.Style;
  export type Workbook = ExcelJSTypes.Workbook;
  export type Worksheet = ExcelJSTypes.Worksheet;
  export namespace stream {
    export namespace xlsx {
      export type WorkbookWriter = ExcelJSTypes.stream.xlsx.WorkbookWriter;
    }
  }
}
/* eslint-enable @typescript-eslint/no-namespace */

/** ECharts (its CommonJS build: one file, the same API as the ES modules). */
export const echarts: typeof EChartsTypes = lazyRequire('echarts');
