import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Input, Select, Space, Table } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AgreementInput, AgreementTerm, Worksheet } from '../contract';
import { planVsActual } from '../actuals';
import type { Lang } from '../units';
import { QuantityInput } from './QuantityInput';
import { tmpId } from './draft';

type Term = AgreementTerm;

/** The agreement recorded term by term (达成协议), each term confirmed, then the whole. */
export function AgreementTab({
  worksheet,
  lang,
  onSave,
}: {
  worksheet: Worksheet;
  lang: Lang;
  onSave(terms: AgreementInput['terms'], confirmAll?: boolean): Promise<void>;
}) {
  const { t } = useTranslation('negotiation');
  const [terms, setTerms] = useState<Term[]>(worksheet.agreement);
  useEffect(() => setTerms(worksheet.agreement), [worksheet.agreement]);
  const set = (i: number, patch: Partial<Term>) => setTerms((ts) => ts.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const issues = worksheet.issues;
  const unitOf = (id: string | null) => issues.find((i) => i.id === id)?.unit ?? '';
  const input = () => terms.map(({ id, issueId, term, agreedValue, confirmed }) => ({ id, issueId, term, agreedValue, confirmed }));

  const fromPlan = () => {
    // One term per issue not yet in the agreement, at where the round log leaves us.
    const actual = new Map(planVsActual(worksheet).map((a) => [a.issueId, a.position]));
    const missing = issues.filter((i) => !terms.some((x) => x.issueId === i.id));
    setTerms([
      ...terms,
      ...missing.map((i) => ({ id: tmpId(), issueId: i.id, term: i.name, agreedValue: actual.get(i.id) ?? null, confirmed: false })),
    ]);
  };

  return (
    <Card
      size="small"
      title={t('agreement.title')}
      extra={
        <Space>
          <Button size="small" onClick={fromPlan} data-testid="terms-from-plan">
            {t('agreement.fromPlan')}
          </Button>
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setTerms([...terms, { id: tmpId(), issueId: null, term: '', agreedValue: null, confirmed: false }])}
          >
            {t('agreement.add')}
          </Button>
        </Space>
      }
    >
      {worksheet.agreementConfirmedAt && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 8 }}
          title={t('agreement.confirmedAt', { at: worksheet.agreementConfirmedAt.slice(0, 10) })}
          data-testid="agreement-confirmed"
        />
      )}
      <Table<Term>
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={terms}
        locale={{ emptyText: t('agreement.none') }}
        data-testid="terms-table"
        columns={[
          {
            title: t('agreement.issue'),
            width: 180,
            render: (_, x, i) => (
              <Select
                allowClear
                style={{ width: '100%' }}
                placeholder={t('agreement.free')}
                value={x.issueId ?? undefined}
                options={issues.map((s) => ({ value: s.id, label: s.name }))}
                onChange={(id?: string) => set(i, { issueId: id ?? null })}
              />
            ),
          },
          {
            title: t('agreement.term'),
            render: (_, x, i) => <Input value={x.term} maxLength={2000} onChange={(e) => set(i, { term: e.target.value })} />,
          },
          {
            title: t('agreement.value'),
            width: 200,
            render: (_, x, i) => (
              <QuantityInput
                value={x.agreedValue}
                onChange={(v) => set(i, { agreedValue: v })}
                unit={unitOf(x.issueId)}
                lang={lang}
                disabled={!x.issueId}
                testId={`term-${i}-value`}
              />
            ),
          },
          {
            title: t('agreement.confirmed'),
            width: 90,
            align: 'center',
            render: (_, x, i) => <Checkbox checked={x.confirmed} onChange={(e) => set(i, { confirmed: e.target.checked })} />,
          },
          {
            width: 40,
            render: (_, _x, i) => (
              <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={() => setTerms(terms.filter((_, k) => k !== i))} />
            ),
          },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button onClick={() => void onSave(input())} data-testid="save-agreement">
          {t('agreement.save')}
        </Button>
        {worksheet.agreementConfirmedAt ? (
          <Button onClick={() => void onSave(input(), false)}>{t('agreement.unconfirm')}</Button>
        ) : (
          <Button type="primary" disabled={terms.length === 0} onClick={() => void onSave(input(), true)} data-testid="confirm-agreement">
            {t('agreement.confirmAll')}
          </Button>
        )}
      </Space>
    </Card>
  );
}
