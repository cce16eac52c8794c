import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common, type Locale } from './common';
import { accountsMessages } from '../../features/accounts/ui/messages';
import { booksMessages } from '../../features/books/ui/messages';

export type { Locale };
type Messages = Record<Locale, object>;

// One i18next instance; each feature registers its namespace here (one line). The shell's
// and the accounts screen's texts are part of the first download; every other area's are
// loaded with that area's code (loadNamespaces, called by ../app/areas before its page
// renders), so a screen downloads only its own texts.
const bundled: Record<string, Messages> = {
  common,
  accounts: accountsMessages,
  books: booksMessages,
};
const byArea: Record<string, () => Promise<Messages>> = {
  pipeline: () => import('../../features/pipeline/ui/messages').then((m) => m.pipelineMessages),
  training: () => import('../../features/training/ui/messages').then((m) => m.trainingMessages),
  negotiation: () => import('../../features/negotiation/ui/messages').then((m) => m.negotiationMessages),
  receivables: () => import('../../features/receivables/ui/messages').then((m) => m.receivablesMessages),
  pareto: () => import('../../features/pareto/ui/messages').then((m) => m.paretoMessages),
  reports: () => import('../../features/reports/ui/messages').then((m) => m.reportsMessages),
  org: () => import('../../features/org/ui/messages').then((m) => m.orgMessages),
  team: () => import('../../features/team/ui/messages').then((m) => m.teamMessages),
};
export type LazyNamespace = keyof typeof byArea;

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

const loading = new Map<string, Promise<void>>();
/** Adds the areas' texts (both languages) to i18next; resolves once they are there. */
export function loadNamespaces(...namespaces: LazyNamespace[]): Promise<void> {
  return Promise.all(
    namespaces.map((ns) => {
      let p = loading.get(ns);
      if (!p) {
        p = byArea[ns]!().then((m) => {
          i18n.addResourceBundle('zh-CN', ns, m['zh-CN'], true, true);
          i18n.addResourceBundle('en', ns, m.en, true, true);
        });
        loading.set(ns, p);
      }
      return p;
    }),
  ).then(() => {});
}

export default i18n;
