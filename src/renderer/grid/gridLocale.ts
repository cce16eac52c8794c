import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';

// ag-grid's own texts are English; Chinese comes from the locale package. English is an
// empty table (each text falls back to ag-grid's built-in one) rather than the package's
// English copy, which would add its size to every grid screen's download.
const ENGLISH: Record<string, string> = {};

/** The grid's texts (filter menus, "Loading…", page summary) in the UI's language. */
export function gridLocaleText(locale: string): Record<string, string> {
  return locale === 'zh-CN' ? AG_GRID_LOCALE_CN : ENGLISH;
}
