import { describe, expect, it } from 'vitest';
import {
  agreementOptions,
  competitionRanks,
  dealValue,
  debrief,
  guessAccuracy,
  isCompleteOrder,
  issueScore,
  leaderboard,
  levelsForTerm,
  maxTeamScore,
  paretoFrontier,
  possibleAgreements,
  priorityWeight,
  scorePairing,
  scoreSession,
  scoringMatrix,
  type TrainingCase,
} from './domain';
import { defaultIssue } from './cases';

const ISSUES = ['price', 'payment', 'service', 'delivery'];
// The seeds' example orders (docs/en/negotiation.md): vendor price 2, payment 1, service 3, delivery 4;
// customer price 1, payment 4, service 3, delivery 2.
const VENDOR_ORDER = { price: 2, payment: 1, service: 3, delivery: 4 };
const CUSTOMER_ORDER = { price: 1, payment: 4, service: 3, delivery: 2 };

describe('the scoring matrix (seed 003: 第一优先 4 8 12 16 20 … 第四优先 1 2 3 4 5)', () => {
  const expected = [
    [4, 8, 12, 16, 20],
    [3, 6, 9, 12, 15],
    [2, 4, 6, 8, 10],
    [1, 2, 3, 4, 5],
  ];
  for (let p = 1; p <= 4; p++) {
    for (let level = 1; level <= 5; level++) {
      it(`priority ${p} × level ${level} = ${expected[p - 1]![level - 1]}`, () => {
        expect(issueScore(p, level)).toBe(expected[p - 1]![level - 1]);
      });
    }
  }
  it('is the whole matrix, weights 4 3 2 1, max 50', () => {
    expect(scoringMatrix()).toEqual(expected);
    expect([1, 2, 3, 4].map((p) => priorityWeight(p))).toEqual([4, 3, 2, 1]);
    expect(maxTeamScore()).toBe(50);
  });
  it('refuses priorities and levels outside the scale', () => {
    expect(() => issueScore(0, 3)).toThrow(RangeError);
    expect(() => issueScore(5, 3)).toThrow(RangeError);
    expect(() => issueScore(1, 6)).toThrow(RangeError);
    expect(() => issueScore(1, 0)).toThrow(RangeError);
  });
});

function seedCase(over: Partial<TrainingCase> = {}): TrainingCase {
  return {
    issueIds: ISSUES,
    teams: [
      { id: 'v1', name: '厂家一组', side: 'vendor' },
      { id: 'v2', name: '厂家二组', side: 'vendor' },
      { id: 'v3', name: '厂家三组', side: 'vendor' },
      { id: 'c1', name: '客户组', side: 'customer' },
    ],
    priorities: { v1: VENDOR_ORDER, v2: VENDOR_ORDER, v3: VENDOR_ORDER, c1: CUSTOMER_ORDER },
    guesses: {},
    pairings: [
      { id: 'p1', round: 1, label: 'A', vendorTeamId: 'v1', customerTeamId: 'c1', signed: true },
      { id: 'p2', round: 1, label: 'B', vendorTeamId: 'v2', customerTeamId: 'c1', signed: true },
      { id: 'p3', round: 1, label: 'C', vendorTeamId: 'v3', customerTeamId: 'c1', signed: false },
    ],
    outcomes: {
      // price 3/3, payment 5/1, service 3/3, delivery 1/5
      p1: {
        price: { vendorLevel: 3, customerLevel: 3 },
        payment: { vendorLevel: 5, customerLevel: 1 },
        service: { vendorLevel: 3, customerLevel: 3 },
        delivery: { vendorLevel: 1, customerLevel: 5 },
      },
      // price 3/3, payment 3/3, service 3/3, delivery 3/3 (split everything)
      p2: Object.fromEntries(ISSUES.map((i) => [i, { vendorLevel: 3, customerLevel: 3 }])),
      p3: Object.fromEntries(ISSUES.map((i) => [i, { vendorLevel: 4, customerLevel: 2 }])),
    },
    brokenOff: { rule: 'zero' },
    ...over,
  };
}

