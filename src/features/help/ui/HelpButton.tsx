import { lazy, Suspense, useState } from 'react';
import { Button, Tooltip } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useHashRoute } from '../../../renderer/app/useHashRoute';
import { useOpenedOnce } from '../../../renderer/components/useOpenedOnce';
import { helpSectionFor } from '../sections';

// The drawer, the markdown reader and the docs load when "?" is first pressed, not with
// the first screen.
const HelpDrawer = lazy(() => import('./HelpDrawer'));

/** The "?" of a screen: opens the method's section for it, in the current language. */
export function HelpButton({ area }: { area: string }) {
  const { t } = useTranslation();
  const route = useHashRoute();
  const [open, setOpen] = useState(false);
  const used = useOpenedOnce(open);
  const section = helpSectionFor(area, route.params.get('tab'));

  return (
    <>
      <Tooltip title={t('help.tooltip')}>
        <Button
          size="small"
          type="text"
          shape="circle"
          icon={<QuestionCircleOutlined />}
          onClick={() => setOpen(true)}
          aria-label={t('help.tooltip')}
          data-testid="help-button"
        />
      </Tooltip>
      {used && (
        <Suspense fallback={null}>
          <HelpDrawer open={open} onClose={() => setOpen(false)} section={section} />
        </Suspense>
      )}
    </>
  );
}
