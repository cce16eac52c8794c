import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Out } from '../../../renderer/api/client';
import { takeEarly } from '../../../renderer/api/early';
import { usePrefs } from '../../../renderer/app/prefs';
import type { Stage } from '../contract';

export type Lookups = Out<'pipeline:lookups'> & Out<'accounts:lookups'>;

export interface Names {
  stage(id: string | null | undefined): string;
  /** "2 挖掘需求" — the stage's number and name, as the board and the funnel show it. */
  stageLabel(s: Stage): string;
  rep(id: string | null | undefined): string;
  territory(id: string | null | undefined): string;
}

/** The pipeline's lookups (active stages, accounts, reps, territories) and names in the current language. */
export function usePipelineLookups(): { lookups: Lookups | null; names: Names; reload(): Promise<void> } {
  const { locale } = usePrefs();
  const [lookups, setLookups] = useState<Lookups | null>(null);
  const reload = useCallback(async () => {
    const [p, a] = await Promise.all([takeEarly('pipeline:lookups', {}), takeEarly('accounts:lookups', {})]);
    setLookups({ ...p, ...a });
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const names = useMemo<Names>(() => {
    const pick = (x?: { nameZh: string; nameEn: string }) => (x ? (locale === 'zh-CN' ? x.nameZh : x.nameEn) : '');
    const stages = new Map(lookups?.stages.map((s) => [s.id, s]) ?? []);
    const reps = new Map(lookups?.reps.map((r) => [r.id, r]) ?? []);
    const territories = new Map(lookups?.territories.map((r) => [r.id, r]) ?? []);
    return {
      stage: (id) => pick(id ? stages.get(id) : undefined),
      stageLabel: (s) => `${s.position} ${pick(s)}`,
      rep: (id) => pick(id ? reps.get(id) : undefined),
      territory: (id) => pick(id ? territories.get(id) : undefined),
    };
  }, [lookups, locale]);

  return { lookups, names, reload };
}

/** Basis points as a percent with up to one decimal: 2500 → "25%". */
export function percent(bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return '–';
  const p = bp / 100;
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}
