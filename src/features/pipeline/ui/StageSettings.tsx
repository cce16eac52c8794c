import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Input, InputNumber, Modal, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { TeamSettingsLockNote, useTeamSettingsLocked } from '../../../renderer/components/teamSettingsLock';
import type { StageModel } from '../contract';

// Stage models (docs/en/pipeline.md): rename, reorder, set probability, milestone and exit
// criterion; add and remove stages (a removed stage names where its history goes); switch
// the active model with an explicit mapping of every current stage.

interface Row {
  key: string;
  id?: string;
  nameZh: string;
  nameEn: string;
  probabilityPct: number;
  milestone: string;
  exitCriterion: string;
}

const rowsOf = (m: StageModel): Row[] =>
  m.stages.map((s) => ({
    key: s.id,
    id: s.id,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    probabilityPct: s.probabilityBp / 100,
    milestone: s.milestone ?? '',
    exitCriterion: s.exitCriterion ?? '',
  }));

export default function StageSettings({ onChanged }: { onChanged(): void }) {
  const { t } = useTranslation(['pipeline', 'common']);
  const { locale } = usePrefs();
  const { message } = App.useApp();
  const [models, setModels] = useState<StageModel[] | null>(null);
  const [modelId, setModelId] = useState<string | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [removed, setRemoved] = useState<{ id: string; mapTo: string }[]>([]);
  const [stallDays, setStallDays] = useState<number | null>(null);
  const teamLocked = useTeamSettingsLocked();
  const [mapping, setMapping] = useState<Record<string, string> | null>(null);

  const load = useCallback(async (select?: string) => {
    const ms = await call('pipeline:stageModels', {});
    setModels(ms);
    const m = ms.find((x) => x.id === select) ?? ms.find((x) => x.active)!;
    setModelId(m.id);
    setRows(rowsOf(m));
    setRemoved([]);
  }, []);
  useEffect(() => {
    void load();
    void call('pipeline:settings', {}).then((s) => setStallDays(s.stallDays));
  }, [load]);

  if (!models || !modelId) return <Spin style={{ margin: 40 }} />;
  const model = models.find((m) => m.id === modelId)!;
  const active = models.find((m) => m.active)!;
  const pick = (x: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? x.nameZh : x.nameEn);
  const set = (i: number, p: Partial<Row>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...p } : r)));
  const move = (i: number, d: -1 | 1) =>
    setRows((rs) => {
      const c = [...rs];
      [c[i], c[i + d]] = [c[i + d]!, c[i]!];
      return c;
    });

  const save = async () => {
    try {
      await call('pipeline:saveStages', {
        modelId,
        stages: rows.map((r) => ({
          ...(r.id ? { id: r.id } : {}),
          nameZh: r.nameZh,
          nameEn: r.nameEn,
          probabilityBp: Math.round(r.probabilityPct * 100),
          milestone: r.milestone || null,
          exitCriterion: r.exitCriterion || null,
        })),
        removed,
      });
      message.success(t('settings.saved'));
      await load(modelId);
      onChanged();
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  const startSwitch = () => {
    // Default: the stage at the same relative position in the new model.
    const n = model.stages.length;
    setMapping(
      Object.fromEntries(
        active.stages.map((s, i) => [
          s.id,
          model.stages[Math.min(n - 1, Math.round((i * (n - 1)) / Math.max(1, active.stages.length - 1)))]!.id,
        ]),
      ),
    );
  };

  return (
    <div data-testid="stage-settings">
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text>{t('settings.model')}</Typography.Text>
        <Select
          style={{ width: 260 }}
          value={modelId}
          onChange={(id) => void load(id)}
          options={models.map((m) => ({ value: m.id, label: `${pick(m)}${m.active ? ` · ${t('settings.active')}` : ''}` }))}
          data-testid="stage-model"
        />
        {!model.active && (
          <Button onClick={startSwitch} disabled={teamLocked} data-testid="use-model">
            {t('settings.use')}
          </Button>
        )}
        <Typography.Text style={{ marginLeft: 24 }}>{t('settings.stallDays')}</Typography.Text>
        <InputNumber min={1} max={3650} value={stallDays} onChange={setStallDays} disabled={teamLocked} style={{ width: 80 }} />
        <Button
          disabled={teamLocked}
          onClick={() =>
            stallDays &&
            void call('pipeline:settings', { stallDays }).then(() => {
              message.success(t('settings.saved'));
              onChanged();
            })
          }
        >
          {t('common:save')}
        </Button>
        {teamLocked && <TeamSettingsLockNote />}
      </Space>
      <Card size="small">
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          dataSource={rows}
          columns={[
            { title: '#', width: 40, render: (_v, _r, i) => i },
            {
              title: '',
              width: 70,
              render: (_v, _r, i) => (
                <Space.Compact>
                  <Button
                    size="small"
                    icon={<ArrowUpOutlined />}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                    aria-label={t('settings.up')}
                  />
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    disabled={i === rows.length - 1}
                    onClick={() => move(i, 1)}
                    aria-label={t('settings.down')}
                  />
                </Space.Compact>
              ),
            },
            {
              title: t('settings.nameZh'),
              render: (_v, r, i) => <Input size="small" value={r.nameZh} onChange={(e) => set(i, { nameZh: e.target.value })} />,
            },
            {
              title: t('settings.nameEn'),
              render: (_v, r, i) => <Input size="small" value={r.nameEn} onChange={(e) => set(i, { nameEn: e.target.value })} />,
            },
            {
              title: t('settings.probability'),
              width: 100,
              render: (_v, r, i) => (
                <InputNumber
                  size="small"
                  min={0}
                  max={100}
                  value={r.probabilityPct}
                  onChange={(v) => set(i, { probabilityPct: v ?? 0 })}
                  data-testid={`stage-prob-${i}`}
                />
              ),
            },
            {
              title: t('settings.milestone'),
              render: (_v, r, i) => <Input size="small" value={r.milestone} onChange={(e) => set(i, { milestone: e.target.value })} />,
            },
            {
              title: t('settings.exit'),
              render: (_v, r, i) => (
                <Input size="small" value={r.exitCriterion} onChange={(e) => set(i, { exitCriterion: e.target.value })} />
              ),
            },
            {
              title: '',
              width: 120,
              render: (_v, r, i) =>
                r.id && model.inUse[r.id] ? (
                  <Tag>{t('settings.inUse', { count: model.inUse[r.id] })}</Tag>
                ) : (
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    disabled={rows.length <= 1}
                    onClick={() => {
                      const target = rows[i === 0 ? 1 : i - 1];
                      if (r.id && target?.id) setRemoved((x) => [...x, { id: r.id!, mapTo: target.id! }]);
                      setRows((rs) => rs.filter((_, j) => j !== i));
                    }}
                  >
                    {t('settings.remove')}
                  </Button>
                ),
            },
          ]}
        />
        <Space style={{ marginTop: 8 }}>
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              setRows((rs) => [
                ...rs,
                { key: `new-${rs.length}-${Date.now()}`, nameZh: '', nameEn: '', probabilityPct: 50, milestone: '', exitCriterion: '' },
              ])
            }
          >
            {t('settings.addStage')}
          </Button>
          <Button type="primary" onClick={() => void save()} disabled={teamLocked} data-testid="save-stages">
            {t('settings.save')}
          </Button>
        </Space>
      </Card>
      <Modal
        open={!!mapping}
        width={640}
        title={t('settings.switchTitle', { name: pick(model) })}
        onCancel={() => setMapping(null)}
        onOk={async () => {
          try {
            const r = await call('pipeline:switchModel', { modelId, mapping: mapping! });
            message.success(t('settings.switched', { count: r.moved }));
            setMapping(null);
            await load(modelId);
            onChanged();
          } catch (err) {
            message.error((err as Error).message);
          }
        }}
      >
        <Typography.Paragraph type="secondary">{t('settings.switchHint')}</Typography.Paragraph>
        {active.stages.map((s) => (
          <Space key={s.id} style={{ display: 'flex', marginBottom: 6 }}>
            <span style={{ display: 'inline-block', width: 200 }}>
              {s.position} {pick(s)} {active.inUse[s.id] ? <Tag>{t('settings.inUse', { count: active.inUse[s.id] })}</Tag> : null}
            </span>
            →
            <Select
              style={{ width: 260 }}
              value={mapping?.[s.id]}
              onChange={(v) => setMapping((m) => ({ ...m, [s.id]: v }))}
              options={model.stages.map((x) => ({ value: x.id, label: `${x.position} ${pick(x)}` }))}
            />
          </Space>
        ))}
      </Modal>
    </div>
  );
}
