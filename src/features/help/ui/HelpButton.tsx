import { useEffect, useState } from 'react';
import { Button, Drawer, Spin, Tooltip } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../../../renderer/app/prefs';
import { useHashRoute } from '../../../renderer/app/useHashRoute';
import { parseMarkdown, sectionOf, type Block } from '../markdown';
import { helpSectionFor } from '../sections';
import { loadDoc } from './docs';
import { MarkdownView } from './MarkdownView';

/** The "?" of a screen: opens the method's section for it, in the current language. */
export function HelpButton({ area }: { area: string }) {
  const { t } = useTranslation();
  const { locale } = usePrefs();
  const route = useHashRoute();
  const [open, setOpen] = useState(false);
  const [blocks, setBlocks] = useState<Block[] | null>(null);
  const section = helpSectionFor(area, route.params.get('tab'));

  useEffect(() => {
    if (!open) return;
    let live = true;
    setBlocks(null);
    const lang = locale === 'zh-CN' ? 'zh-CN' : 'en';
    loadDoc(lang, section.page)
      .then((text) => live && setBlocks(sectionOf(parseMarkdown(text), section.id) ?? parseMarkdown(text)))
      .catch((e: Error) => live && setBlocks(parseMarkdown(e.message)));
    return () => {
      live = false;
    };
  }, [open, locale, section.page, section.id]);

  return (
    <>
      <Tooltip title={t('help.tooltip')}>
        <Button size="small" type="text" shape="circle" icon={<QuestionCircleOutlined />} onClick={() => setOpen(true)} aria-label={t('help.tooltip')} data-testid="help-button" />
      </Tooltip>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('help.title')} size={560} destroyOnHidden>
        <div data-testid="help-drawer" data-section={section.id}>
          {blocks ? <MarkdownView blocks={blocks} /> : <Spin />}
        </div>
      </Drawer>
    </>
  );
}
