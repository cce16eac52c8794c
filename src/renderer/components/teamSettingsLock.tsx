import { useEffect, useState } from 'react';
import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';

// In a team book only the team's admin changes the team's settings (the time zone, the Pareto
// thresholds and visit cadence, the pipeline review, the receivables policy): the book refuses
// anyone else's change (src/platform/settings.ts), as the team server would. Screens that edit
// one disable it up front and say why, instead of letting the person type and then refusing.

/**
 * The role of the person this book syncs as ('' while unknown is treated as no team); null for a
 * book that does not sync, or where the team channels are not offered (a browser on the team
 * server: the book's own refusal still applies there).
 */
export function useTeamRole(): string | null {
  const [role, setRole] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    call('team:status', {})
      .then((s) => live && setRole(s.serverUrl !== null ? (s.role ?? '') : null))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return role;
}

/** True when this book syncs with a team and its person is not the team's admin. */
export function useTeamSettingsLocked(): boolean {
  const role = useTeamRole();
  return role !== null && role !== 'admin';
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

/** Says why the organisation (territories, and people unless a manager) cannot be changed here. */
export function TeamOrgLockNote({ peopleToo }: { peopleToo: boolean }) {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" data-testid="team-org-locked">
      {t(peopleToo ? 'teamSettings.orgAdminOnly' : 'teamSettings.orgManager')}
    </Typography.Text>
  );
}
