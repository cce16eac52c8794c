import { Button, Checkbox, Input, Radio, Rate, Select, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../../../renderer/app/prefs';
import { CHECKLIST_KEYS, IMPACT_KEYS, INFO_KEYS } from '../keys';
import type { OpportunityDetail, Pain, Point } from '../contract';
import { percent, type Names } from './usePipelineLookups';

// The editor's sections beyond the basics: qualification (判断销售机会 + MAN), key
// information (关键信息), competitive points (优胜点/威胁点/沉睡点), pain points (痛点) and the
// recorded history of tracked changes.

type Checklist = OpportunityDetail['checklist'];
type Info = OpportunityDetail['info'];

export function QualificationSection({
  checklist,
  info,
  onChecklist,
  onInfo,
}: {
  checklist: Checklist;
  info: Info;
  onChecklist(c: Checklist): void;
  onInfo(i: Info): void;
}) {
  const { t } = useTranslation('pipeline');
  const value = (v: boolean | null) => (v === null ? 'unknown' : v ? 'yes' : 'no');
  return (
    <div>
      <table style={{ width: '100%', marginBottom: 12 }} data-testid="checklist">
        <tbody>
          {CHECKLIST_KEYS.map((k) => (
            <tr key={k}>
              <td style={{ padding: '4px 0', width: '55%' }}>{t(`checklist.${k}`)}</td>
              <td>
                <Radio.Group
                  size="small"
                  optionType="button"
                  value={value(checklist[k])}
                  onChange={(e) => onChecklist({ ...checklist, [k]: e.target.value === 'unknown' ? null : e.target.value === 'yes' })}
                  options={[
                    { value: 'yes', label: t('editor.yes') },
                    { value: 'no', label: t('editor.no') },
                    { value: 'unknown', label: t('editor.unknown') },
                  ]}
                  data-testid={`check-${k}`}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Typography.Title level={5}>{t('editor.info')}</Typography.Title>
      {INFO_KEYS.map((k) => (
        <div key={k} style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t(`infoKeys.${k}`)}</Typography.Text>
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 4 }}
            value={info[k] ?? ''}
            onChange={(e) => onInfo({ ...info, [k]: e.target.value || null })}
            data-testid={`info-${k}`}
          />
        </div>
      ))}
    </div>
  );
}

export function PointsSection({ points, onChange }: { points: Point[]; onChange(p: Point[]): void }) {
  const { t } = useTranslation('pipeline');
  const set = (i: number, p: Partial<Point>) => onChange(points.map((x, j) => (j === i ? { ...x, ...p } : x)));
  return (
    <div data-testid="points">
      {(['winning', 'threat', 'dormant'] as const).map((kind) => (
        <Typography.Paragraph key={kind} type="secondary" style={{ marginBottom: 2, fontSize: 12 }}>
          <Tag color={kind === 'winning' ? 'green' : kind === 'threat' ? 'red' : 'gold'}>{t(`pointKind.${kind}`)}</Tag>
          {t(`pointHint.${kind}`)}
        </Typography.Paragraph>
      ))}
      {points.map((p, i) => (
        <Space.Compact key={p.id ?? `new-${i}`} style={{ width: '100%', marginTop: 6 }}>
          <Select
            style={{ width: 110 }}
            value={p.kind}
            onChange={(kind) => set(i, { kind })}
            options={(['winning', 'threat', 'dormant'] as const).map((k) => ({ value: k, label: t(`pointKind.${k}`) }))}
          />
          <Input value={p.text} onChange={(e) => set(i, { text: e.target.value })} />
          <Button icon={<DeleteOutlined />} onClick={() => onChange(points.filter((_, j) => j !== i))} />
        </Space.Compact>
      ))}
      <Button
        style={{ marginTop: 8 }}
        icon={<PlusOutlined />}
        onClick={() => onChange([...points, { kind: 'winning', text: '' }])}
        data-testid="add-point"
      >
        {t('editor.addPoint')}
      </Button>
    </div>
  );
}

export function PainsSection({ pains, onChange }: { pains: Pain[]; onChange(p: Pain[]): void }) {
  const { t } = useTranslation('pipeline');
  const set = (i: number, p: Partial<Pain>) => onChange(pains.map((x, j) => (j === i ? { ...x, ...p } : x)));
  return (
    <div data-testid="pains">
      {pains.map((p, i) => (
        <div key={p.id ?? `new-${i}`} style={{ border: '1px solid #eee', borderRadius: 6, padding: 8, marginBottom: 8 }}>
          <Space.Compact style={{ width: '100%' }}>
            <Input value={p.text} onChange={(e) => set(i, { text: e.target.value })} />
            <Button icon={<DeleteOutlined />} onClick={() => onChange(pains.filter((_, j) => j !== i))} />
          </Space.Compact>
          <Space style={{ marginTop: 6 }} wrap>
            <Typography.Text type="secondary">{t('editor.impacts')}</Typography.Text>
            <Checkbox.Group
              value={IMPACT_KEYS.filter((k) => p.impacts[k])}
              onChange={(v) => set(i, { impacts: Object.fromEntries(IMPACT_KEYS.map((k) => [k, v.includes(k)])) as Pain['impacts'] })}
              options={IMPACT_KEYS.map((k) => ({ value: k, label: t(`impact.${k}`) }))}
            />
            <Typography.Text type="secondary">{t('editor.severity')}</Typography.Text>
            <Rate
              count={5}
              value={p.severity}
              onChange={(severity) => set(i, { severity: Math.max(1, severity) })}
              style={{ fontSize: 14 }}
            />
          </Space>
        </div>
      ))}
      <Button
        icon={<PlusOutlined />}
        onClick={() =>
          onChange([...pains, { text: '', severity: 3, impacts: { personal: false, interpersonal: false, present: true, future: false } }])
        }
        data-testid="add-pain"
      >
        {t('editor.addPain')}
      </Button>
    </div>
  );
}

export function HistorySection({ events, names }: { events: OpportunityDetail['events']; names: Names }) {
  const { t } = useTranslation('pipeline');
  const { money } = usePrefs();
  return (
    <Table
      size="small"
      rowKey={(_, i) => String(i)}
      dataSource={[...events].reverse()}
      pagination={false}
      data-testid="history"
      columns={[
        { title: t('editor.history'), dataIndex: 'date', width: 100 },
        { title: '', dataIndex: 'kind', width: 80, render: (k: string) => t(`eventKind.${k}`) },
        { title: t('field.stage'), dataIndex: 'stageId', render: (id: string) => names.stage(id) },
        { title: t('field.status'), dataIndex: 'status', width: 70, render: (s: string) => t(`status.${s}`) },
        { title: t('field.amount'), dataIndex: 'amount', align: 'right', render: (v: number) => money(v) },
        { title: t('field.expectedClose'), dataIndex: 'expectedClose', width: 100 },
        {
          title: t('field.probability'),
          dataIndex: 'probabilityBp',
          width: 70,
          render: (v: number | null) => (v === null ? '' : percent(v)),
        },
        { title: t('field.owner'), dataIndex: 'ownerId', width: 80, render: (id: string) => names.rep(id) },
      ]}
    />
  );
}