describe('pairing scores', () => {
  it('sums weight × level per side', () => {
    const c = seedCase();
    const s = scorePairing(c, c.pairings[0]!);
    // vendor: price w3×3=9, payment w4×5=20, service w2×3=6, delivery w1×1=1 → 36
    expect(s.vendor.lines.map((l) => l.score)).toEqual([9, 20, 6, 1]);
    expect(s.vendor.total).toBe(36);
    // customer: price w4×3=12, payment w1×1=1, service w2×3=6, delivery w3×5=15 → 34
    expect(s.customer.total).toBe(34);
    expect(s.joint).toBe(70);
    expect(s.status).toBe('signed');
    // conceded = weight × (5 − level): vendor 6 + 0 + 4 + 4
    expect(s.vendor.conceded).toBe(14);
  });

  it('a pairing not signed in time is broken off: 0 for both sides', () => {
    const c = seedCase();
    const s = scorePairing(c, c.pairings[2]!);
    expect(s.status).toBe('brokenOff');
    expect([s.vendor.total, s.customer.total, s.joint]).toEqual([0, 0, 0]);
    expect(s.vendor.lines.every((l) => l.level === null && l.score === 0)).toBe(true);
  });

  it('the trainer can score a broken-off pairing as entered or at a fixed level instead', () => {
    const asEntered = seedCase({ brokenOff: { rule: 'asEntered' } });
    const a = scorePairing(asEntered, asEntered.pairings[2]!);
    expect(a.status).toBe('brokenOff');
    // vendor level 4 on everything: 4×(3+4+2+1) = 40; customer level 2: 2×10 = 20
    expect([a.vendor.total, a.customer.total]).toEqual([40, 20]);
    const fixed = seedCase({ brokenOff: { rule: 'fixedLevel', level: 1 } });
    const f = scorePairing(fixed, fixed.pairings[2]!);
    expect([f.vendor.total, f.customer.total]).toEqual([10, 10]);
  });

  it('a signed pairing with a missing outcome or order is incomplete and says what is missing', () => {
    const c = seedCase({ priorities: { v1: VENDOR_ORDER, c1: { price: 1, payment: 1, service: 3, delivery: 2 } } });
    const missingOutcome = { ...c.outcomes.p1 };
    delete missingOutcome.service;
    const s = scorePairing({ ...c, outcomes: { p1: missingOutcome } }, c.pairings[0]!);
    expect(s.status).toBe('incomplete');
    expect(s.missing).toEqual(['customerPriorities', 'outcome:service']);
  });
});

describe('ranking', () => {
  it('same total → same rank, competition style (1, 1, 3)', () => {
    expect(competitionRanks([30, 42, 42, 10])).toEqual([3, 1, 1, 4]);
    expect(competitionRanks([5, 5, 5])).toEqual([1, 1, 1]);
    expect(competitionRanks([])).toEqual([]);
  });

  it('ranks each side separately with ties, totals over all rounds and joint scores', () => {
    // v1 and v2 end on the same total: round 1 p1 (36) vs p2 (30) + round 2 (6).
    const c = seedCase();
    const round2 = { id: 'p4', round: 2, label: 'A', vendorTeamId: 'v2', customerTeamId: 'c1', signed: true };
    const outcomes = {
      ...c.outcomes,
      p4: {
        price: { vendorLevel: 1, customerLevel: 5 },
        payment: { vendorLevel: 1, customerLevel: 5 },
        service: { vendorLevel: 1, customerLevel: 5 },
        delivery: { vendorLevel: 3, customerLevel: 3 },
      },
    };
    const cc = { ...c, pairings: [...c.pairings, round2], outcomes };
    const scores = cc.pairings.map((p) => scorePairing(cc, p));
    const board = leaderboard(cc, scores);
    // p2: vendor 3×10 = 30, customer 30. p4: vendor 3+4+2+3 = 12 → v2 = 42; v1 = 36.
    expect(board.vendor.map((r) => [r.name, r.rank, r.total])).toEqual([
      ['厂家二组', 1, 42],
      ['厂家一组', 2, 36],
      ['厂家三组', 3, 0],
    ]);
    const v1 = board.vendor.find((r) => r.teamId === 'v1')!;
    expect(v1.joint).toBe(70);
    // customer c1 over p1 + p2 + p3 + p4: 34 + 30 + 0 + (4×5+1×5+2×5+3×3=44) = 108
    expect(board.customer[0]).toMatchObject({ rank: 1, total: 108, pairings: 4 });
  });

  it('ties share a rank on the leaderboard', () => {
    const c = seedCase({
      pairings: seedCase().pairings.map((p) => ({ ...p, signed: true })),
      outcomes: { p1: seedCase().outcomes.p2!, p2: seedCase().outcomes.p2!, p3: seedCase().outcomes.p1! },
    });
    const board = leaderboard(
      c,
      c.pairings.map((p) => scorePairing(c, p)),
    );
    expect(board.vendor.map((r) => [r.teamId, r.rank, r.total])).toEqual([
      ['v3', 1, 36],
      ['v1', 2, 30],
      ['v2', 2, 30],
    ]);
  });
});

