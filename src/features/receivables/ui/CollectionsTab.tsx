import { useCallback, useEffect, useMemo, useState } from 'react';
import { AgGridReact } from 'ag-grid-react';
import type { ColDef } from 'ag-grid-community';
import {
  App,
  Button,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Steps,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { FileTextOutlined } from '@ant-design/icons';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { navigate, useHashRoute } from '../../../renderer/app/useHashRoute';
import { yuanToFen } from '../../../shared/money';
import type { ActionRow, CollectionItem } from '../contract';
import { gridLocale, gridTheme, IsoDatePicker, useLabels, useMoney } from './shared';

const RUNGS = ['reminder', 'notice', 'finance', 'sales', 'lawyer'] as const;

/** The collection worklist (what is due today) and, per overdue invoice, its ladder and action log. */
export function CollectionsTab() {
  const { t, rung } = useLabels();
  const { locale, today: bookToday } = usePrefs();
  const moneyCell = useMoney();
  const [today, setToday] = useState(bookToday());
  const [dueOnly, setDueOnly] = useState(true);
  const [rows, setRows] = useState<CollectionItem[] | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  // A link may narrow the worklist to a territory and/or a rep (#/receivables?tab=collections&territoryId=…: the Reports tile).
  const route = useHashRoute();
  const [scope, setScope] = useState(() => ({
    territoryId: route.params.get('territoryId') ?? undefined,
    ownerId: route.params.get('ownerId') ?? undefined,
  }));
  const [scopeName, setScopeName] = useState('');
  useEffect(() => {
    if (!scope.territoryId && !scope.ownerId) return;
    void call('accounts:lookups', {}).then((l) => {
      const zh = locale === 'zh-CN';
      const territory = l.territories.find((x) => x.id === scope.territoryId);
      const rep = l.reps.find((x) => x.id === scope.ownerId);
      setScopeName(
        [territory && (zh ? territory.nameZh : territory.nameEn), rep && (zh ? rep.nameZh : rep.nameEn)].filter(Boolean).join(' · '),
      );
    });
  }, [scope, locale]);
  const reload = useCallback(
    async () =>
      setRows(
        await call('receivables:worklist', {
          today,
          dueOnly,
          ...(scope.territoryId ? { territoryId: scope.territoryId } : {}),
          ...(scope.ownerId ? { ownerId: scope.ownerId } : {}),
        }),
      ),
    [today, dueOnly, scope],
  );
  useEffect(() => {
    void reload();
  }, [reload]);

  const cols = useMemo<ColDef<CollectionItem>[]>(
    () => [
      { field: 'invoiceNo', headerName: t('invoiceNo'), width: 140, pinned: 'left', cellClass: 'sw-link' },
      { field: 'customer', headerName: t('customer'), width: 230, filter: true },
      { field: 'dueDate', headerName: t('dueDate'), width: 110 },
      { field: 'daysOverdue', headerName: t('daysOverdue'), type: 'rightAligned', width: 100 },
      { field: 'outstanding', headerName: t('outstanding'), valueFormatter: moneyCell, type: 'rightAligned', width: 140 },
      { field: 'reached', headerName: t('stage'), valueFormatter: (p) => rung(p.value as string | null), width: 130 },
      { field: 'suggested', headerName: t('suggested'), valueFormatter: (p) => rung(p.value as string | null), width: 140 },
      {
        field: 'nextActionDue',
        headerName: t('work.nextDue'),
        width: 115,
        cellStyle: (p) => (p.data?.dueNow ? { color: '#cf222e', fontWeight: 600 } : null),
      },
      { field: 'why', headerName: '', valueFormatter: (p) => (p.value ? t(`why.${p.value as string}`) : ''), width: 120 },
      {
        colId: 'last',
        headerName: t('work.last'),
        valueGetter: (p) => (p.data?.lastDate ? `${p.data.lastDate} ${rung(p.data.lastKind)}` : ''),
        width: 180,
      },
      { colId: 'promise', headerName: t('work.promise'), valueGetter: (p) => p.data?.promiseDate ?? '', width: 115 },
      { field: 'dispute', headerName: t('work.dispute'), valueFormatter: (p) => (p.value ? '⚑' : ''), width: 80 },
    ],
    [moneyCell, rung, t],
  );

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, height: '100%' }}>
      <Space>
        <IsoDatePicker value={today} onChange={(v) => v && setToday(v)} testId="work-today" />
        <Switch checked={dueOnly} onChange={setDueOnly} data-testid="work-due-only" />
        <Typography.Text>{t('work.dueOnly')}</Typography.Text>
        {(scope.territoryId || scope.ownerId) && (
          <Tag closable onClose={() => setScope({ territoryId: undefined, ownerId: undefined })} data-testid="work-scope">
            {scopeName}
          </Tag>
        )}
        <Typography.Text type="secondary" data-testid="work-count">
          {t('work.count', { count: rows?.length ?? 0 })}
        </Typography.Text>
      </Space>
      <div style={{ flex: 1, minHeight: 360 }} data-testid="worklist-grid">
        <AgGridReact<CollectionItem>
          theme={gridTheme}
          localeText={gridLocale(locale)}
          rowData={rows ?? undefined}
          loading={rows === null}
          columnDefs={cols}
          getRowId={(p) => p.data.invoiceId}
          animateRows={false}
          onRowClicked={(e) => e.data && setOpenId(e.data.invoiceId)}
        />
      </div>
      {openId && <LadderDrawer invoiceId={openId} today={today} onClose={() => setOpenId(null)} onChanged={() => void reload()} />}
    </div>
  );
}

