// Which section of the method (docs/<lang>/<page>.md, heading `{#id}`) each screen's "?"
// opens. A key is an area, or `area.tab` for a tab with a section of its own.

export const DOC_PAGES = ['getting-started', 'accounts', 'abc', 'pipeline', 'negotiation', 'training', 'receivables', 'team'] as const;
export type DocPage = (typeof DOC_PAGES)[number];
export const DOC_LANGS = ['en', 'zh-CN'] as const;

export interface HelpSection {
  page: DocPage;
  id: string;
}

export const HELP_SECTIONS: Record<string, HelpSection> = {
  accounts: { page: 'accounts', id: 'accounts' },
  pareto: { page: 'abc', id: 'abc' },
  'pareto.plan': { page: 'abc', id: 'visit-cadence' },
  'pareto.scorecard': { page: 'accounts', id: 'value-scorecard' },
  pipeline: { page: 'pipeline', id: 'pipeline' },
  'pipeline.funnel': { page: 'pipeline', id: 'funnel' },
  'pipeline.review': { page: 'pipeline', id: 'weekly-review' },
  'pipeline.settings': { page: 'pipeline', id: 'stages' },
  negotiation: { page: 'negotiation', id: 'negotiation' },
  training: { page: 'training', id: 'training' },
  receivables: { page: 'receivables', id: 'receivables' },
  'receivables.aging': { page: 'receivables', id: 'aging' },
  'receivables.journal': { page: 'receivables', id: 'provisions' },
  'receivables.collections': { page: 'receivables', id: 'collection-ladder' },
  'receivables.credit': { page: 'receivables', id: 'prevention' },
  reports: { page: 'getting-started', id: 'getting-started' },
  settings: { page: 'getting-started', id: 'getting-started' },
};

/** The section for a screen: its tab's own, else its area's. */
export function helpSectionFor(area: string, tab: string | null): HelpSection {
  return (tab ? HELP_SECTIONS[`${area}.${tab}`] : undefined) ?? HELP_SECTIONS[area] ?? HELP_SECTIONS.settings!;
}
