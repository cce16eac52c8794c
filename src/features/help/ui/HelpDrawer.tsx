import { useEffect, useState } from 'react';
import { Drawer, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePrefs } from '../../../renderer/app/prefs';
import { parseMarkdown, sectionOf, type Block } from '../markdown';
import type { HelpSection } from '../sections';
import { loadDoc } from './docs';
import { MarkdownView } from './MarkdownView';

/** The method's section for a screen, in the current language (loaded with the "?" first pressed). */
export default function HelpDrawer({ open, onClose, section }: { open: boolean; onClose(): void; section: HelpSection }) {
  const { t } = useTranslation();
  const { locale } = usePrefs();
  const [blocks, setBlocks] = useState<Block[] | null>(null);

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
    <Drawer open={open} onClose={onClose} title={t('help.title')} size={560} destroyOnHidden>
      <div data-testid="help-drawer" data-section={section.id}>
        {blocks ? <MarkdownView blocks={blocks} /> : <Spin />}
      </div>
    </Drawer>
  );
}
