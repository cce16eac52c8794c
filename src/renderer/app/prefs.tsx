import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
// The one i18next instance; the shell (../i18n, which lists every feature's texts) initialises it.
import i18n from 'i18next';
import type { Locale } from '../i18n/common';
import { call } from '../api/client';
import { takeArrived, takeEarly } from '../api/early';
import { formatMoney } from '../../shared/money';
import { dateInZone, DEFAULT_TIME_ZONE } from '../../shared/bookTime';
import type { IsoDate } from '../../shared/dates';

interface Prefs {
  locale: Locale;
  moneyWan: boolean;
  setLocale(l: Locale): void;
  setMoneyWan(on: boolean): void;
  /** Formats fen as ¥ with separators (or 万) in the current locale. */
  money(fen: number | null | undefined): string;
  /** The book's time zone; "today" on every screen is the date there. */
  timeZone: string;
  setTimeZone(tz: string): Promise<void>;
  /** Today in the book's time zone (not the machine's). */
  today(): IsoDate;
}

const PrefsContext = createContext<Prefs | null>(null);

export function PrefsProvider({ children }: { children: ReactNode }) {
  // The entry (main.tsx) asked for the settings before React loaded: usually they are here.
  const [arrived] = useState(() => takeArrived('settings:get', {}));
  const [locale, setLocaleState] = useState<Locale>(arrived?.locale ?? 'zh-CN');
  const [moneyWan, setWan] = useState(arrived?.moneyWan ?? false);
  const [timeZone, setZone] = useState(arrived?.timeZone ?? DEFAULT_TIME_ZONE);

  useEffect(() => {
    if (arrived) return;
    takeEarly('settings:get', {})
      .then((s) => {
        setLocaleState(s.locale);
        setWan(s.moneyWan);
        setZone(s.timeZone);
      })
      .catch(() => {});
  }, [arrived]);

  // The time zone is the team's in a team book: a sync may bring the admin's change while the app
  // is open (the main process reads it afresh for every "today"; this is the screens' copy).
  useEffect(() => {
    const refresh = () =>
      void call('settings:get', {})
        .then((s) => setZone(s.timeZone))
        .catch(() => {});
    window.addEventListener('focus', refresh);
    const timer = setInterval(refresh, 60_000);
    return () => {
      window.removeEventListener('focus', refresh);
      clearInterval(timer);
    };
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
  const setTimeZone = useCallback(async (tz: string) => {
    const s = await call('settings:update', { timeZone: tz });
    setZone(s.timeZone);
  }, []);
  const today = useCallback(() => dateInZone(new Date(), timeZone), [timeZone]);
  const money = useCallback((fen: number | null | undefined) => formatMoney(fen, { locale, wan: moneyWan }), [locale, moneyWan]);

  const value = useMemo(
    () => ({ locale, moneyWan, setLocale, setMoneyWan, money, timeZone, setTimeZone, today }),
    [locale, moneyWan, setLocale, setMoneyWan, money, timeZone, setTimeZone, today],
  );
  return <PrefsContext.Provider value={value}>{children}</PrefsContext.Provider>;
}

export function usePrefs(): Prefs {
  const p = useContext(PrefsContext);
  if (!p) throw new Error('usePrefs outside PrefsProvider');
  return p;
}

/** Today in the book's time zone, for defaults of date pickers and file names. */
export function useBookToday(): () => IsoDate {
  return usePrefs().today;
}