interface ActionForm {
  kind: ActionRow['kind'];
  who?: string;
  note?: string;
  promiseAmount?: number;
  dispute?: boolean;
}

function LadderDrawer({ invoiceId, today, onClose, onChanged }: { invoiceId: string; today: string; onClose(): void; onChanged(): void }) {
  const { t, rung } = useLabels();
  const { money } = usePrefs();
  const { message } = App.useApp();
  const [data, setData] = useState<{ item: CollectionItem; actions: ActionRow[] } | null>(null);
  const [form] = Form.useForm<ActionForm>();
  const [dates, setDates] = useState<{ date: string; promiseDate: string | null; nextActionDate: string | null }>({
    date: today,
    promiseDate: null,
    nextActionDate: null,
  });
  const load = useCallback(async () => {
    setData(await call('receivables:ladder', { invoiceId, today }));
  }, [invoiceId, today]);
  useEffect(() => {
    void load();
  }, [load]);
  if (!data) return null;
  const { item } = data;
  const reachedAt = RUNGS.indexOf(item.reached as (typeof RUNGS)[number]);
  const suggestedAt = RUNGS.indexOf(item.suggested as (typeof RUNGS)[number]);

  return (
    <Drawer
      open
      width={760}
      title={`${t('work.ladder')} · ${item.invoiceNo} · ${item.customer}`}
      onClose={onClose}
      data-testid="ladder-drawer"
    >
      <Descriptions size="small" column={3}>
        <Descriptions.Item label={t('outstanding')}>{money(item.outstanding)}</Descriptions.Item>
        <Descriptions.Item label={t('dueDate')}>{item.dueDate}</Descriptions.Item>
        <Descriptions.Item label={t('daysOverdue')}>{item.daysOverdue}</Descriptions.Item>
        <Descriptions.Item label={t('work.nextDue')}>
          <span data-testid="ladder-next">{item.nextActionDue ?? '—'}</span>{' '}
          {item.why && <Tag color={item.dueNow ? 'red' : 'default'}>{t(`why.${item.why}`)}</Tag>}
        </Descriptions.Item>
        <Descriptions.Item label={t('work.promise')}>
          {item.promiseDate ? `${item.promiseDate} ${item.promiseAmount ? money(item.promiseAmount) : ''}` : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('work.dispute')}>{item.dispute ? '⚑' : '—'}</Descriptions.Item>
      </Descriptions>
      <Steps
        size="small"
        style={{ margin: '12px 0' }}
        current={reachedAt}
        data-testid="ladder-steps"
        items={RUNGS.map((r, i) => ({
          title: rung(r),
          status: i <= reachedAt ? 'finish' : i <= suggestedAt ? 'error' : 'wait',
          description: i === suggestedAt ? t('suggested') : undefined,
        }))}
      />
      <Space style={{ marginBottom: 8 }}>
        <Button
          icon={<FileTextOutlined />}
          onClick={() => navigate('receivables', { notice: item.accountId, asOf: today })}
          data-testid="open-notice"
        >
          {t('work.notice')}
        </Button>
      </Space>
      <Form
        key={data.actions.length}
        form={form}
        // The suggested rung when it is above the one reached, else a plain note.
        initialValues={{ kind: suggestedAt > reachedAt ? item.suggested! : 'note', dispute: item.dispute }}
        layout="inline"
        style={{ rowGap: 8, marginBottom: 12 }}
        onFinish={async (v) => {
          try {
            await call('receivables:logAction', {
              invoiceId,
              ...dates,
              kind: v.kind,
              who: v.who || null,
              note: v.note || null,
              promiseAmount: v.promiseAmount ? yuanToFen(v.promiseAmount) : null,
              dispute: !!v.dispute,
            });
            message.success(t('work.saved'));
            setDates({ date: today, promiseDate: null, nextActionDate: null });
            await load();
            onChanged();
          } catch (err) {
            message.error((err as Error).message);
          }
        }}
      >
        <Form.Item name="kind" label={t('work.kind')}>
          <Select
            style={{ width: 170 }}
            options={[...RUNGS, 'note' as const].map((k) => ({ value: k, label: rung(k) }))}
            data-testid="action-kind"
          />
        </Form.Item>
        <Form.Item label={t('work.date')}>
          <IsoDatePicker value={dates.date} onChange={(v) => v && setDates((d) => ({ ...d, date: v }))} />
        </Form.Item>
        <Form.Item name="who" label={t('work.who')}>
          <Input style={{ width: 120 }} data-testid="action-who" />
        </Form.Item>
        <Form.Item name="note" label={t('note')} style={{ width: '100%' }}>
          <Input.TextArea rows={2} data-testid="action-note" />
        </Form.Item>
        <Form.Item label={t('work.promiseDate')}>
          <IsoDatePicker allowClear value={dates.promiseDate} onChange={(v) => setDates((d) => ({ ...d, promiseDate: v }))} />
        </Form.Item>
        <Form.Item name="promiseAmount" label={t('work.promiseAmount')}>
          <InputNumber min={0.01} precision={2} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item label={t('work.nextAction')}>
          <IsoDatePicker
            allowClear
            value={dates.nextActionDate}
            onChange={(v) => setDates((d) => ({ ...d, nextActionDate: v }))}
            testId="action-next"
          />
        </Form.Item>
        <Form.Item name="dispute" valuePropName="checked">
          <Checkbox>{t('work.dispute')}</Checkbox>
        </Form.Item>
        {/* Not a submit button: Enter in a date field confirms the date, it must not log the action. */}
        <Form.Item>
          <Button type="primary" onClick={() => form.submit()} data-testid="action-save">
            {t('work.logAction')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Title level={5}>{t('work.log')}</Typography.Title>
      <Table<ActionRow>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={[...data.actions].reverse()}
        data-testid="action-log"
        columns={[
          { dataIndex: 'date', title: t('work.date'), width: 100 },
          { dataIndex: 'kind', title: t('work.kind'), render: (k: string) => rung(k), width: 130 },
          { dataIndex: 'who', title: t('work.who'), width: 110 },
          { dataIndex: 'note', title: t('note') },
          {
            dataIndex: 'promiseDate',
            title: t('work.promise'),
            render: (d: string | null, r) => (d ? `${d} ${r.promiseAmount ? money(r.promiseAmount) : ''}` : ''),
            width: 170,
          },
          { dataIndex: 'nextActionDate', title: t('work.nextDue'), width: 100 },
        ]}
      />
    </Drawer>
  );
}
