import { useTranslation } from 'react-i18next';

/**
 * The accounts toolbar's place while it loads (it comes after the first rows:
 * renderer/components/firstScreen.ts): boxes of its controls' sizes — the two scope selects, the
 * search box, the buttons with their words and icons — unseen (frame.css). The toolbar
 * wraps onto a second line in a narrow window or a longer language; its place wraps the
 * same way, so the grid does not move when the toolbar replaces it.
 */
export function ToolbarPlace() {
  const { t } = useTranslation('accounts');
  const button = (label: string, icon = true) => (
    <span className="sw-place-button">
      {icon && <span style={{ width: 14 }} />}
      {label}
    </span>
  );
  return (
    <div className="sw-toolbar-place" aria-hidden="true" data-testid="toolbar-place">
      <span style={{ width: 150 }} />
      <span style={{ width: 150 }} />
      <span style={{ width: 260 }} />
      {button(t('add'))}
      {button(t('delete'))}
      {button(t('import'))}
      {button(t('export'))}
      {button(t('template'), false)}
    </div>
  );
}
