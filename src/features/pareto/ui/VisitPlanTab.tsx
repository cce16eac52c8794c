import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, DatePicker, InputNumber, Popover, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, PhoneOutlined, SettingOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call, files, type Out } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { navigate } from '../../../renderer/app/useHashRoute';
import { TeamSettingsLockNote, useTeamSettingsLocked } from '../../../renderer/components/teamSettingsLock';
import type { Lookups } from '../../accounts/contract';
import { dayNumber } from '../../../shared/dates';
import { CLASS_COLOR } from './ParetoChart';

type Plan = Out<'pareto:visitPlan'>;
type Day = Plan['days'][number];
type VisitSettings = Out<'pareto:settings'>['visits'];
const GRADE_COLOR: Record<string, string> = { ...CLASS_COLOR, D: '#8c6d1f' };

/** Monday = 0 … Friday = 4 for an ISO date. */
const weekdayOf = (date: string) => (dayNumber(date) + 3) % 7;

/** The plan's days laid out as calendar weeks, Monday to Friday. */
function calendarWeeks(days: Day[]): (Day | null)[][] {
  const weeks: (Day | null)[][] = [];
  let week: (Day | null)[] = [null, null, null, null, null];
  let last = -1;
  for (const d of days) {
    const wd = weekdayOf(d.date);
    if (wd <= last) {
      weeks.push(week);
      week = [null, null, null, null, null];
    }
    week[wd] = d;
    last = wd;
  }
  weeks.push(week);
  return weeks;
}

function CadenceSettings({ value, onSaved }: { value: VisitSettings; onSaved(v: VisitSettings): void }) {
  const { t } = useTranslation('pareto');
  const { message } = App.useApp();
  const [v, setV] = useState(value);
  useEffect(() => setV(value), [value]);
  const teamLocked = useTeamSettingsLocked();
  const grades = ['A', 'B', 'C', 'D'] as const;
  return (
    <Space direction="vertical" size="small">
      {grades.map((g) => (
        <Space key={g}>
          <Tag color={GRADE_COLOR[g]} style={{ width: 24, textAlign: 'center' }}>
            {g}
          </Tag>
          <InputNumber
            size="small"
            min={0}
            max={31}
            value={v.perMonth[g]}
            onChange={(n) => n !== null && setV({ ...v, perMonth: { ...v.perMonth, [g]: n } })}
            data-testid={`per-month-${g}`}
          />
          <Typography.Text type="secondary">{t('plan.perAccount')}</Typography.Text>
          <Checkbox checked={v.byPhone[g]} onChange={(e) => setV({ ...v, byPhone: { ...v.byPhone, [g]: e.target.checked } })}>
            {t('plan.byPhone')}
          </Checkbox>
        </Space>
      ))}
      <Space>
        {t('plan.visitsPerDay')}
        <InputNumber
          size="small"
          min={1}
          max={50}
          value={v.visitsPerDay}
          onChange={(n) => n !== null && setV({ ...v, visitsPerDay: n })}
          data-testid="visits-per-day"
        />
        {t('plan.callsPerDay')}
        <InputNumber size="small" min={1} max={200} value={v.callsPerDay} onChange={(n) => n !== null && setV({ ...v, callsPerDay: n })} />
      </Space>
      {teamLocked && <TeamSettingsLockNote />}
      <Button
        size="small"
        type="primary"
        disabled={teamLocked}
        data-testid="save-cadence"
        onClick={() =>
          void call('pareto:saveSettings', { visits: v })
            .then((s) => {
              message.success(t('plan.saved'));
              onSaved(s.visits);
            })
            .catch((e: Error) => message.error(e.message))
        }
      >
        {t('plan.save')}
      </Button>
    </Space>
  );
}

