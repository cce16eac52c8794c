import { useEffect, useState } from 'react';
import { Button, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { navigate } from '../../../renderer/app/useHashRoute';
import { formatMoney } from '../../../shared/money';
import type { Notice } from '../contract';
import { useLabels } from './shared';

const css = `
@media print {
  @page { size: A4 portrait; margin: 15mm; }
  body.sw-print-notice .sw-sider, body.sw-print-notice .sw-header, body.sw-print-notice .sw-no-print { display: none !important; }
  body.sw-print-notice .sw-frame, body.sw-print-notice .sw-main, body.sw-print-notice .sw-content { height: auto !important; overflow: visible !important; padding: 0 !important; background: #fff !important; }
  body.sw-print-notice .sw-notice { box-shadow: none !important; margin: 0 !important; }
}
.sw-notice { background: #fff; max-width: 800px; margin: 0 auto; padding: 28px 36px; box-shadow: 0 1px 4px rgba(0,0,0,.12); font-size: 13px; line-height: 1.7; }
.sw-notice h1 { text-align: center; font-size: 22px; margin: 0; letter-spacing: 4px; }
.sw-notice h2 { text-align: center; font-size: 14px; margin: 0 0 16px; font-weight: normal; color: #444; }
.sw-notice table { border-collapse: collapse; width: 100%; margin: 12px 0; }
.sw-notice th, .sw-notice td { border: 1px solid #999; padding: 3px 8px; }
.sw-notice th { background: #f0f0f0; font-weight: 600; }
.sw-notice td.num { text-align: right; white-space: nowrap; }
.sw-notice .meta { display: flex; justify-content: space-between; }
.sw-notice .sign { margin-top: 40px; text-align: right; }
`;

/** The overdue notice (逾期通知书) for one customer: Chinese and English on one printable page. */
export function NoticeView({ accountId, asOf }: { accountId: string; asOf: string }) {
  const { t } = useLabels();
  const { locale, today: bookToday } = usePrefs();
  const date = asOf || bookToday();
  const [n, setN] = useState<Notice | null>(null);
  useEffect(() => {
    void call('receivables:notice', { accountId, asOf: date }).then(setN);
  }, [accountId, date]);
  useEffect(() => {
    document.body.classList.add('sw-print-notice');
    return () => document.body.classList.remove('sw-print-notice');
  }, []);
  if (!n) return <Spin style={{ margin: 40 }} />;
  // Yuan with separators and no ¥ sign: the text already says RMB / 人民币.
  const rmb = (fen: number) => formatMoney(fen, { locale }).replace(/^(-?)¥/, '$1');
  return (
    <div>
      <style>{css}</style>
      <Space className="sw-no-print" style={{ marginBottom: 10 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('receivables', { tab: 'collections' })}>
          {t('tabs.collections')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="notice-print">
          {t('notice.print')}
        </Button>
      </Space>
      <div className="sw-notice" data-testid="overdue-notice">
        <h1>{t('notice.title')}</h1>
        <h2>{t('notice.titleEn')}</h2>
        <div className="meta">
          <span>
            {t('notice.to')}：<b>{n.customer.name}</b>
            {n.customer.nameEn ? ` / ${n.customer.nameEn}` : ''}
          </span>
          <span>
            {t('notice.no')}：{n.noticeNo}
            {'\u3000'}
            {t('notice.date')}：{n.asOf}
          </span>
        </div>
        {n.lines.length === 0 ? (
          <p>{t('notice.none')}</p>
        ) : (
          <>
            <p>{t('notice.body', { asOf: n.asOf, total: rmb(n.total), payBy: n.payBy })}</p>
            <p>{t('notice.bodyEn', { asOf: n.asOf, total: rmb(n.total), payBy: n.payBy })}</p>
            <table>
              <thead>
                <tr>
                  <th>发票号 Invoice</th>
                  <th>合同号 Contract</th>
                  <th>开票日期 Invoice date</th>
                  <th>到期日 Due date</th>
                  <th>逾期天数 Days overdue</th>
                  <th>未付金额 Amount due (RMB)</th>
                </tr>
              </thead>
              <tbody>
                {n.lines.map((l) => (
                  <tr key={l.invoiceNo}>
                    <td>{l.invoiceNo}</td>
                    <td>{l.contractNo ?? ''}</td>
                    <td>{l.invoiceDate}</td>
                    <td>{l.dueDate}</td>
                    <td className="num">{l.daysOverdue}</td>
                    <td className="num">{rmb(l.outstanding)}</td>
                  </tr>
                ))}
                <tr>
                  <td colSpan={5}>
                    <b>合计 Total</b>
                  </td>
                  <td className="num">
                    <b data-testid="notice-total">{rmb(n.total)}</b>
                  </td>
                </tr>
              </tbody>
            </table>
          </>
        )}
        <div className="sign">
          {t('notice.sign')}
          <br />
          {n.asOf}
        </div>
      </div>
    </div>
  );
}
