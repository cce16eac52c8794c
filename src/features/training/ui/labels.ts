import type { TrainingDetail } from '../contract';
import { issueLabel } from '../cases';

/** Name lookups for a session, in the interface language. */
export function sessionLabels(d: TrainingDetail | null, locale: 'zh-CN' | 'en') {
  const teams = new Map(d?.teams.map((t) => [t.id, t.name]) ?? []);
  const issues = new Map(d?.issues.map((i) => [i.id, issueLabel(i, locale)]) ?? []);
  return {
    team: (id: string) => teams.get(id) ?? '?',
    issue: (id: string) => issues.get(id) ?? '?',
  };
}

/** Side colours used by every chart and tag: vendors blue, customers orange. */
export const SIDE_COLOR = { vendor: '#1f6feb', customer: '#e8590c' } as const;
export const SIDE_COLOR_LIGHT = { vendor: '#a5c8ff', customer: '#ffc9a3' } as const;

export const percent = (x: number | null, locale: string) => (x === null ? '–' : `${Math.round(x * 100).toLocaleString(locale)}%`);
