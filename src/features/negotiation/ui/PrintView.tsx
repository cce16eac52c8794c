import { useEffect, useMemo, useState } from 'react';
import { Button, Space, Spin } from 'antd';
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { navigate } from '../../../renderer/app/useHashRoute';
import { EChart } from '../../../renderer/components/EChart';
import type { Issue, Worksheet } from '../contract';
import { concessionChecks, formatBp, ladderOf, marginText } from '../domain';
import { ladderChartOption } from '../ladderChart';
import { formatIssueValue, unitLabel, type Lang } from '../units';
import { printCss } from './printCss';

/** The worksheet on one sheet of paper: what window.print() (and "save as PDF") takes. */
export function PrintView({ id }: { id: string }) {
  const { t } = useTranslation('negotiation');
  const { locale: lang } = usePrefs();
  const [w, setW] = useState<Worksheet | null>(null);
  useEffect(() => {
    void call('negotiation:get', { id }).then(setW);
  }, [id]);
  useEffect(() => {
    document.body.classList.add('sw-print-negotiation');
    return () => document.body.classList.remove('sw-print-negotiation');
  }, []);
  const checks = useMemo(() => (w ? concessionChecks(w) : []), [w]);
  if (!w) return <Spin style={{ margin: 40 }} />;
  const v = (x: number | null, unit: string) => formatIssueValue(x, unit, lang);
  const charted = w.issues.filter((i) => i.quote !== null || i.steps.length > 0);

  return (
    <div>
      <style>{printCss}</style>
      <Space className="sw-no-print" style={{ marginBottom: 10 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('negotiation', { id })} data-testid="print-back">
          {t('print.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">
          {t('print.print')}
        </Button>
      </Space>
      <div className="sw-print-sheet" data-testid="print-sheet">
        <h1>{t('print.heading', { name: w.name })}</h1>
        {w.team.length > 0 && (
          <div>
            <strong>{t('print.team')}: </strong>
            {w.team
              .map(
                (m) =>
                  `${m.name} (${t(`team.roles.${m.role}`)}${m.topicIssueId ? ` · ${w.issues.find((i) => i.id === m.topicIssueId)?.name ?? ''}` : ''})`,
              )
              .join(' · ')}
          </div>
        )}
        <h2>{t('print.plan')}</h2>
        <table>
          <thead>
            <tr>
              {['name', 'unit', 'direction', 'quote', 'target', 'floor', 'margin', 'ourPriority', 'theirPriority', 'theirFloor'].map(
                (k) => (
                  <th key={k}>{t(`issue.${k}`)}</th>
                ),
              )}
            </tr>
          </thead>
          <tbody>
            {w.issues.map((i) => (
              <tr key={i.id}>
                <td>{i.name}</td>
                <td>{unitLabel(i.unit, lang)}</td>
                <td>{t(`issue.${i.direction}`)}</td>
                <td className="num">{v(i.quote, i.unit)}</td>
                <td className="num">{v(i.target, i.unit)}</td>
                <td className="num">{v(i.floor, i.unit)}</td>
                <td className="num">{v(ladderOf(i).margin, i.unit)}</td>
                <td className="num">{i.ourPriority}</td>
                <td className="num">{i.theirPriority}</td>
                <td className="num">{v(i.theirFloor, i.unit)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('print.ladders')}</h2>
        <div className="sw-print-ladders">
          {charted.map((i) => (
            <PrintLadder key={i.id} issue={i} issues={w.issues} lang={lang} />
          ))}
        </div>
        <h2>{t('print.checks')}</h2>
        {checks.length === 0 ? (
          <div>{t('editor.allPass')}</div>
        ) : (
          <ul style={{ margin: 0, paddingLeft: 18 }} data-testid="print-checks">
            {checks.map((c, n) => (
              <li key={n} className={`sw-print-check-${c.severity}`}>
                {c.message[lang]}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

function PrintLadder({ issue, issues, lang }: { issue: Issue; issues: Issue[]; lang: Lang }) {
  const { t } = useTranslation('negotiation');
  const option = useMemo(() => ladderChartOption(issue, { lang }), [issue, lang]);
  const ladder = ladderOf(issue);
  const v = (x: number | null) => formatIssueValue(x, issue.unit, lang);
  return (
    <div className="sw-print-avoid-break">
      <EChart option={option} style={{ height: 220 }} testId="print-ladder" />
      {issue.steps.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>{t('step.position')}</th>
              <th>{t('step.size')}</th>
              <th>{t('step.ofMargin')}</th>
              <th>{t('step.exchange')}</th>
              <th>{t('step.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {issue.steps.map((s, k) => {
              const l = ladder.steps[k]!;
              const traded = issues.find((x) => x.id === s.tradedIssueId);
              return (
                <tr key={s.id}>
                  <td>{k + 1}</td>
                  <td className="num">{v(l.position)}</td>
                  <td className="num">{v(l.size)}</td>
                  <td className="num">{formatBp(l.percentOfMarginBp)}</td>
                  <td>
                    {[s.exchange, traded ? `${traded.name} ${formatIssueValue(s.tradedAmount, traded.unit, lang)}` : '']
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                  <td>{s.reason}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {issue.steps.length > 0 && ladder.margin !== null && <div style={{ marginTop: 2 }}>{marginText(issue, ladder, lang)}</div>}
    </div>
  );
}
