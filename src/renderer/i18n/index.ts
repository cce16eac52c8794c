import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common, type Locale } from './common';
import { accountsMessages } from '../../features/accounts/ui/messages';
import { booksMessages } from '../../features/books/ui/messages';
import type { LazyNamespace, Messages } from './areaTexts';

export type { Locale, LazyNamespace };

// One i18next instance; each feature registers its namespace here (one line). The shell's
// and the accounts screen's texts are part of the first download; every other area's are
// loaded with that area's code (../app/areaPages, before its page renders; ./areaTexts),
// so a screen downloads only its own texts.
const bundled: Record<string, Messages> = {
  common,
  accounts: accountsMessages,
  books: booksMessages,
};

const resources: Record<Locale, Record<string, object>> = { 'zh-CN': {}, en: {} };
for (const [ns, byLocale] of Object.entries(bundled)) {
  resources['zh-CN'][ns] = byLocale['zh-CN'];
  resources.en[ns] = byLocale.en;
}

void i18n.use(initReactI18next).init({
  resources,
  lng: 'zh-CN',
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(bundled),
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** Adds an area's texts (both languages; downloaded by ./areaTexts, see ../app/areaPages) to i18next. */
export function addTexts(ns: LazyNamespace, m: Messages): void {
  i18n.addResourceBundle('zh-CN', ns, m['zh-CN'], true, true);
  i18n.addResourceBundle('en', ns, m.en, true, true);
}

export default i18n;
