import { Alert, Card, Col, Row, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../../../renderer/app/prefs';
import type { ParetoAnalysis } from '../contract';
import { CLASS_COLOR } from './ParetoChart';

type ClassRow = ParetoAnalysis['composition'][number];
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const signedPts = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;

/** Per class: accounts and value with their shares, beside the healthy 20/40/40 mix, and the reading. */
export function CompositionPanel({ analysis }: { analysis: ParetoAnalysis }) {
  const { t } = useTranslation('pareto');
  const { locale, money } = usePrefs();
  return (
    <Card size="small" title={t('composition.title')} data-testid="composition">
      <Row gutter={12}>
        <Col xs={24} xl={15}>
          <Table<ClassRow>
            size="small"
            pagination={false}
            rowKey="cls"
            dataSource={analysis.composition}
            columns={[
              { title: t('composition.cls'), dataIndex: 'cls', render: (c: ClassRow['cls']) => <Tag color={CLASS_COLOR[c]}>{c}</Tag> },
              {
                title: t('composition.accounts'),
                dataIndex: 'accounts',
                align: 'right',
                render: (n: number, r) => <span data-testid={`comp-accounts-${r.cls}`}>{n.toLocaleString()}</span>,
              },
              {
                title: t('composition.accountShare'),
                dataIndex: 'accountShare',
                align: 'right',
                render: (x: number, r) => <span data-testid={`comp-share-${r.cls}`}>{pct(x)}</span>,
              },
              { title: t('composition.value'), dataIndex: 'value', align: 'right', render: (v: number) => money(v) },
              { title: t('composition.valueShare'), dataIndex: 'valueShare', align: 'right', render: pct },
              { title: t('composition.healthy'), dataIndex: 'healthyShare', align: 'right', render: pct },
              {
                title: t('composition.difference'),
                dataIndex: 'difference',
                align: 'right',
                render: (x: number) => <Typography.Text type={Math.abs(x) > 0.1 ? 'danger' : undefined}>{signedPts(x)}</Typography.Text>,
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={9}>
          <Alert
            type="info"
            showIcon
            title={t('composition.reading')}
            description={<span data-testid="reading">{analysis.reading[locale]}</span>}
          />
        </Col>
      </Row>
    </Card>
  );
}
