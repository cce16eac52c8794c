import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Popconfirm, Space, Table, Tooltip, Typography } from 'antd';
import { CheckOutlined, DownloadOutlined, UndoOutlined } from '@ant-design/icons';
import { call, files } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { stampInZone } from '../../../shared/bookTime';
import { addDays } from '../../../shared/dates';
import type { Booking, Journal } from '../contract';
import type { JobRun } from '../../../renderer/components/useJobRunner';
import { IsoDatePicker, useLabels } from './shared';

/** Last day of the month before `date`: the usual previous month-end. */
function previousMonthEnd(date: string): string {
  return addDays(`${date.slice(0, 7)}-01`, -1);
}

/** A booking instant (stored in UTC) as the book's wall clock reads it, to the minute. */
function wallTime(iso: string, timeZone: string): string {
  const s = stampInZone(new Date(iso), timeZone);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)} ${s.slice(9, 11)}:${s.slice(11, 13)}`;
}

type Figure = 'opening' | 'adjustment' | 'movement' | 'closing' | 'change';
const FIGURES: Figure[] = ['opening', 'adjustment', 'movement', 'closing', 'change'];

/**
 * The provision journal of a period: opening on the last booking, the prior-period adjustment,
 * the period's movement and the closing balance by customer, the journal lines finance posts,
 * and the bookings ("Book this provision" at the current as-of date; the latest can be undone
 * until the next one is made).
 */
export function JournalTab({ run }: { run: JobRun }) {
  const { t } = useLabels();
  const { money, today: bookToday, timeZone, locale } = usePrefs();
  const when = (iso: string) => wallTime(iso, timeZone);
  const { message } = App.useApp();
  const [to, setTo] = useState(bookToday());
  const [from, setFrom] = useState(previousMonthEnd(bookToday()));
  const [j, setJ] = useState<Journal | null>(null);
  const [bookings, setBookings] = useState<Booking[] | null>(null);
  const [busy, setBusy] = useState(false);

  const reload = useCallback(() => {
    setJ(null);
    call('receivables:journal', { from, to }).then(setJ, (err: Error) => message.error(err.message));
    call('receivables:bookings', {}).then(setBookings, (err: Error) => message.error(err.message));
  }, [from, to, message]);
  useEffect(reload, [reload]);

  const exportJournal = async () => {
    const ref = await files.pickSave(`provision-journal-${from}-${to}.xlsx`);
    if (!ref) return;
    await run('receivables:exportJournal', { file: ref.token, from, to }, t('journal.export'));
    await files.delivered(ref);
  };

  const act = async (what: () => Promise<string>) => {
    setBusy(true);
    try {
      message.success(await what());
      reload();
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const book = () => act(async () => t('journal.bookedOk', { date: (await call('receivables:postJournal', { to })).bookedTo }));
  const undo = (b: Booking) =>
    act(async () => (await call('receivables:undoBooking', { id: b.id }), t('journal.undone', { date: b.bookedTo })));

  const latest = bookings?.[0] ?? null;
  // The server refuses the same cases with a message; the button says so before the click.
  const canBook = !!j && !j.closingBooking && (!latest || to > latest.bookedTo) && to <= bookToday();
  const money0 = (v: number) => money(v);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('journal.from')}</Typography.Text>
        <IsoDatePicker value={from} onChange={(v) => v && setFrom(v)} testId="journal-from" />
        <Typography.Text>{t('journal.to')}</Typography.Text>
        <IsoDatePicker value={to} onChange={(v) => v && setTo(v)} testId="journal-to" />
        <Tooltip title={t('journal.bookHelp')}>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            onClick={() => void book()}
            disabled={!canBook || busy}
            data-testid="journal-book"
          >
            {t('journal.book')}
          </Button>
        </Tooltip>
        {latest && (
          <Popconfirm title={t('journal.undoConfirm', { date: latest.bookedTo })} onConfirm={() => void undo(latest)}>
            <Button icon={<UndoOutlined />} disabled={busy} data-testid="journal-undo">
              {t('journal.undoTo', { date: latest.bookedTo })}
            </Button>
          </Popconfirm>
        )}
        <Button icon={<DownloadOutlined />} onClick={() => void exportJournal()} disabled={!j} data-testid="journal-export">
          {t('journal.export')}
        </Button>
      </Space>
      {j && (
        <Space direction="vertical" size={0} data-testid="journal-status">
          <Typography.Text>
            {j.openingBooking
              ? t('journal.openingBooked', {
                  date: j.openingBooking.bookedTo,
                  by: j.openingBooking.bookedBy,
                  at: when(j.openingBooking.bookedAt),
                })
              : t('journal.openingNone', { date: j.from })}
          </Typography.Text>
          <Typography.Text>
            {j.closingBooking
              ? t('journal.closingBooked', {
                  date: j.closingBooking.bookedTo,
                  by: j.closingBooking.bookedBy,
                  at: when(j.closingBooking.bookedAt),
                })
              : t('journal.closingOpen', { date: j.to })}
          </Typography.Text>
          <Typography.Text type="secondary">
            {t('settingsUi.basis')}
            {locale === 'zh-CN' ? '：' : ': '}
            {t(j.basis === 'gross' ? 'settingsUi.basisGross' : 'settingsUi.basisNet')}
          </Typography.Text>
        </Space>
      )}
      <Typography.Text type="secondary">{t('journal.explain')}</Typography.Text>
      <Card size="small" title={t('journal.movements')}>
        <Table
          size="small"
          rowKey="accountId"
          loading={!j}
          dataSource={j?.movements ?? []}
          pagination={{ pageSize: 8 }}
          data-testid="journal-movements"
          summary={() =>
            j ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>
                  <b>{t('total')}</b>
                </Table.Summary.Cell>
                {FIGURES.map((k, i) => (
                  <Table.Summary.Cell key={k} index={i + 1} align="right">
                    <b data-testid={`journal-total-${k}`}>{money(j.totals[k])}</b>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
          columns={[
            { dataIndex: 'customer', title: t('customer') },
            ...FIGURES.map((k) => ({
              dataIndex: k,
              title: t(`journal.${k}`),
              align: 'right' as const,
              render: k === 'change' ? (v: number) => <span style={{ color: v < 0 ? '#1a7f37' : undefined }}>{money0(v)}</span> : money0,
            })),
          ]}
        />
      </Card>
      <div style={{ display: 'grid', gridTemplateColumns: '3fr 2fr', gap: 8 }}>
        <Card size="small" title={t('journal.lines')}>
          <Table
            size="small"
            rowKey={(l) => `${l.accountId}-${l.ledger}`}
            loading={!j}
            dataSource={j?.lines ?? []}
            pagination={{ pageSize: 12 }}
            data-testid="journal-lines"
            columns={[
              { dataIndex: 'customer', title: t('customer') },
              { dataIndex: 'ledger', title: t('journal.ledger'), render: (v: string) => t(`journal.${v}`) },
              { dataIndex: 'debit', title: t('journal.debit'), align: 'right', render: (v: number) => (v ? money(v) : '') },
              { dataIndex: 'credit', title: t('journal.credit'), align: 'right', render: (v: number) => (v ? money(v) : '') },
            ]}
          />
        </Card>
        <Card size="small" title={t('journal.bookings')}>
          <Table
            size="small"
            rowKey="id"
            loading={!bookings}
            dataSource={bookings ?? []}
            pagination={{ pageSize: 12 }}
            locale={{ emptyText: t('journal.none') }}
            data-testid="journal-bookings"
            columns={[
              { dataIndex: 'bookedTo', title: t('journal.bookedTo') },
              { dataIndex: 'bookedBy', title: t('journal.bookedBy') },
              { dataIndex: 'bookedAt', title: t('journal.bookedAt'), render: when },
              { dataIndex: 'total', title: t('journal.total'), align: 'right', render: money0 },
            ]}
          />
        </Card>
      </div>
    </Space>
  );
}
