import { describe, expect, it } from 'vitest';
import { buildFunnel, funnelData, type FunnelInput } from './funnel';
import { dayNumber } from '../../shared/dates';
import { sinceDate, staysOf } from './domain';
import { stages, index, FROM, TO, all } from './domainFixtures';

// The funnel on the hand-built histories of ./domainFixtures.

describe('the funnel', () => {
  const fi: FunnelInput = { asOf: TO, periodFrom: FROM, periodTo: TO, stages, index };
  const f = buildFunnel(funnelData(all, fi), fi);

  it('counts open opportunities by stage as of a date', () => {
    expect(f.stages.map((s) => s.count)).toEqual([1, 1, 1, 4, 1, 0, 0]);
    expect(f.open.count).toBe(8);
  });

  it('conversion between consecutive stages and average days over the period', () => {
    const s2 = f.stages[2]!;
    // Left s2 in the period: several, backfwd, fwdback (forward; 2, 2, 30 days), relost (lost; 2 days).
    expect(s2).toMatchObject({ left: 4, converted: 3, conversionBp: 7500, avgDays: 9 });
    const s3 = f.stages[3]!;
    expect(s3).toMatchObject({ left: 1, converted: 0, conversionBp: 0, avgDays: 31 });
    expect(f.stages[6]).toMatchObject({ left: 0, conversionBp: null, avgDays: null });
  });

  it('is the same from histories cut at the start of the period', () => {
    const cut = all.map((h) => sinceDate(h, FROM));
    expect(buildFunnel(funnelData(cut, fi), fi)).toEqual(f);
  });

  it('counts exits from transitions exactly as the stays of each history end', () => {
    // Reference: stays that ended in the period, straight from staysOf.
    const left = new Map<string, number>();
    const days = new Map<string, number>();
    for (const h of all) {
      for (const s of staysOf(h.events, index, TO)) {
        if (s.end === null || s.end <= FROM) continue;
        left.set(s.stage.id, (left.get(s.stage.id) ?? 0) + 1);
        days.set(s.stage.id, (days.get(s.stage.id) ?? 0) + dayNumber(s.end) - dayNumber(s.start));
      }
    }
    for (const st of f.stages) {
      expect(st.left, st.stageId).toBe(left.get(st.stageId) ?? 0);
      if (st.left) expect(st.avgDays).toBe(Math.round((days.get(st.stageId)! / st.left) * 10) / 10);
    }
  });

  it('won to date beside the weighted forecast by month', () => {
    expect(f.wonToDate).toEqual({ count: 2, amount: 82_000_00 + 30_000_00 });
    expect(f.months.find((m) => m.month === '2026-03')!.won).toBe(112_000_00);
  });
});
