import { useCallback, useState } from 'react';
import { App, Button, DatePicker } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { themeQuartz } from 'ag-grid-community';
import '../../../renderer/grid/clientSideGrid';
import { gridLocaleText } from '../../../renderer/grid/gridLocale';
import { files, type In } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { ApiError } from '../../../shared/errors';
import type { ChannelName } from '../../../app/contract';
import type { BucketInfo } from '../contract';
import type { JobRun } from '../../../renderer/components/useJobRunner';
import type { FileRef } from '../../../shared/contract/system';
import { ImportRefusal, useCreatableLabel, type Creatable, type Problem, type Refusal } from './ImportRefusal';

export const gridTheme = themeQuartz.withParams({ fontSize: 13, headerFontSize: 13, spacing: 5 });
export const gridLocale = gridLocaleText;

export const pct = (bp: number) => `${(bp / 100).toFixed(bp % 100 === 0 ? 0 : 2)}%`;

/** Labels that depend on the language: buckets ('1-30' → '1-30天'), ladder rungs, review states. */
export function useLabels() {
  const { t } = useTranslation('receivables');
  const bucket = useCallback(
    (b: Pick<BucketInfo, 'label' | 'fromDays' | 'toDays'>) =>
      b.fromDays === null
        ? t('bucketLabel.Current')
        : b.toDays === null
          ? t('bucketLabel.over', { days: b.fromDays - 1 })
          : t('bucketLabel.range', { range: b.label }),
    [t],
  );
  const rung = useCallback((k: string | null) => (k ? t(`rung.${k}`) : ''), [t]);
  return { t, bucket, rung };
}

/** A date picker whose value is an ISO 'YYYY-MM-DD' string (a calendar date, no time zone). */
export function IsoDatePicker({
  value,
  onChange,
  testId,
  allowClear = false,
}: {
  value: string | null;
  onChange(v: string | null): void;
  testId?: string;
  allowClear?: boolean;
}) {
  return (
    <DatePicker
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)}
      allowClear={allowClear}
      format="YYYY-MM-DD"
      data-testid={testId}
    />
  );
}

type ImportChannel = Extract<ChannelName, 'receivables:importInvoices' | 'receivables:importPayments' | 'receivables:importCollections'>;

/**
 * A button that imports a workbook through one of the receivables import channels and lists
 * rejected cells. The invoice import refused for customers, territories or reps the book lacks
 * offers to create them and import again (the CLI's --create-missing).
 */
export function ImportButton({
  channel,
  label,
  testId,
  onDone,
  run,
}: {
  channel: ImportChannel;
  label: string;
  testId: string;
  onDone(): void;
  run: JobRun;
}) {
  const { t } = useTranslation('receivables');
  const { message } = App.useApp();
  const creatable = useCreatableLabel();
  const [file, setFile] = useState<FileRef | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [createMissing, setCreateMissing] = useState(false);

  const importFile = async (ref: FileRef, create: boolean) => {
    const input = channel === 'receivables:importInvoices' ? { file: ref.token, createMissing: create } : { file: ref.token };
    try {
      const r = (await run(channel, input as In<ImportChannel>, label)) as {
        inserted?: number;
        rows?: number;
        recorded?: number;
        created?: Creatable[];
      };
      message.success(
        r.inserted !== undefined ? t('imported', { count: r.inserted }) : t('importedNotes', { rows: r.rows, recorded: r.recorded }),
      );
      if (r.created?.length) message.info(t('createMissing.created', { list: r.created.map(creatable).join(', ') }));
      setRefusal(null);
      onDone();
    } catch (err) {
      const details =
        err instanceof ApiError
          ? (err.details as { errors?: Problem[]; errorCount?: number; missing?: Creatable[] } | undefined)
          : undefined;
      if (!details?.errors) return void message.error((err as Error).message);
      setRefusal({
        errors: details.errors,
        count: details.errorCount ?? details.errors.length,
        missing: create ? [] : (details.missing ?? []),
      });
    }
  };
  const go = async () => {
    const ref = await files.pickOpen(['xlsx', 'csv']);
    if (!ref) return;
    setFile(ref);
    setCreateMissing(false);
    await importFile(ref, false);
  };
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => void go()} data-testid={testId}>
        {label}
      </Button>
      <ImportRefusal
        title={label}
        refusal={refusal}
        createMissing={createMissing}
        onCreateMissing={setCreateMissing}
        onImportAgain={() => void (file && importFile(file, true))}
        onClose={() => setRefusal(null)}
      />
    </>
  );
}

/** Money formatter for ag-grid value formatters. */
export function useMoney() {
  const { money } = usePrefs();
  return useCallback((p: { value?: number | null }) => money(p.value ?? null), [money]);
}