describe('guess accuracy', () => {
  it('is the share of issues whose priority was guessed exactly', () => {
    expect(guessAccuracy({ price: 1, payment: 4, service: 3, delivery: 2 }, [CUSTOMER_ORDER], ISSUES)).toBe(1);
    expect(guessAccuracy({ price: 1, payment: 3, service: 4, delivery: 2 }, [CUSTOMER_ORDER], ISSUES)).toBe(0.5);
    expect(guessAccuracy({ price: 4, payment: 3, service: 2, delivery: 1 }, [CUSTOMER_ORDER], ISSUES)).toBe(0);
  });
  it('a partial guess counts the unguessed issues as misses', () => {
    expect(guessAccuracy({ price: 1 }, [CUSTOMER_ORDER], ISSUES)).toBe(0.25);
  });
  it('is null without guesses or without a counterpart whose order is known', () => {
    expect(guessAccuracy(undefined, [CUSTOMER_ORDER], ISSUES)).toBeNull();
    expect(guessAccuracy({}, [CUSTOMER_ORDER], ISSUES)).toBeNull();
    expect(guessAccuracy({ price: 1 }, [], ISSUES)).toBeNull();
  });
  it('averages over every counterpart the team faced (a customer facing three vendors)', () => {
    const other = { price: 1, payment: 2, service: 3, delivery: 4 };
    // guess = VENDOR_ORDER: 4/4 against VENDOR_ORDER, 2/4 (service, delivery) against other
    expect(guessAccuracy(VENDOR_ORDER, [VENDOR_ORDER, other], ISSUES)).toBe(0.75);
  });
  it('appears on the leaderboard', () => {
    const c = seedCase({ guesses: { v1: { price: 1, payment: 4, service: 2, delivery: 3 }, c1: VENDOR_ORDER } });
    const board = leaderboard(
      c,
      c.pairings.map((p) => scorePairing(c, p)),
    );
    expect(board.vendor.find((r) => r.teamId === 'v1')!.guessAccuracy).toBe(0.5);
    expect(board.vendor.find((r) => r.teamId === 'v2')!.guessAccuracy).toBeNull();
    expect(board.customer[0]!.guessAccuracy).toBe(1);
  });
});

describe('orders', () => {
  it('a complete order ranks every issue once', () => {
    expect(isCompleteOrder(VENDOR_ORDER, ISSUES)).toBe(true);
    expect(isCompleteOrder({ price: 1, payment: 1, service: 3, delivery: 4 }, ISSUES)).toBe(false);
    expect(isCompleteOrder({ price: 1, payment: 2, service: 3 }, ISSUES)).toBe(false);
    expect(isCompleteOrder({ price: 1, payment: 2, service: 3, delivery: 5 }, ISSUES)).toBe(false);
  });
});

