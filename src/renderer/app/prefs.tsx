import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import i18n, { type Locale } from '../i18n';
import { call } from '../api/client';
import { formatMoney } from '../../shared/money';

interface Prefs {
  locale: Locale;
  moneyWan: boolean;
  setLocale(l: Locale): void;
  setMoneyWan(on: boolean): void;
  /** Formats fen as ¥ with separators (or 万) in the current locale. */
  money(fen: number | null | undefined): string;
}

const PrefsContext = createContext<Prefs | null>(null);

export function PrefsProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>('zh-CN');
  const [moneyWan, setWan] = useState(false);

  useEffect(() => {
    call('settings:get', {})
      .then((s) => {
        setLocaleState(s.locale);
        setWan(s.moneyWan);
      })
      .catch(() => {});
  }, []);

  useEffect(() => {
    void i18n.changeLanguage(locale);
    dayjs.locale(locale === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((l: Locale) => {
    setLocaleState(l);
    void call('settings:update', { locale: l }).catch(() => {});
  }, []);
  const setMoneyWan = useCallback((on: boolean) => {
    setWan(on);
    void call('settings:update', { moneyWan: on }).catch(() => {});
  }, []);
  const money = useCallback((fen: number | null | undefined) => formatMoney(fen, { locale, wan: moneyWan }), [locale, moneyWan]);

  const value = useMemo(() => ({ locale, moneyWan, setLocale, setMoneyWan, money }), [locale, moneyWan, setLocale, setMoneyWan, money]);
  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): Prefs {
  const p = useContext(PrefsContext);
  if (!p) throw new Error('usePrefs outside PrefsProvider');
  return p;
}
