import { useEffect, useState } from 'react';
import { Button, Space } from 'antd';
import { CaretRightOutlined, PauseOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** A round's clock: the time left is computed from the wall clock, so a busy page never drifts. */
export interface Clock {
  limitMs: number;
  /** Time used before the current run (ms). */
  usedMs: number;
  /** Date.now() when the current run started; null while paused. */
  runningSince: number | null;
}

export const newClock = (minutes: number): Clock => ({ limitMs: minutes * 60_000, usedMs: 0, runningSince: null });

export function remainingMs(c: Clock, now = Date.now()): number {
  return Math.max(0, c.limitMs - c.usedMs - (c.runningSince === null ? 0 : now - c.runningSince));
}

export function formatClock(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** Full-screen digits with start / pause / reset; the clock state lives with the room view. */
export function Countdown({ clock, onChange }: { clock: Clock; onChange(c: Clock): void }) {
  const { t } = useTranslation('training');
  const [, tick] = useState(0);
  useEffect(() => {
    if (clock.runningSince === null) return;
    const timer = window.setInterval(() => tick((x) => x + 1), 200);
    return () => window.clearInterval(timer);
  }, [clock.runningSince]);
  const left = remainingMs(clock);
  const up = left === 0;
  const running = clock.runningSince !== null && !up;
  const start = () => onChange({ ...clock, runningSince: Date.now() });
  const pause = () => onChange({ ...clock, usedMs: clock.limitMs - left, runningSince: null });
  const reset = () => onChange({ ...clock, usedMs: 0, runningSince: null });
  const warn = left <= 5 * 60_000;
  return (
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', height: '100%' }}>
      <div
        data-testid="countdown-digits"
        style={{
          fontSize: 'min(28vw, 52vh)',
          lineHeight: 1,
          fontWeight: 700,
          fontVariantNumeric: 'tabular-nums',
          letterSpacing: '-0.02em',
          color: up ? '#ff6b6b' : warn ? '#ffd43b' : '#ffffff',
        }}
      >
        {formatClock(left)}
      </div>
      {up && (
        <div data-testid="countdown-up" style={{ fontSize: 'min(3.6vw, 6vh)', color: '#ff6b6b', marginTop: '2vh', textAlign: 'center' }}>
          {t('room.timeUp')}
        </div>
      )}
      <Space size="large" style={{ marginTop: '4vh' }}>
        {running ? (
          <Button size="large" icon={<PauseOutlined />} onClick={pause} style={bigButton} data-testid="countdown-pause">
            {t('room.pause')}
          </Button>
        ) : (
          <Button
            size="large"
            type="primary"
            icon={<CaretRightOutlined />}
            onClick={start}
            disabled={up}
            style={bigButton}
            data-testid="countdown-start"
          >
            {t('room.start')}
          </Button>
        )}
        <Button size="large" icon={<ReloadOutlined />} onClick={reset} style={bigButton} data-testid="countdown-reset">
          {t('room.reset')}
        </Button>
      </Space>
    </div>
  );
}

const bigButton = { height: 64, fontSize: 24, padding: '0 36px', minWidth: 180 };
