import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common } from './common';
import { accountsMessages } from '../../features/accounts/ui/messages';
import { trainingMessages } from '../../features/training/ui/messages';
import { negotiationMessages } from '../../features/negotiation/ui/messages';
import { receivablesMessages } from '../../features/receivables/ui/messages';
import { paretoMessages } from '../../features/pareto/ui/messages';
import { pipelineMessages } from '../../features/pipeline/ui/messages';
import { reportsMessages } from '../../features/reports/ui/messages';
import { orgMessages } from '../../features/org/ui/messages';
import { booksMessages } from '../../features/books/ui/messages';

export type Locale = 'zh-CN' | 'en';

// One i18next instance; each feature registers its namespace here (one line).
const namespaces: Record<string, Record<Locale, object>> = {
  common,
  accounts: accountsMessages,
  pipeline: pipelineMessages,
  training: trainingMessages,
  negotiation: negotiationMessages,
  receivables: receivablesMessages,
  pareto: paretoMessages,
  reports: reportsMessages,
  org: orgMessages,
  books: booksMessages,
};

const resources: Record<Locale, Record<string, object>> = { 'zh-CN': {}, en: {} };
for (const [ns, byLocale] of Object.entries(namespaces)) {
  resources['zh-CN'][ns] = byLocale['zh-CN'];
  resources.en[ns] = byLocale.en;
}

void i18n.use(initReactI18next).init({
  resources,
  lng: 'zh-CN',
  fallbackLng: 'en',
  defaultNS: 'common',
  ns: Object.keys(namespaces),
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
