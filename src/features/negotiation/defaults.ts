import type { IssueInput, IssueKind } from './contract';
import type { Lang } from './units';

// The four bargaining chips of docs/en/negotiation.md (价位, 付款, 服务, 到货时间) as a new worksheet's
// issues, with the seeds' example ranks (vendor: price 2, payment 1, service 3, delivery 4;
// customer: price 1, payment 4, service 3, delivery 2) as a starting point to change.
//   price     yuan, higher is better for us
//   payment   days of credit (账期), lower is better for us (we are paid sooner)
//   service   days of free on-site service, lower is better for us (it costs us)
//   delivery  days until delivery, higher is better for us (more time to deliver)

export const defaultIssueNames: Record<Exclude<IssueKind, 'custom'>, Record<Lang, string>> = {
  price: { 'zh-CN': '价格', en: 'Price' },
  payment: { 'zh-CN': '付款条件', en: 'Payment terms' },
  service: { 'zh-CN': '服务', en: 'Service' },
  delivery: { 'zh-CN': '到货时间', en: 'Delivery time' },
};

export function defaultIssues(lang: Lang): IssueInput[] {
  const base = { quote: null, target: null, floor: null, theirOpening: null, theirFloor: null, steps: [] };
  return [
    { ...base, kind: 'price', name: defaultIssueNames.price[lang], unit: 'yuan', direction: 'higher', ourPriority: 2, theirPriority: 1 },
    { ...base, kind: 'payment', name: defaultIssueNames.payment[lang], unit: 'days', direction: 'lower', ourPriority: 1, theirPriority: 4 },
    { ...base, kind: 'service', name: defaultIssueNames.service[lang], unit: 'days', direction: 'lower', ourPriority: 3, theirPriority: 3 },
    {
      ...base,
      kind: 'delivery',
      name: defaultIssueNames.delivery[lang],
      unit: 'days',
      direction: 'higher',
      ourPriority: 4,
      theirPriority: 2,
    },
  ];
}