describe('what was possible', () => {
  // Hand-checked: two issues, mirrored levels (customer level = 6 − vendor level).
  // A matters to the vendor (weight 4 vs 1), B to the customer (1 vs 4).
  // vendor = 4a + b, customer = (6 − a) + 4(6 − b) = 30 − a − 4b.
  const mirrored = agreementOptions({ vendorTerms: [], customerTerms: [] });
  const small = possibleAgreements([
    { options: mirrored, vendorWeight: 4, customerWeight: 1 },
    { options: mirrored, vendorWeight: 1, customerWeight: 4 },
  ]);

  it('enumerates every combination of levels', () => {
    expect(small.combinations).toBe(25);
    expect(small.points.reduce((t, p) => t + p.count, 0)).toBe(25);
    expect(small.points).toContainEqual({ vendor: 15, customer: 15, count: 1 });
  });

  it('finds the efficient frontier: the vendor wins A, the customer wins B, and the trades along it', () => {
    // a = 5 with b = 1..5, and b = 1 with a = 1..4
    expect(small.frontier).toEqual([
      { vendor: 5, customer: 25 },
      { vendor: 9, customer: 24 },
      { vendor: 13, customer: 23 },
      { vendor: 17, customer: 22 },
      { vendor: 21, customer: 21 },
      { vendor: 22, customer: 17 },
      { vendor: 23, customer: 13 },
      { vendor: 24, customer: 9 },
      { vendor: 25, customer: 5 },
    ]);
    expect(small.bestJoint).toBe(42);
  });

  it('measures the joint value left on the table against agreements better for both', () => {
    // Splitting both issues (a = b = 3): 15/15. Better for both: (17,22) 39, (21,21) 42, (22,17) 39.
    expect(dealValue(small, { vendor: 15, customer: 15 })).toEqual({
      leftOnTable: 12,
      gapToBestJoint: 12,
      onFrontier: false,
      beyondFrontier: false,
    });
    // A lopsided deal on the frontier leaves nothing on the table, yet is short of the best joint score.
    expect(dealValue(small, { vendor: 25, customer: 5 })).toEqual({
      leftOnTable: 0,
      gapToBestJoint: 12,
      onFrontier: true,
      beyondFrontier: false,
    });
    // Broken off (0/0): every agreement was better for both.
    expect(dealValue(small, { vendor: 0, customer: 0 }).leftOnTable).toBe(42);
    // Levels that no agreement reaches (both sides at level 5 on A and B).
    expect(dealValue(small, { vendor: 25, customer: 25 }).beyondFrontier).toBe(true);
  });

  it('the frontier keeps only points no other beats for both sides', () => {
    expect(
      paretoFrontier([
        { vendor: 1, customer: 1 },
        { vendor: 2, customer: 1 },
        { vendor: 1, customer: 2 },
        { vendor: 0, customer: 3 },
      ]),
    ).toEqual([
      { vendor: 0, customer: 3 },
      { vendor: 1, customer: 2 },
      { vendor: 2, customer: 1 },
    ]);
  });

  it('when both sides rank alike there is nothing to create: every agreement is on the frontier', () => {
    const p = possibleAgreements([
      { options: mirrored, vendorWeight: 2, customerWeight: 2 },
      { options: mirrored, vendorWeight: 1, customerWeight: 1 },
    ]);
    expect(new Set(p.frontier.map((f) => f.vendor + f.customer))).toEqual(new Set([18]));
  });

  it("pairs levels by the case definitions; an agreed term maps to both sides' levels", () => {
    const price = defaultIssue('price', 'zh-CN');
    expect(agreementOptions(price)).toEqual([
      [1, 5],
      [2, 4],
      [3, 3],
      [4, 2],
      [5, 1],
    ]);
    expect(levelsForTerm(price, ' 310万元 ')).toEqual({ vendorLevel: 5, customerLevel: 1 });
    expect(levelsForTerm(price, '250万元')).toEqual({ vendorLevel: 3, customerLevel: 3 });
    expect(levelsForTerm(price, '999')).toBeNull();
    expect(levelsForTerm({ vendorTerms: ['x', 'y', 'z', 'w', 'v'], customerTerms: [] }, 'w')).toEqual({ vendorLevel: 4, customerLevel: 2 });
  });

  it("the seeds' case: 625 agreements, the deals placed against the frontier", () => {
    const c = seedCase();
    const r = scoreSession(c);
    expect(r.possible.groups).toHaveLength(1);
    const g = r.possible.groups[0]!;
    expect(g.possible.combinations).toBe(625);
    expect(g.pairingIds).toEqual(['p1', 'p2', 'p3']);
    // Best joint: each issue to the side that weighs it more (price→customer 4>3, payment→vendor
    // 4>1, service: equal weights 2/2, any split = 12, delivery→customer 3>1):
    // vendor 3×1 + 4×5 + 2×s + 1×1, customer 4×5 + 1×1 + 2×(6−s) + 3×5 → joint 3+20+1+20+1+15+12 = 72.
    expect(g.possible.bestJoint).toBe(72);
    // p1 (36/34 = 70): the frontier holds (37,34): one more point for the vendor at no cost.
    expect(r.possible.byPairing.p1).toMatchObject({ deal: { vendor: 36, customer: 34 }, gapToBestJoint: 2, leftOnTable: 1 }); // (37,34) is better for the vendor, no worse for the customer
    expect(r.possible.byPairing.p2).toMatchObject({ deal: { vendor: 30, customer: 30 }, gapToBestJoint: 12, onFrontier: false });
    expect(r.possible.byPairing.p3).toMatchObject({ deal: { vendor: 0, customer: 0 }, leftOnTable: 72 });
  });
});

describe('debrief', () => {
  it('shows per issue who it mattered more to and who got it', () => {
    const c = seedCase();
    const d = debrief(scorePairing(c, c.pairings[0]!));
    const byIssue = Object.fromEntries(d.issues.map((i) => [i.issueId, i]));
    expect(byIssue.payment).toMatchObject({ mattersMoreTo: 'vendor', wentTo: 'vendor', wellTraded: true });
    expect(byIssue.delivery).toMatchObject({ mattersMoreTo: 'customer', wentTo: 'customer', wellTraded: true });
    expect(byIssue.price).toMatchObject({ mattersMoreTo: 'customer', wentTo: 'split', wellTraded: null });
    expect(byIssue.service).toMatchObject({ mattersMoreTo: 'both' });
    expect(d.vendor).toEqual({ received: 36, conceded: 14, gaveUpTopPriority: false });
    // customer: price w4 (5−3)=8, payment w1×4=4, service w2×2=4, delivery 0 → 16
    expect(d.customer).toEqual({ received: 34, conceded: 16, gaveUpTopPriority: false });
  });
});
