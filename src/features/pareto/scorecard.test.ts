import { describe, expect, it } from 'vitest';
import {
  checkWeights,
  dimensionScores,
  disagreements,
  percentileRanks,
  scorecard,
  weightedScore,
  type ScorecardAccount,
} from './scorecard';

const base: ScorecardAccount = {
  id: 'x',
  name: 'X',
  sales: 0,
  salesLastYear: 0,
  profit: 0,
  receivable: 0,
  relationshipStage: null,
  relationshipType: null,
  loyaltyType: null,
  valueType: null,
};

describe('scorecard', () => {
  it('ranks values by mid-rank percentile', () => {
    expect(percentileRanks([10, 20, 30])).toEqual([0, 50, 100]);
    expect(percentileRanks([5, 5, 9])).toEqual([25, 25, 100]);
    expect(percentileRanks([7])).toEqual([50]);
  });

  it('scores the four dimensions from the account fields', () => {
    const [big, small] = dimensionScores([
      {
        ...base,
        id: 'big',
        sales: 1000,
        salesLastYear: 800,
        profit: 200,
        receivable: 0,
        relationshipStage: 'ally',
        relationshipType: 'partner',
        loyaltyType: 'superValue',
        valueType: 'strategic',
      },
      {
        ...base,
        id: 'small',
        sales: 100,
        salesLastYear: 200,
        profit: -10,
        receivable: 50,
        relationshipStage: 'acquainted',
        relationshipType: 'outsider',
        loyaltyType: 'price',
        valueType: 'intrinsic',
      },
    ]);
    // big: profit rank 100, nothing owed → 100; sales rank 100, growth +25 % → 75 → 0.7·100 + 0.3·75 = 92.5 → 93 (rounded half up)
    expect(big).toEqual({ financial: 100, sales: 93, customer: 100, service: 100 });
    // small: profit rank 0, owes 50 % → 0; sales rank 0, growth −50 % → 0; stage 25·0.6 = 15; loyalty 20·0.6 + 30·0.4 = 24
    expect(small).toEqual({ financial: 0, sales: 0, customer: 15, service: 24 });
  });

  it('weights the dimensions and grades by the cutoffs', () => {
    expect(weightedScore({ financial: 100, sales: 50, customer: 0, service: 0 }, { financial: 1, sales: 1, customer: 0, service: 0 })).toBe(
      75,
    );
    expect(weightedScore({ financial: 10, sales: 0, customer: 0, service: 0 }, { financial: 1, sales: 2, customer: 0, service: 0 })).toBe(
      3.3,
    );
    expect(() => checkWeights({ financial: 0, sales: 0, customer: 0, service: 0 })).toThrow(/positive/);
    expect(() => checkWeights({ financial: 1.5, sales: 0, customer: 0, service: 0 })).toThrow(/whole/);
    const s = scorecard(
      [
        { ...base, id: 'a', sales: 10, profit: 10, relationshipStage: 'ally', relationshipType: 'partner' },
        { ...base, id: 'b' },
      ],
      {
        weights: { financial: 0, sales: 0, customer: 1, service: 0 },
        cutoffs: { a: 60, b: 40 },
      },
    );
    expect(s.map((x) => [x.id, x.total, x.grade])).toEqual([
      ['a', 100, 'A'],
      ['b', 0, 'C'],
    ]);
  });

  it('lists where scorecard and ABC disagree, widest gap first', () => {
    const scored = [
      { id: '1', name: 'one', scores: { financial: 0, sales: 0, customer: 0, service: 0 }, total: 10, grade: 'C' as const },
      { id: '2', name: 'two', scores: { financial: 0, sales: 0, customer: 0, service: 0 }, total: 80, grade: 'A' as const },
      { id: '3', name: 'three', scores: { financial: 0, sales: 0, customer: 0, service: 0 }, total: 50, grade: 'B' as const },
    ];
    const abc = new Map([
      ['1', 'B' as const],
      ['2', 'C' as const],
      ['3', 'B' as const],
    ]);
    const d = disagreements(scored, abc);
    expect(d.list.map((x) => [x.id, x.gap])).toEqual([
      ['2', 2],
      ['1', -1],
    ]);
    expect(d.matrix.B.B).toBe(1);
    expect(d.matrix.C.A).toBe(1);
  });
});
