import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Space, Table, Typography, type ButtonProps } from 'antd';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { yuanToFen } from '../../../shared/money';
import type { InvoiceRow } from '../contract';
import { IsoDatePicker, useLabels } from './shared';
import { AccountPicker } from '../../../renderer/components/AccountPicker';

/**
 * Records a payment and settles invoices with it: partial amounts are fine, and whatever is
 * not allocated stays visible as the customer's credit. With `paymentId` it applies an
 * existing payment's credit instead.
 */
export function PaymentDialog({
  open,
  accountId: presetAccount,
  invoiceId,
  credit,
  paymentId,
  onClose,
  onDone,
}: {
  open: boolean;
  accountId?: string;
  invoiceId?: string;
  /** Applying credit: the credit left on the payment, in fen. */
  credit?: number;
  paymentId?: string;
  onClose(): void;
  onDone(): void;
}) {
  const { t } = useLabels();
  const { money, today: bookToday } = usePrefs();
  const { message } = App.useApp();
  const [accountId, setAccountId] = useState<string | undefined>(presetAccount);
  const [paidOn, setPaidOn] = useState(bookToday());
  const [amount, setAmount] = useState<number | null>(null);
  const [reference, setReference] = useState('');
  const [open_, setOpenInvoices] = useState<InvoiceRow[]>([]);
  const [alloc, setAlloc] = useState<Record<string, number | null>>({});

  useEffect(() => {
    if (!open) return;
    setAccountId(presetAccount);
    setAmount(null);
    setAlloc({});
    setReference('');
    setPaidOn(bookToday());
  }, [open, presetAccount, bookToday]);
  useEffect(() => {
    if (!open || !accountId) return setOpenInvoices([]);
    void call('receivables:invoices', { accountId }).then((rows) => {
      const outstanding = rows.filter((r) => r.outstanding > 0).sort((a, b) => a.dueDate.localeCompare(b.dueDate));
      setOpenInvoices(outstanding);
      const preset = outstanding.find((r) => r.id === invoiceId);
      if (preset && !credit) {
        setAmount(preset.outstanding / 100);
        setAlloc({ [preset.id]: preset.outstanding / 100 });
      }
    });
  }, [open, accountId, invoiceId, credit]);

  const available = credit ?? yuanToFen(amount ?? 0) ?? 0;
  const allocatedFen = useMemo(() => Object.values(alloc).reduce<number>((s, v) => s + (yuanToFen(v ?? 0) ?? 0), 0), [alloc]);
  const remainder = available - allocatedFen;

  const autoAllocate = () => {
    let left = available;
    const next: Record<string, number | null> = {};
    for (const inv of open_) {
      if (left <= 0) break;
      const take = Math.min(left, inv.outstanding);
      next[inv.id] = take / 100;
      left -= take;
    }
    setAlloc(next);
  };

  const submit = async () => {
    const allocations = Object.entries(alloc)
      .map(([id, v]) => ({ invoiceId: id, amount: yuanToFen(v ?? 0) ?? 0 }))
      .filter((a) => a.amount > 0);
    try {
      if (paymentId) await call('receivables:allocate', { paymentId, allocations });
      else {
        const fen = yuanToFen(amount ?? 0);
        if (!accountId || !fen) return void message.error(t('payment.amount'));
        await call('receivables:recordPayment', { accountId, paidOn, amount: fen, reference: reference || null, allocations });
      }
      message.success(t('work.saved'));
      onDone();
      onClose();
    } catch (err) {
      message.error((err as Error).message);
    }
  };

  return (
    <Modal
      open={open}
      width={820}
      title={paymentId ? t('payment.applyCredit') : t('payment.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okButtonProps={{ disabled: remainder < 0, 'data-testid': 'payment-save' } as ButtonProps}
      destroyOnHidden
    >
      <Form layout="inline" style={{ marginBottom: 12, rowGap: 8 }}>
        <Form.Item label={t('customer')}>
          <AccountPicker
            style={{ width: 260 }}
            value={accountId}
            disabled={!!paymentId || !!presetAccount}
            onChange={(v) => {
              setAccountId(v);
              setAlloc({});
            }}
            testId="payment-customer"
          />
        </Form.Item>
        {!paymentId && (
          <>
            <Form.Item label={t('payment.date')}>
              <IsoDatePicker value={paidOn} onChange={(v) => v && setPaidOn(v)} testId="payment-date" />
            </Form.Item>
            <Form.Item label={t('payment.amount')}>
              <InputNumber
                min={0.01}
                precision={2}
                style={{ width: 160 }}
                value={amount}
                onChange={(v) => setAmount(v)}
                data-testid="payment-amount"
              />
            </Form.Item>
            <Form.Item label={t('payment.reference')}>
              <Input style={{ width: 160 }} value={reference} onChange={(e) => setReference(e.target.value)} />
            </Form.Item>
          </>
        )}
      </Form>
      <Space style={{ marginBottom: 6 }}>
        <Typography.Text strong>{t('payment.allocate')}</Typography.Text>
        <Button size="small" onClick={autoAllocate} data-testid="payment-auto">
          {t('payment.autoAllocate')}
        </Button>
      </Space>
      <Table<InvoiceRow>
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ y: 260 }}
        dataSource={open_}
        columns={[
          { dataIndex: 'invoiceNo', title: t('invoiceNo') },
          { dataIndex: 'dueDate', title: t('dueDate') },
          { dataIndex: 'outstanding', title: t('outstanding'), align: 'right', render: (v: number) => money(v) },
          {
            key: 'alloc',
            title: t('payment.allocated'),
            render: (_: unknown, r) => (
              <InputNumber
                min={0}
                max={r.outstanding / 100}
                precision={2}
                size="small"
                style={{ width: 140 }}
                value={alloc[r.id] ?? null}
                onChange={(v) => setAlloc((a) => ({ ...a, [r.id]: v }))}
                data-testid={`alloc-${r.invoiceNo}`}
              />
            ),
          },
        ]}
      />
      <div style={{ marginTop: 10 }} data-testid="payment-remainder">
        {remainder < 0 ? (
          <Alert type="error" showIcon message={t('payment.over')} />
        ) : (
          <Typography.Text type={remainder > 0 ? 'warning' : 'secondary'}>
            {t('payment.remainder', { amount: money(remainder) })}
          </Typography.Text>
        )}
      </div>
    </Modal>
  );
}
