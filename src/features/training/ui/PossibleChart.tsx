import { useMemo, useState, type CSSProperties } from 'react';
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../../../renderer/app/prefs';
import { EChart, type EChartsOption } from '../../../renderer/components/EChart';
import type { TrainingDetail, TrainingResults } from '../contract';
import { sessionLabels, SIDE_COLOR } from './labels';

const FONT = 'min(1.6vw, 2.8vh)';

/**
 * Every possible agreement as (vendor score, customer score), the efficient frontier, and
 * the tables' deals; beside it, how much joint value each table left on the table.
 */
export function PossibleChart({ detail, results }: { detail: TrainingDetail; results: TrainingResults }) {
  const { t } = useTranslation('training');
  const { locale } = usePrefs();
  const labels = sessionLabels(detail, locale);
  const [groupIndex, setGroupIndex] = useState(0);
  const group = results.groups[Math.min(groupIndex, results.groups.length - 1)];
  const deals = results.pairings.filter((p) => p.possible && group?.pairingIds.includes(p.pairingId));

  const option = useMemo<EChartsOption>(() => {
    if (!group) return {};
    const maxCount = Math.max(...group.points.map((p) => p.count));
    return {
      textStyle: { fontSize: 16 },
      legend: { top: 0, textStyle: { fontSize: 15 } },
      tooltip: { trigger: 'item', formatter: (p: unknown) => tooltip(p as { seriesIndex: number; data: unknown[] }) },
      grid: { left: 60, right: 30, top: 50, bottom: 56 },
      xAxis: {
        type: 'value',
        name: t('room.vendorScore'),
        nameLocation: 'middle',
        nameGap: 32,
        min: 0,
        max: results.maxScore,
        nameTextStyle: { fontSize: 18, color: SIDE_COLOR.vendor },
      },
      yAxis: {
        type: 'value',
        name: t('room.customerScore'),
        nameLocation: 'middle',
        nameGap: 40,
        min: 0,
        max: results.maxScore,
        nameTextStyle: { fontSize: 18, color: SIDE_COLOR.customer },
      },
      series: [
        {
          name: t('room.agreements'),
          type: 'scatter',
          data: group.points.map((p) => [p.vendor, p.customer, p.count]),
          symbolSize: (v: number[]) => 4 + 8 * Math.sqrt((v[2] ?? 1) / maxCount),
          itemStyle: { color: '#adb5bd', opacity: 0.6 },
          large: group.points.length > 2000,
        },
        {
          name: t('room.frontier'),
          type: 'line',
          data: group.frontier.map((p) => [p.vendor, p.customer]),
          lineStyle: { color: '#2b8a3e', width: 3 },
          itemStyle: { color: '#2b8a3e' },
          symbolSize: 7,
          z: 3,
        },
        {
          name: t('room.deals'),
          type: 'scatter',
          data: deals.map((p) => ({ value: [p.vendor.total, p.customer.total], name: `R${p.roundNo} ${p.label}` })),
          symbolSize: 22,
          itemStyle: { color: '#c2255c', borderColor: '#fff', borderWidth: 2 },
          label: { show: true, position: 'right', fontSize: 18, fontWeight: 'bold', formatter: '{b}' },
          z: 4,
        },
      ],
    };
  }, [group, deals, results.maxScore, t]);

  if (!group) return <div style={{ fontSize: FONT, padding: '4vh' }}>{t('room.noData')}</div>;
  const th: CSSProperties = {
    textAlign: 'left',
    padding: '0.2em 0.4em',
    borderBottom: '2px solid #2b8a3e',
    fontSize: '0.75em',
    whiteSpace: 'nowrap',
  };
  const td: CSSProperties = { padding: '0.2em 0.5em', borderBottom: '1px solid #e5e8ec' };
  const num: CSSProperties = { ...td, textAlign: 'right', fontVariantNumeric: 'tabular-nums' };
  return (
    <div
      style={{ display: 'grid', gridTemplateColumns: '3fr 2fr', gap: '2vw', height: '100%', padding: '1vh 2vw', boxSizing: 'border-box' }}
    >
      <div style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <div style={{ fontSize: FONT, fontWeight: 700 }}>{t('room.possibleTitle', { count: group.combinations })}</div>
        {results.groups.length > 1 && (
          <Segmented
            value={groupIndex}
            onChange={(v) => setGroupIndex(v as number)}
            options={results.groups.map((_, i) => ({ value: i, label: t('room.group', { n: i + 1 }) }))}
          />
        )}
        <EChart option={option} style={{ flex: 1, height: 'auto', minHeight: 300 }} testId="possible-chart" />
      </div>
      <div style={{ fontSize: FONT, overflow: 'auto' }}>
        <div style={{ fontWeight: 700, color: '#2b8a3e' }}>{t('room.bestJoint', { n: group.bestJoint })}</div>
        <table style={{ width: '100%', borderCollapse: 'collapse', marginTop: '0.4em' }} data-testid="possible-table">
          <thead>
            <tr>
              <th style={th}>{t('room.pairings')}</th>
              <th style={{ ...th, textAlign: 'right' }}>{t('room.joint')}</th>
              <th style={{ ...th, textAlign: 'right' }}>{t('room.left')}</th>
              <th style={{ ...th, textAlign: 'right' }}>{t('room.gap')}</th>
            </tr>
          </thead>
          <tbody>
            {deals.map((p) => (
              <tr key={p.pairingId} data-testid={`possible-row-${p.roundNo}-${p.label}`}>
                <td style={td}>
                  <b>
                    R{p.roundNo} {p.label}
                  </b>
                  {p.possible?.onFrontier ? ` ✓ ${t('room.onFrontier')}` : ''}
                  <div style={{ fontSize: '0.75em', color: '#57606a', whiteSpace: 'nowrap' }}>
                    {labels.team(p.vendor.teamId)}–{labels.team(p.customer.teamId)}
                  </div>
                </td>
                <td style={num}>{p.joint}</td>
                <td style={{ ...num, fontWeight: 700, color: (p.possible?.leftOnTable ?? 0) > 0 ? '#c2255c' : '#2b8a3e' }}>
                  {p.possible?.leftOnTable}
                </td>
                <td style={num}>{p.possible?.gapToBestJoint}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <div style={{ marginTop: '0.8em', color: '#57606a', fontSize: '0.8em' }}>{t('room.leftHint')}</div>
      </div>
    </div>
  );
}

function tooltip(p: { seriesIndex: number; data: unknown }): string {
  const d = p.data as number[] | { value: number[]; name: string };
  if (Array.isArray(d)) return `${d[0]} : ${d[1]}${d[2] !== undefined ? ` (×${d[2]})` : ''}`;
  return `${d.name}: ${d.value[0]} : ${d.value[1]}`;
}
