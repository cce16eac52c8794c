import { useMemo, useState, type CSSProperties } from 'react';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../../../renderer/app/prefs';
import { EChart, type EChartsOption } from '../../../renderer/components/EChart';
import type { TrainingDetail, TrainingResults } from '../contract';
import { sessionLabels, SIDE_COLOR, SIDE_COLOR_LIGHT } from './labels';

const FONT = 'min(1.5vw, 2.6vh)';

/** Per table: what each side received and conceded, issue by issue, against its priorities; the trainer's notes. */
export function Debrief({ detail, results }: { detail: TrainingDetail; results: TrainingResults }) {
  const { t } = useTranslation('training');
  const { locale } = usePrefs();
  const labels = sessionLabels(detail, locale);
  const [pairingId, setPairingId] = useState(results.pairings[0]?.pairingId);
  const pairing = results.pairings.find((p) => p.pairingId === pairingId) ?? results.pairings[0];
  const debrief = results.debriefs.find((d) => d.pairingId === pairing?.pairingId);

  const option = useMemo<EChartsOption>(() => {
    if (!debrief) return {};
    const issues = debrief.issues.map((i) => labels.issue(i.issueId));
    const bar = (name: string, stack: string, color: string, data: (number | null)[]) => ({
      name,
      type: 'bar' as const,
      stack,
      itemStyle: { color },
      data,
      barMaxWidth: 48,
    });
    return {
      textStyle: { fontSize: 16 },
      legend: { top: 0, textStyle: { fontSize: 15 } },
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: issues, axisLabel: { fontSize: 18 } },
      yAxis: { type: 'value', max: detail.issues.length * 5, axisLabel: { fontSize: 14 } },
      series: [
        bar(
          `${t('room.vendor')} · ${t('room.received')}`,
          'vendor',
          SIDE_COLOR.vendor,
          debrief.issues.map((i) => i.vendor.score),
        ),
        bar(
          `${t('room.vendor')} · ${t('room.conceded')}`,
          'vendor',
          SIDE_COLOR_LIGHT.vendor,
          debrief.issues.map((i) => i.vendor.conceded),
        ),
        bar(
          `${t('room.customer')} · ${t('room.received')}`,
          'customer',
          SIDE_COLOR.customer,
          debrief.issues.map((i) => i.customer.score),
        ),
        bar(
          `${t('room.customer')} · ${t('room.conceded')}`,
          'customer',
          SIDE_COLOR_LIGHT.customer,
          debrief.issues.map((i) => i.customer.conceded),
        ),
      ],
    };
  }, [debrief, labels, detail.issues.length, t]);

  if (!pairing || !debrief) return <div style={{ fontSize: FONT, padding: '4vh' }}>{t('room.noData')}</div>;
  const th: CSSProperties = { padding: '0.2em 0.4em', borderBottom: '2px solid #adb5bd', textAlign: 'right', whiteSpace: 'nowrap' };
  const td: CSSProperties = {
    padding: '0.2em 0.4em',
    borderBottom: '1px solid #e5e8ec',
    textAlign: 'right',
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  };
  const sideWord = (s: string | null) =>
    s === null ? '–' : s === 'both' ? t('room.both') : s === 'split' ? t('room.split') : t(`room.${s}`);
  const vName = labels.team(pairing.vendor.teamId);
  const cName = labels.team(pairing.customer.teamId);
  return (
    <div
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: '1vh',
        height: '100%',
        padding: '1vh 2vw',
        boxSizing: 'border-box',
        fontSize: FONT,
      }}
    >
      <Segmented
        size="large"
        value={pairing.pairingId}
        onChange={(v) => setPairingId(v as string)}
        options={results.pairings.map((p) => ({
          value: p.pairingId,
          label: `R${p.roundNo} ${p.label}: ${labels.team(p.vendor.teamId)}–${labels.team(p.customer.teamId)}`,
        }))}
        data-testid="debrief-pairings"
      />
      <div
        style={{
          display: 'grid',
          gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 1fr)',
          gridTemplateRows: 'auto minmax(0, 1fr)',
          gap: '1.5vh 2vw',
          flex: 1,
          minHeight: 0,
        }}
      >
        <div style={{ overflow: 'auto', gridColumn: '1 / span 2' }}>
          <table style={{ width: '100%', borderCollapse: 'collapse' }} data-testid="debrief-table">
            <thead>
              <tr>
                <th style={{ ...th, textAlign: 'left' }} />
                <th style={{ ...th, color: SIDE_COLOR.vendor }} colSpan={4}>
                  {vName}
                </th>
                <th style={{ ...th, color: SIDE_COLOR.customer }} colSpan={4}>
                  {cName}
                </th>
                <th style={th} colSpan={3} />
              </tr>
              <tr>
                <th style={{ ...th, textAlign: 'left' }} />
                {[0, 1].flatMap((k) =>
                  [t('room.priority'), t('room.levelShort'), t('room.received'), t('room.conceded')].map((h) => (
                    <th key={`${k}${h}`} style={th}>
                      {h}
                    </th>
                  )),
                )}
                <th style={th}>{t('room.mattersMore')}</th>
                <th style={th}>{t('room.wentTo')}</th>
                <th style={th}>{t('room.wellTraded')}</th>
              </tr>
            </thead>
            <tbody>
              {debrief.issues.map((i) => (
                <tr key={i.issueId}>
                  <td style={{ ...td, textAlign: 'left', fontWeight: 600 }}>{labels.issue(i.issueId)}</td>
                  {[i.vendor, i.customer].flatMap((l, k) => [
                    <td key={`${k}p`} style={{ ...td, fontWeight: l.priority === 1 ? 700 : 400 }}>
                      {l.priority ?? '–'}
                    </td>,
                    <td key={`${k}l`} style={td}>
                      {l.level ?? '–'}
                    </td>,
                    <td key={`${k}r`} style={{ ...td, fontWeight: 700 }}>
                      {l.score}
                    </td>,
                    <td key={`${k}c`} style={{ ...td, color: '#868e96' }}>
                      {l.conceded ?? '–'}
                    </td>,
                  ])}
                  <td style={td}>{sideWord(i.mattersMoreTo)}</td>
                  <td style={td}>{sideWord(i.wentTo)}</td>
                  <td style={{ ...td, color: i.wellTraded === false ? '#c2255c' : '#2b8a3e' }}>
                    {i.wellTraded === null ? '–' : i.wellTraded ? t('room.yes') : t('room.no')}
                  </td>
                </tr>
              ))}
              <tr>
                <td style={{ ...td, textAlign: 'left', fontWeight: 700 }}>{t('room.total')}</td>
                {[debrief.vendor, debrief.customer].flatMap((s, k) => [
                  <td key={`${k}a`} style={td} colSpan={2}>
                    {s.gaveUpTopPriority ? <span style={{ color: '#c2255c' }}>{t('room.gaveUpTop')}</span> : ''}
                  </td>,
                  <td key={`${k}r`} style={{ ...td, fontWeight: 700 }}>
                    {s.received}
                  </td>,
                  <td key={`${k}c`} style={{ ...td, color: '#868e96' }}>
                    {s.conceded}
                  </td>,
                ])}
                <td style={td} colSpan={3}>
                  {t('room.joint')} <b>{pairing.joint}</b> · {t(`room.status.${pairing.status}`)}
                </td>
              </tr>
            </tbody>
          </table>
        </div>
        <EChart option={option} style={{ height: '100%', minHeight: 240 }} testId="debrief-chart" />
        <div style={{ overflow: 'auto' }} data-testid="debrief-notes">
          <div style={{ fontWeight: 700 }}>{t('room.notes')}</div>
          <div style={{ whiteSpace: 'pre-wrap' }}>{detail.session.trainerNotes || t('room.noNotes')}</div>
        </div>
      </div>
    </div>
  );
}