export function VisitPlanTab({ lookups, defaultRep }: { lookups: Lookups; defaultRep?: string | undefined }) {
  const { t } = useTranslation('pareto');
  const { message } = App.useApp();
  const { locale, today: bookToday } = usePrefs();
  const [month, setMonth] = useState<Dayjs>(() => dayjs(bookToday()));
  const [rep, setRep] = useState<string | undefined>(defaultRep ?? lookups.reps[0]?.id);
  const [plan, setPlan] = useState<Plan | null>(null);
  const [cadence, setCadence] = useState<VisitSettings | null>(null);
  const monthText = month.format('YYYY-MM');

  useEffect(() => {
    void call('pareto:settings', {}).then((s) => setCadence(s.visits));
  }, []);

  useEffect(() => {
    if (!rep) return;
    let live = true;
    setPlan(null);
    call('pareto:visitPlan', { month: monthText, ownerId: rep })
      .then((p) => live && setPlan(p))
      .catch((e: Error) => message.error(e.message));
    return () => {
      live = false;
    };
  }, [rep, monthText, cadence, message]);

  const exportPlan = useCallback(async () => {
    if (!rep) return;
    const ref = await files.pickSave(`visit-plan-${monthText}.xlsx`);
    if (!ref) return;
    try {
      const r = await call('pareto:exportVisitPlan', { month: monthText, ownerId: rep, file: ref.token, lang: locale });
      await files.delivered(ref);
      message.success(t('plan.exported', { count: r.rows }));
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [locale, message, monthText, rep, t]);

  const weeks = useMemo(() => (plan ? calendarWeeks(plan.days) : []), [plan]);
  const name = (x: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? x.nameZh : x.nameEn);
  const weekdays = t('plan.weekdays', { returnObjects: true }) as string[];
  const perDay = cadence?.visitsPerDay ?? 0;

  const dayCell = (d: Day | null) =>
    d && (
      <div
        data-testid={`plan-day-${d.date}`}
        data-overloaded={d.overloaded}
        style={{ minHeight: 90, padding: 4, background: d.overloaded ? '#fff1f0' : undefined }}
      >
        <Space size={4} style={{ marginBottom: 4 }}>
          <Typography.Text strong>{Number(d.date.slice(8))}</Typography.Text>
          <Typography.Text type={d.overloaded ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
            {d.visits}/{perDay}
            {d.calls ? ` · ${d.calls}☎` : ''}
          </Typography.Text>
        </Space>
        {d.groups.map((g, i) => (
          <div key={i} style={{ marginBottom: 4 }}>
            {g.city && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {g.city}
              </Typography.Text>
            )}
            {g.contacts.map((c) => (
              <div
                key={`${c.accountId}-${c.n}`}
                style={{ fontSize: 12, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
              >
                <Tag color={GRADE_COLOR[c.grade]} style={{ fontSize: 11, lineHeight: '16px', padding: '0 3px', marginRight: 3 }}>
                  {c.grade}
                </Tag>
                {c.mode === 'call' && <PhoneOutlined style={{ marginRight: 3 }} />}
                <Typography.Link
                  style={{ fontSize: 12 }}
                  onClick={() => navigate('accounts', { id: c.accountId })}
                  title={`${c.name} (${c.n}/${c.of})`}
                >
                  {c.name}
                </Typography.Link>
              </div>
            ))}
          </div>
        ))}
        {d.hidden > 0 && (
          <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`plan-hidden-${d.date}`}>
            {t('plan.hidden', { count: d.hidden })}
          </Typography.Text>
        )}
      </div>
    );

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }} data-testid="visit-plan">
      <Space wrap>
        <Typography.Text type="secondary">{t('plan.month')}</Typography.Text>
        <DatePicker picker="month" value={month} onChange={(m) => m && setMonth(m)} allowClear={false} data-testid="plan-month" />
        <Typography.Text type="secondary">{t('plan.rep')}</Typography.Text>
        <Select
          style={{ width: 160 }}
          value={rep}
          placeholder={t('plan.pickRep')}
          onChange={setRep}
          options={lookups.reps.map((r) => ({ value: r.id, label: name(r) }))}
          data-testid="plan-rep"
        />
        {cadence && (
          <Popover trigger="click" title={t('plan.settings')} content={<CadenceSettings value={cadence} onSaved={setCadence} />}>
            <Button icon={<SettingOutlined />} data-testid="cadence">
              {t('plan.settings')}
            </Button>
          </Popover>
        )}
        <Button icon={<DownloadOutlined />} onClick={() => void exportPlan()} disabled={!plan} data-testid="export-plan">
          {t('plan.export')}
        </Button>
      </Space>
      <Typography.Text type="secondary">{t('plan.hint')}</Typography.Text>
      {!plan ? (
        <Spin style={{ margin: 40 }} />
      ) : (
        <>
          <Alert
            data-testid="plan-load"
            type={plan.overloaded ? 'error' : 'success'}
            showIcon
            title={
              <span>
                {t('plan.workingDays')} {plan.workingDays} · {t('plan.daysNeeded')} {plan.daysNeeded} · {t('plan.visits')} {plan.visits} ·{' '}
                {t('plan.calls')} {plan.calls} —{' '}
                {plan.daysNeeded > plan.workingDays
                  ? t('plan.overloaded', { need: plan.daysNeeded, have: plan.workingDays })
                  : t('plan.fits')}
                {plan.overloadedDays > 0 && ` · ${t('plan.overloadedDays', { count: plan.overloadedDays })}`}
              </span>
            }
            description={plan.ungradedPlannedByClass > 0 ? t('plan.ungraded', { count: plan.ungradedPlannedByClass }) : undefined}
          />
          <Table
            size="small"
            pagination={false}
            rowKey="grade"
            dataSource={plan.byGrade}
            style={{ maxWidth: 640 }}
            columns={[
              { title: t('plan.grade'), dataIndex: 'grade', render: (g: string) => <Tag color={GRADE_COLOR[g]}>{g}</Tag> },
              { title: t('plan.accounts'), dataIndex: 'accounts', align: 'right' },
              { title: t('plan.perAccount'), dataIndex: 'perAccount', align: 'right' },
              { title: t('plan.mode'), dataIndex: 'mode', render: (m: string) => t(`plan.${m}`) },
              { title: t('plan.contacts'), dataIndex: 'contacts', align: 'right' },
              { title: t('plan.days'), dataIndex: 'days', align: 'right' },
            ]}
          />
          <Card size="small" styles={{ body: { padding: 0 } }}>
            <table style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }} data-testid="plan-calendar">
              <thead>
                <tr>
                  {weekdays.map((w) => (
                    <th key={w} style={{ padding: 6, borderBottom: '1px solid #eee', textAlign: 'left' }}>
                      {w}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {weeks.map((week, i) => (
                  <tr key={i}>
                    {week.map((d, j) => (
                      <td key={j} style={{ verticalAlign: 'top', border: '1px solid #f0f0f0' }}>
                        {dayCell(d)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </Card>
        </>
      )}
    </Space>
  );
}
