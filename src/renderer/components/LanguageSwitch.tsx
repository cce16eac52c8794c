import { Segmented } from 'antd';
import { usePrefs } from '../app/prefs';

/** 中文 / English: the interface's language (saved in the settings). `short` for a cramped bar. */
export function LanguageSwitch({ short = false, testId }: { short?: boolean; testId?: string }) {
  const { locale, setLocale } = usePrefs();
  return (
    <Segmented
      size="small"
      value={locale}
      onChange={(v) => setLocale(v as 'zh-CN' | 'en')}
      options={[
        { label: '中文', value: 'zh-CN' },
        { label: short ? 'EN' : 'English', value: 'en' },
      ]}
      data-testid={testId}
    />
  );
}
