import { useState } from 'react';
import { Button, Card, Input, InputNumber, Popconfirm, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../../../renderer/app/prefs';
import type { TrainingIssue, TrainingPairingRow } from '../contract';
import { levelsForTerm, TOP_LEVEL } from '../domain';
import { sessionLabels, SIDE_COLOR } from './labels';
import type { TrainingSessionApi } from './useTrainingSession';

/** Rounds → tables (pairings) → the outcome of every issue, as an agreed term or as levels. */
export function RoundsTab({ api }: { api: TrainingSessionApi }) {
  const { t } = useTranslation('training');
  const d = api.detail!;
  const roundNos = [...new Set([...d.rounds.map((r) => r.roundNo), ...d.pairings.map((p) => p.roundNo)])].sort((a, b) => a - b);
  if (roundNos.length === 0) roundNos.push(1);
  const nextRound = Math.max(...roundNos) + 1;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {roundNos.map((n) => (
        <RoundCard key={n} api={api} roundNo={n} />
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() => void api.change('training:saveRound', { sessionId: d.session.id, roundNo: nextRound, timeLimitMinutes: null })}
        data-testid="round-add"
      >
        {t('editor.addRound')}
      </Button>
    </Space>
  );
}

function RoundCard({ api, roundNo }: { api: TrainingSessionApi; roundNo: number }) {
  const { t } = useTranslation('training');
  const d = api.detail!;
  const round = d.rounds.find((r) => r.roundNo === roundNo);
  const pairings = d.pairings.filter((p) => p.roundNo === roundNo);
  return (
    <Card
      size="small"
      title={t('editor.round', { n: roundNo })}
      extra={
        <Space>
          <Typography.Text type="secondary">{t('editor.roundTime')}</Typography.Text>
          <InputNumber
            key={`${round?.id}-${round?.timeLimitMinutes}`}
            size="small"
            min={1}
            max={240}
            placeholder={String(d.session.timeLimitMinutes)}
            defaultValue={round?.timeLimitMinutes ?? undefined}
            onBlur={(e) => {
              const v = e.target.value.trim() === '' ? null : Number(e.target.value);
              if (v === (round?.timeLimitMinutes ?? null) || (v !== null && !(Number.isInteger(v) && v >= 1 && v <= 240))) return;
              void api.change('training:saveRound', { sessionId: d.session.id, roundNo, timeLimitMinutes: v });
            }}
          />
        </Space>
      }
      data-testid={`round-${roundNo}`}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {pairings.map((p) => (
          <PairingCard key={p.id} api={api} pairing={p} />
        ))}
        <NewPairing api={api} roundNo={roundNo} taken={pairings} />
      </Space>
    </Card>
  );
}

function teamOptions(api: TrainingSessionApi, side: 'vendor' | 'customer') {
  return api.detail!.teams.filter((t) => t.side === side).map((t) => ({ value: t.id, label: t.name }));
}

function NewPairing({ api, roundNo, taken }: { api: TrainingSessionApi; roundNo: number; taken: TrainingPairingRow[] }) {
  const { t } = useTranslation('training');
  const d = api.detail!;
  const nextLabel = String.fromCharCode(65 + (taken.length % 26));
  const [label, setLabel] = useState<string | null>(null);
  const [vendor, setVendor] = useState<string | undefined>();
  const [customer, setCustomer] = useState<string | undefined>();
  const add = async () => {
    if (!vendor || !customer) return;
    if (
      await api.change('training:savePairing', {
        sessionId: d.session.id,
        roundNo,
        label: (label ?? nextLabel).trim() || nextLabel,
        vendorTeamId: vendor,
        customerTeamId: customer,
        signed: false,
      })
    ) {
      setLabel(null);
      setVendor(undefined);
    }
  };
  return (
    <Space wrap>
      <Input
        style={{ width: 70 }}
        value={label ?? nextLabel}
        onChange={(e) => setLabel(e.target.value)}
        aria-label={t('editor.pairing')}
        data-testid={`pairing-label-${roundNo}`}
      />
      <Select
        style={{ width: 180 }}
        placeholder={t('editor.vendorTeam')}
        value={vendor}
        onChange={setVendor}
        options={teamOptions(api, 'vendor').filter((o) => !taken.some((p) => p.vendorTeamId === o.value))}
        data-testid={`pairing-vendor-${roundNo}`}
      />
      <Typography.Text type="secondary">vs</Typography.Text>
      <Select
        style={{ width: 180 }}
        placeholder={t('editor.customerTeam')}
        value={customer}
        onChange={setCustomer}
        options={teamOptions(api, 'customer')}
        data-testid={`pairing-customer-${roundNo}`}
      />
      <Button icon={<PlusOutlined />} disabled={!vendor || !customer} onClick={() => void add()} data-testid={`pairing-add-${roundNo}`}>
        {t('editor.addPairing')}
      </Button>
    </Space>
  );
}

function PairingCard({ api, pairing: p }: { api: TrainingSessionApi; pairing: TrainingPairingRow }) {
  const { t } = useTranslation('training');
  const { locale } = usePrefs();
  const d = api.detail!;
  const labels = sessionLabels(d, locale);
  const result = api.results?.pairings.find((x) => x.pairingId === p.id);
  const save = (patch: Partial<TrainingPairingRow>) =>
    void api.change('training:savePairing', {
      sessionId: d.session.id,
      id: p.id,
      roundNo: p.roundNo,
      label: p.label,
      vendorTeamId: p.vendorTeamId,
      customerTeamId: p.customerTeamId,
      signed: p.signed,
      ...patch,
    });
  const missing =
    result?.missing.map((m) =>
      m.startsWith('outcome:') ? t('editor.missingOutcome', { issue: labels.issue(m.slice(8)) }) : t('editor.missingPriorities'),
    ) ?? [];
  return (
    <Card
      size="small"
      type="inner"
      title={
        <Space wrap>
          <Tag>{p.label}</Tag>
          <Select
            size="small"
            style={{ width: 150 }}
            value={p.vendorTeamId}
            onChange={(v) => save({ vendorTeamId: v })}
            options={teamOptions(api, 'vendor')}
          />
          <Typography.Text type="secondary">vs</Typography.Text>
          <Select
            size="small"
            style={{ width: 150 }}
            value={p.customerTeamId}
            onChange={(v) => save({ customerTeamId: v })}
            options={teamOptions(api, 'customer')}
          />
          <Switch
            checked={p.signed}
            onChange={(signed) => save({ signed })}
            checkedChildren={t('editor.signed')}
            unCheckedChildren={t('editor.notSigned')}
            data-testid={`signed-${p.roundNo}-${p.label}`}
          />
          {result && (
            <Typography.Text data-testid={`pairing-score-${p.roundNo}-${p.label}`}>
              <span style={{ color: SIDE_COLOR.vendor }}>{result.vendor.total}</span> :{' '}
              <span style={{ color: SIDE_COLOR.customer }}>{result.customer.total}</span> · {t('room.joint')} {result.joint} ·{' '}
              {t(`room.status.${result.status}`)}
            </Typography.Text>
          )}
          {p.signed && missing.length > 0 && (
            <Typography.Text type="warning">{t('editor.missing', { what: missing.join('、') })}</Typography.Text>
          )}
        </Space>
      }
      extra={
        <Popconfirm
          title={`${t('editor.deletePairing')} ${p.label}?`}
          onConfirm={() => void api.change('training:deletePairing', { id: p.id })}
        >
          <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('editor.deletePairing')} />
        </Popconfirm>
      }
      data-testid={`pairing-${p.roundNo}-${p.label}`}
    >
      <Table<TrainingIssue>
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={d.issues}
        columns={[
          { title: t('editor.issue'), width: 110, render: (_: unknown, i) => labels.issue(i.id) },
          {
            title: t('editor.term'),
            width: 260,
            render: (_: unknown, i) => (
              <TermSelect api={api} pairingId={p.id} issue={i} testId={`term-${p.roundNo}-${p.label}-${i.issueKey ?? i.name}`} />
            ),
          },
          {
            title: t('editor.vendorLevel'),
            width: 190,
            render: (_: unknown, i) => (
              <LevelRadio
                api={api}
                pairingId={p.id}
                issueId={i.id}
                side="vendor"
                testId={`vlevel-${p.roundNo}-${p.label}-${i.issueKey ?? i.name}`}
              />
            ),
          },
          {
            title: t('editor.customerLevel'),
            width: 190,
            render: (_: unknown, i) => (
              <LevelRadio
                api={api}
                pairingId={p.id}
                issueId={i.id}
                side="customer"
                testId={`clevel-${p.roundNo}-${p.label}-${i.issueKey ?? i.name}`}
              />
            ),
          },
          {
            title: t('editor.vendorScore'),
            align: 'right',
            render: (_: unknown, i) => result?.vendor.lines.find((l) => l.issueId === i.id)?.score ?? '',
          },
          {
            title: t('editor.customerScore'),
            align: 'right',
            render: (_: unknown, i) => result?.customer.lines.find((l) => l.issueId === i.id)?.score ?? '',
          },
        ]}
      />
    </Card>
  );
}

function TermSelect({
  api,
  pairingId,
  issue,
  testId,
}: {
  api: TrainingSessionApi;
  pairingId: string;
  issue: TrainingIssue;
  testId: string;
}) {
  const { t } = useTranslation('training');
  const outcome = api.detail!.outcomes.find((o) => o.pairingId === pairingId && o.issueId === issue.id);
  const terms = [...new Set([...issue.vendorTerms, ...issue.customerTerms].filter((x): x is string => !!x))];
  const options = terms
    .map((term) => ({ term, levels: levelsForTerm(issue, term) }))
    .sort((a, b) => (b.levels?.vendorLevel ?? 0) - (a.levels?.vendorLevel ?? 0))
    .map(({ term, levels }) => ({ value: term, label: `${term}  (${levels?.vendorLevel ?? '?'} / ${levels?.customerLevel ?? '?'})` }));
  if (options.length === 0) return <Typography.Text type="secondary">–</Typography.Text>;
  return (
    <Select
      size="small"
      allowClear
      style={{ width: 250 }}
      placeholder={t('editor.chooseTerm')}
      value={outcome?.term ?? undefined}
      onChange={(term?: string) =>
        void api.change('training:setOutcome', { pairingId, issueId: issue.id, term: term ?? null, vendorLevel: null, customerLevel: null })
      }
      options={options}
      data-testid={testId}
    />
  );
}

/** Picking one side's level fills the other side's mirror level when it is still empty. */
function LevelRadio({
  api,
  pairingId,
  issueId,
  side,
  testId,
}: {
  api: TrainingSessionApi;
  pairingId: string;
  issueId: string;
  side: 'vendor' | 'customer';
  testId: string;
}) {
  const outcome = api.detail!.outcomes.find((o) => o.pairingId === pairingId && o.issueId === issueId);
  const value = outcome ? (side === 'vendor' ? outcome.vendorLevel : outcome.customerLevel) : undefined;
  const set = (level: number) => {
    const mirror = TOP_LEVEL + 1 - level;
    const vendorLevel = side === 'vendor' ? level : (outcome?.vendorLevel ?? mirror);
    const customerLevel = side === 'customer' ? level : (outcome?.customerLevel ?? mirror);
    void api.change('training:setOutcome', { pairingId, issueId, vendorLevel, customerLevel });
  };
  return (
    <Radio.Group
      size="small"
      optionType="button"
      value={value}
      onChange={(e) => set(e.target.value as number)}
      options={[1, 2, 3, 4, 5].map((l) => ({ value: l, label: String(l) }))}
      data-testid={testId}
    />
  );
}
