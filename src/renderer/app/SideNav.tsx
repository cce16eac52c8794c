import { useTranslation } from 'react-i18next';
import { SvgIcon } from '../components/SvgIcon';
import { areas } from './areas';
import { navigate } from './useHashRoute';

/**
 * The areas' menu. Eight buttons in Ant Design's inline-menu look (frame.css), not its Menu:
 * the menu is on screen with the accounts grid, before Ant Design loads (components/firstScreen.ts).
 */
export function SideNav({ current }: { current: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('appName')}>
      <ul className="sw-nav">
        {areas.map((a) => (
          <li key={a.key}>
            <button
              type="button"
              className="sw-nav-item"
              aria-current={a.key === current ? 'page' : undefined}
              onClick={() => navigate(a.key)}
            >
              <SvgIcon icon={a.icon} />
              <span data-testid={`nav-${a.key}`}>{t(`nav.${a.key}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
