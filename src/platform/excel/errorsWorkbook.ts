import type { ImportError } from '../../shared/contract/define';
import type { Job } from '../jobs';
import { writeWorkbook } from './workbookWriter';

/** An import's rejected cells as a workbook: Row, Column, Value, Reason (one per cell). */
export async function writeErrorsWorkbook(
  filePath: string,
  errors: ImportError[],
  opts: { job?: Job; title?: string[] } = {},
): Promise<void> {
  await writeWorkbook(
    filePath,
    [
      {
        name: 'Errors',
        title: opts.title,
        columns: [
          { header: 'Row', kind: 'int', width: 8 },
          { header: 'Column', kind: 'text', width: 24 },
          { header: 'Value', kind: 'text', width: 32 },
          { header: 'Reason', kind: 'text', width: 70 },
        ],
        rows: errors.map((e) => [e.row, e.column, e.value, e.reason]),
        rowCount: errors.length,
      },
    ],
    { job: opts.job },
  );
}
