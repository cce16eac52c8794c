import { useTranslation } from 'react-i18next';
import type { TrainingResults } from '../contract';

/** The seeds' score table: priority rows × level columns (4 8 12 16 20 / … / 1 2 3 4 5). */
export function ScoringMatrix({
  results,
  compact = false,
}: {
  results: Pick<TrainingResults, 'matrix' | 'maxScore' | 'issueCount'>;
  compact?: boolean;
}) {
  const { t } = useTranslation('training');
  const n = results.issueCount;
  const size = compact ? 14 : 'min(4.2vw, 6.5vh)';
  const cell = { padding: compact ? '4px 10px' : '0.5em 1em', border: '1px solid #d0d7de', textAlign: 'center' as const };
  return (
    <div data-testid="scoring-matrix" style={{ fontSize: size }}>
      <div style={{ fontWeight: 600, marginBottom: compact ? 4 : '0.4em' }}>{t('room.matrixTitle')}</div>
      <table style={{ borderCollapse: 'collapse', fontVariantNumeric: 'tabular-nums' }}>
        <thead>
          <tr>
            <th style={cell} />
            {[1, 2, 3, 4, 5].map((l) => (
              <th key={l} style={{ ...cell, background: '#f0f3f7' }}>
                {t('room.levelN', { n: l })}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {results.matrix.map((row, i) => (
            <tr key={i}>
              <th style={{ ...cell, background: '#f0f3f7', textAlign: 'left' }}>{t('room.priorityN', { n: i + 1, w: n - i })}</th>
              {row.map((v, j) => (
                <td key={j} style={{ ...cell, fontWeight: j === 4 ? 700 : 400 }} data-testid={`matrix-${i + 1}-${j + 1}`}>
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div style={{ marginTop: compact ? 4 : '0.4em', color: '#57606a' }}>{t('room.maxScore', { max: results.maxScore })}</div>
    </div>
  );
}
