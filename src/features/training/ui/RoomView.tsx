import { useEffect, useState } from 'react';
import { Button, Segmented, Space, Spin } from 'antd';
import { CloseOutlined, EyeInvisibleOutlined, EyeOutlined, FullscreenOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../../renderer/components/LanguageSwitch';
import { navigate } from '../../../renderer/app/useHashRoute';
import { useTrainingSession } from './useTrainingSession';
import { Countdown, newClock, type Clock } from './Countdown';
import { Leaderboard } from './Leaderboard';
import { PossibleChart } from './PossibleChart';
import { Debrief } from './Debrief';
import { ScoringMatrix } from './ScoringMatrix';

type Screen = 'countdown' | 'leaderboard' | 'matrix' | 'possible' | 'debrief';
const SCREENS: Screen[] = ['countdown', 'leaderboard', 'matrix', 'possible', 'debrief'];

/** Clocks survive a reload of the projected page (per browser tab). */
function useClocks(sessionId: string) {
  const key = `training-clocks-${sessionId}`;
  const [clocks, setClocks] = useState<Record<number, Clock>>(() => {
    try {
      return JSON.parse(sessionStorage.getItem(key) ?? '{}') as Record<number, Clock>;
    } catch {
      return {};
    }
  });
  useEffect(() => sessionStorage.setItem(key, JSON.stringify(clocks)), [key, clocks]);
  return [clocks, setClocks] as const;
}

/**
 * What the class sees on the projector: full screen, large type. Priorities (and what
 * they reveal: the frontier, the debrief, per-issue bars) stay hidden until the trainer
 * starts the debrief.
 */
export function RoomView({ id }: { id: string }) {
  const { t } = useTranslation('training');
  const s = useTrainingSession(id);
  const [screen, setScreen] = useState<Screen>('countdown');
  const [clocks, setClocks] = useClocks(id);
  const [roundNo, setRoundNo] = useState<number | null>(null);
  const { detail, results } = s;
  const exit = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => {});
    navigate('training', { id });
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !document.fullscreenElement && navigate('training', { id });
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [id]);

  const overlay = {
    position: 'fixed' as const,
    inset: 0,
    zIndex: 1000,
    background: '#fff',
    display: 'flex',
    flexDirection: 'column' as const,
  };
  if (!detail || !results)
    return (
      <div style={overlay}>
        <Spin style={{ margin: 'auto' }} />
      </div>
    );

  const revealed = detail.session.debriefOpen;
  const rounds = [...new Set([...detail.rounds.map((r) => r.roundNo), ...detail.pairings.map((p) => p.roundNo)])].sort((a, b) => a - b);
  const round = roundNo ?? rounds[0] ?? 1;
  const minutes = detail.rounds.find((r) => r.roundNo === round)?.timeLimitMinutes ?? detail.session.timeLimitMinutes;
  const stored = clocks[round];
  const clock = stored && stored.limitMs === minutes * 60_000 ? stored : newClock(minutes);
  const hidden = (
    <div style={{ margin: 'auto', textAlign: 'center', fontSize: 'min(2.4vw, 4vh)' }} data-testid="hidden-until-debrief">
      <EyeInvisibleOutlined /> {t('room.hiddenUntilDebrief')}
      <div style={{ marginTop: '3vh' }}>
        <Button
          size="large"
          type="primary"
          icon={<EyeOutlined />}
          onClick={() => void s.change('training:update', { id, patch: { debriefOpen: true } })}
          data-testid="open-debrief"
        >
          {t('room.openDebrief')}
        </Button>
      </div>
    </div>
  );
  const dark = screen === 'countdown';
  return (
    <div style={{ ...overlay, background: dark ? '#101418' : '#fff', color: dark ? '#fff' : '#1f2328' }} data-testid="room-view">
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          padding: '10px 20px',
          borderBottom: `1px solid ${dark ? '#2d333b' : '#e5e8ec'}`,
          flexWrap: 'wrap',
        }}
      >
        <div style={{ fontSize: 'min(1.8vw, 3vh)', fontWeight: 700, marginRight: 'auto' }} data-testid="room-title">
          {detail.session.name}
        </div>
        <Segmented
          size="large"
          value={screen}
          onChange={(v) => {
            setScreen(v as Screen);
            void s.reload();
          }}
          options={SCREENS.map((k) => ({
            value: k,
            label: (
              <span data-testid={`room-tab-${k}`} style={{ fontSize: 18 }}>
                {t(`room.${k}`)}
              </span>
            ),
          }))}
        />
        <Space>
          {revealed ? (
            <Button
              icon={<EyeInvisibleOutlined />}
              onClick={() => void s.change('training:update', { id, patch: { debriefOpen: false } })}
              data-testid="close-debrief"
            >
              {t('room.closeDebrief')}
            </Button>
          ) : (
            <Button
              icon={<EyeOutlined />}
              onClick={() => void s.change('training:update', { id, patch: { debriefOpen: true } })}
              data-testid="open-debrief-header"
            >
              {t('room.openDebrief')}
            </Button>
          )}
          <Button icon={<ReloadOutlined />} onClick={() => void s.reload()} aria-label="reload" />
          <LanguageSwitch short />
          <Button
            icon={<FullscreenOutlined />}
            onClick={() => void document.documentElement.requestFullscreen?.().catch(() => {})}
            aria-label="full screen"
          />
          <Button icon={<CloseOutlined />} onClick={exit} data-testid="room-exit">
            {t('room.exit')}
          </Button>
        </Space>
      </div>
      <div style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        {screen === 'countdown' && (
          <>
            {rounds.length > 1 && (
              <div style={{ textAlign: 'center', paddingTop: '2vh' }}>
                <Segmented
                  size="large"
                  value={round}
                  onChange={(v) => setRoundNo(v as number)}
                  options={rounds.map((n) => ({ value: n, label: <span style={{ fontSize: 20 }}>{t('room.roundN', { n })}</span> }))}
                  data-testid="room-rounds"
                />
              </div>
            )}
            {rounds.length <= 1 && (
              <div style={{ textAlign: 'center', paddingTop: '2vh', fontSize: 'min(2.4vw, 4vh)', color: '#adb5bd' }}>
                {t('room.roundN', { n: round })}
              </div>
            )}
            <div style={{ flex: 1, minHeight: 0 }}>
              <Countdown clock={clock} onChange={(c) => setClocks((all) => ({ ...all, [round]: c }))} />
            </div>
          </>
        )}
        {screen === 'leaderboard' && <Leaderboard detail={detail} results={results} revealed={revealed} />}
        {screen === 'matrix' && (
          <div style={{ margin: 'auto' }}>
            <ScoringMatrix results={results} />
          </div>
        )}
        {screen === 'possible' && (revealed ? <PossibleChart detail={detail} results={results} /> : hidden)}
        {screen === 'debrief' && (revealed ? <Debrief detail={detail} results={results} /> : hidden)}
      </div>
    </div>
  );
}
