import type { IssueInput } from './contract';

// The seeds' worked example (docs/en/negotiation.md, seed 003 "谈判目标和底线"): price quote
// 3,100,000 yuan, floor 1,880,000 → margin 1,220,000; the target (2,500,000) lies in
// between; three shrinking concessions (300,000 → 180,000 → 120,000), each with an
// exchange, end exactly on the target. The other issues carry example numbers; the whole
// worksheet passes every check.
// Values are hundredths of the unit (fen for yuan). Ids are client keys, as the editor sends.

const yuan = (n: number) => n * 100;
const days = (n: number) => n * 100;

export const seedExampleIssues: (IssueInput & { id: string })[] = [
  {
    id: 'price',
    kind: 'price',
    name: '价格',
    unit: 'yuan',
    direction: 'higher',
    quote: yuan(3_100_000),
    target: yuan(2_500_000),
    floor: yuan(1_880_000),
    ourPriority: 2,
    theirPriority: 1,
    theirOpening: yuan(2_000_000),
    theirFloor: yuan(2_700_000),
    steps: [
      {
        entered: 'position',
        position: yuan(2_800_000),
        size: null,
        exchange: '预付 30%',
        tradedIssueId: 'payment',
        tradedAmount: days(30),
        reason: '对方预算压力',
      },
      {
        entered: 'position',
        position: yuan(2_620_000),
        size: null,
        exchange: '签三年服务合同',
        tradedIssueId: 'delivery',
        tradedAmount: days(15),
        reason: '竞争对手报价更低',
      },
      {
        entered: 'size',
        position: null,
        size: yuan(120_000),
        exchange: '本月内签约',
        tradedIssueId: null,
        tradedAmount: null,
        reason: '决策者最后让步',
      },
    ],
  },
  {
    id: 'payment',
    kind: 'payment',
    name: '付款条件',
    unit: 'days',
    direction: 'lower',
    quote: days(30),
    target: days(60),
    floor: days(90),
    ourPriority: 1,
    theirPriority: 4,
    theirOpening: days(120),
    theirFloor: days(60),
    steps: [
      {
        entered: 'position',
        position: days(60),
        size: null,
        exchange: '提高首付款比例',
        tradedIssueId: null,
        tradedAmount: null,
        reason: '客户财务流程',
      },
    ],
  },
  {
    id: 'service',
    kind: 'service',
    name: '服务',
    unit: 'days',
    direction: 'lower',
    quote: days(5),
    target: days(10),
    floor: days(15),
    ourPriority: 3,
    theirPriority: 3,
    theirOpening: null,
    theirFloor: null,
    steps: [],
  },
  {
    id: 'delivery',
    kind: 'delivery',
    name: '到货时间',
    unit: 'days',
    direction: 'higher',
    quote: days(90),
    target: days(60),
    floor: days(45),
    ourPriority: 4,
    theirPriority: 2,
    theirOpening: days(30),
    theirFloor: days(60),
    steps: [
      {
        entered: 'position',
        position: days(60),
        size: null,
        exchange: '接受分批到货',
        tradedIssueId: 'price',
        tradedAmount: yuan(50_000),
        reason: '客户工期紧',
      },
    ],
  },
];
