import { useMemo, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../../../renderer/app/prefs';
import { EChart, type EChartsOption } from '../../../renderer/components/EChart';
import type { LeaderRowOut, TrainingDetail, TrainingResults } from '../contract';
import { percent, sessionLabels, SIDE_COLOR, SIDE_COLOR_LIGHT } from './labels';

const FONT = 'min(2vw, 3.4vh)';

/** Ranks by side (ties share a rank), totals per team, and each table's joint score. */
export function Leaderboard({ detail, results, revealed }: { detail: TrainingDetail; results: TrainingResults; revealed: boolean }) {
  const { t } = useTranslation('training');
  const { locale } = usePrefs();
  const labels = sessionLabels(detail, locale);
  const teamsChart = useMemo<EChartsOption>(() => {
    const rows = [...results.leaderboard.vendor, ...results.leaderboard.customer];
    const names = rows.map((r) => r.name);
    // After the debrief the bars split by issue (that shows the weights); before, totals only.
    const series = revealed
      ? detail.issues.map((issue) => ({
          name: labels.issue(issue.id),
          type: 'bar' as const,
          stack: 'total',
          data: rows.map((r) => sumLines(results, r, issue.id)),
        }))
      : [
          {
            name: t('room.total'),
            type: 'bar' as const,
            data: rows.map((r) => ({ value: r.total, itemStyle: { color: SIDE_COLOR[r.side] } })),
            label: { show: true, position: 'right' as const, fontSize: 20, fontWeight: 'bold' as const },
          },
        ];
    return {
      title: { text: t('room.total'), left: 0, top: 0, textStyle: { fontSize: 18 } },
      textStyle: { fontSize: 18 },
      legend: revealed ? { top: 30, textStyle: { fontSize: 16 } } : undefined,
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 60, top: revealed ? 64 : 36, bottom: 10, containLabel: true },
      xAxis: { type: 'value', axisLabel: { fontSize: 14 } },
      yAxis: { type: 'category', inverse: true, data: names, axisLabel: { fontSize: 18 } },
      series,
    };
  }, [results, detail, revealed, labels, t]);

  const tablesChart = useMemo<EChartsOption>(() => {
    const ps = results.pairings;
    const name = (p: TrainingResults['pairings'][number]) =>
      `R${p.roundNo} ${p.label}\n${labels.team(p.vendor.teamId)}–${labels.team(p.customer.teamId)}`;
    return {
      title: { text: `${t('room.joint')} · ${t('room.tables')}`, left: 0, top: 0, textStyle: { fontSize: 18 } },
      textStyle: { fontSize: 16 },
      legend: { top: 0, right: 0, textStyle: { fontSize: 16 } },
      tooltip: { trigger: 'axis' },
      grid: { left: 8, right: 16, top: 48, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: ps.map(name), axisLabel: { fontSize: 15, interval: 0, lineHeight: 20 } },
      yAxis: { type: 'value', axisLabel: { fontSize: 14 } },
      series: [
        {
          name: t('room.vendor'),
          type: 'bar',
          stack: 'joint',
          data: ps.map((p) => p.vendor.total),
          itemStyle: { color: SIDE_COLOR.vendor },
        },
        {
          name: t('room.customer'),
          type: 'bar',
          stack: 'joint',
          data: ps.map((p) => p.customer.total),
          itemStyle: { color: SIDE_COLOR.customer },
          label: {
            show: true,
            position: 'top',
            fontSize: 20,
            fontWeight: 'bold',
            formatter: (x: { dataIndex: number }) => String(ps[x.dataIndex]!.joint),
          },
        },
      ],
    };
  }, [results, labels, t]);

  if (results.pairings.length === 0) return <div style={{ fontSize: FONT, padding: '4vh' }}>{t('room.noData')}</div>;
  return (
    <div
      style={{
        display: 'grid',
        gridTemplateColumns: '1fr 1fr',
        gridTemplateRows: 'auto 1fr',
        gap: '2vh 2vw',
        height: '100%',
        padding: '1vh 2vw',
        boxSizing: 'border-box',
      }}
    >
      {(['vendor', 'customer'] as const).map((side) => (
        <SideTable
          key={side}
          title={t(side === 'vendor' ? 'room.vendors' : 'room.customers')}
          color={SIDE_COLOR[side]}
          rows={results.leaderboard[side]}
          testId={`leaderboard-${side}`}
        >
          {(r) => [r.rank, r.name, r.total, r.joint, percent(r.guessAccuracy, locale)]}
        </SideTable>
      ))}
      <EChart option={teamsChart} style={{ height: '100%', minHeight: 260 }} testId="leaderboard-teams-chart" />
      <EChart option={tablesChart} style={{ height: '100%', minHeight: 260 }} testId="leaderboard-tables-chart" />
    </div>
  );
}

function sumLines(results: TrainingResults, row: LeaderRowOut, issueId: string): number {
  let s = 0;
  for (const p of results.pairings) {
    const side = row.side === 'vendor' ? p.vendor : p.customer;
    if (side.teamId === row.teamId) s += side.lines.find((l) => l.issueId === issueId)?.score ?? 0;
  }
  return s;
}

function SideTable({
  title,
  color,
  rows,
  children,
  testId,
}: {
  title: string;
  color: string;
  rows: LeaderRowOut[];
  children(r: LeaderRowOut): ReactNode[];
  testId: string;
}) {
  const { t } = useTranslation('training');
  const th: CSSProperties = {
    textAlign: 'left',
    padding: '0.2em 0.5em',
    borderBottom: `3px solid ${color}`,
    fontWeight: 600,
    whiteSpace: 'nowrap',
    fontSize: '0.8em',
  };
  const td: CSSProperties = { padding: '0.2em 0.5em', borderBottom: '1px solid #e5e8ec', whiteSpace: 'nowrap' };
  const num: CSSProperties = { ...td, textAlign: 'right', fontVariantNumeric: 'tabular-nums' };
  return (
    <div data-testid={testId}>
      <div style={{ fontSize: FONT, fontWeight: 700, color, marginBottom: '0.3em' }}>{title}</div>
      <table style={{ width: '100%', borderCollapse: 'collapse', fontSize: FONT }}>
        <thead>
          <tr>
            <th style={{ ...th, width: '3em' }}>{t('room.rank')}</th>
            <th style={th}>{t('room.team')}</th>
            <th style={{ ...th, textAlign: 'right' }}>{t('room.total')}</th>
            <th style={{ ...th, textAlign: 'right' }}>{t('room.joint')}</th>
            <th style={{ ...th, textAlign: 'right' }}>{t('room.accuracy')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const cells = children(r);
            return (
              <tr
                key={r.teamId}
                data-testid={`rank-row-${r.name}`}
                style={{ background: r.rank === 1 ? SIDE_COLOR_LIGHT[r.side] + '55' : undefined }}
              >
                <td style={{ ...td, fontWeight: 700 }}>{cells[0]}</td>
                <td style={td}>{cells[1]}</td>
                <td style={{ ...num, fontWeight: 700 }}>{cells[2]}</td>
                <td style={num}>{cells[3]}</td>
                <td style={num}>{cells[4]}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
