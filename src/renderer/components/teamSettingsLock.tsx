import { useEffect, useState } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';

// In a team book only the team's admin changes the team's settings (the time zone, the Pareto
// thresholds and visit cadence, the pipeline review, the receivables policy): the book refuses
// anyone else's change (src/platform/settings.ts), as the team server would. Screens that edit
// one disable it up front and say why, instead of letting the person type and then refusing.

/** True when this book syncs with a team and its person is not the team's admin. */
export function useTeamSettingsLocked(): boolean {
  const [locked, setLocked] = useState(false);
  useEffect(() => {
    let live = true;
    call('team:status', {})
      .then((s) => live && setLocked(s.serverUrl !== null && s.role !== 'admin'))
      // No team channel (a browser on the team server): the book's own refusal still applies.
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return locked;
}

/** Says why a team setting cannot be changed here. */
export function TeamSettingsLockNote() {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" data-testid="team-settings-locked">
      {t('teamSettings.adminOnly')}
    </Typography.Text>
  );
}
