// The default case of a new training session: the seeds' four bargaining chips
// (docs/en/negotiation.md: price 价位, payment 付款, service 服务, delivery 到货时间) with five outcome levels per
// side. The levels mirror each other: what is level 5 for the vendor (the highest price)
// is level 1 for the customer. Trainers edit the terms per session.

export const STANDARD_ISSUES = ['price', 'payment', 'service', 'delivery'] as const;
export type StandardIssue = (typeof STANDARD_ISSUES)[number];

export const ISSUE_LABELS: Record<StandardIssue, { zh: string; en: string; aliases: string[] }> = {
  price: { zh: '价位', en: 'Price', aliases: ['价格', '价钱'] },
  payment: { zh: '付款', en: 'Payment', aliases: ['付款条件', '付款方式', 'payment terms'] },
  service: { zh: '服务', en: 'Service', aliases: ['售后服务'] },
  delivery: { zh: '到货时间', en: 'Delivery', aliases: ['交货期', '交货时间', '到货', 'delivery time'] },
};

/** A standard issue's key for its key, Chinese or English label or an alias (case-insensitive). */
export function matchStandardIssue(text: string): StandardIssue | null {
  const t = text.normalize('NFKC').trim().toLowerCase();
  for (const key of STANDARD_ISSUES) {
    const l = ISSUE_LABELS[key];
    if ([key, l.zh, l.en, ...l.aliases].some((x) => x.toLowerCase() === t)) return key;
  }
  return null;
}

export function issueLabel(issue: { issueKey: string | null; name: string }, locale: 'zh-CN' | 'en'): string {
  const key = issue.issueKey as StandardIssue | null;
  if (key && ISSUE_LABELS[key] && matchStandardIssue(issue.name) === key)
    return locale === 'zh-CN' ? ISSUE_LABELS[key].zh : ISSUE_LABELS[key].en;
  return issue.name;
}

/** Terms from the customer's best (index 0) to the vendor's best (index 4). */
const TERMS: Record<StandardIssue, { zh: string[]; en: string[] }> = {
  price: {
    zh: ['188万元', '220万元', '250万元', '280万元', '310万元'],
    en: ['¥1,880,000', '¥2,200,000', '¥2,500,000', '¥2,800,000', '¥3,100,000'],
  },
  payment: {
    zh: ['验收后90天付清', '验收后30天付清', '到货付全款', '预付50%，到货付50%', '全额预付'],
    en: [
      '100% 90 days after acceptance',
      '100% 30 days after acceptance',
      '100% on delivery',
      '50% advance, 50% on delivery',
      '100% in advance',
    ],
  },
  service: {
    zh: ['免费保修5年，24小时上门', '免费保修4年', '免费保修3年', '免费保修2年', '免费保修1年，上门收费'],
    en: [
      '5-year free warranty, 24h on-site',
      '4-year free warranty',
      '3-year free warranty',
      '2-year free warranty',
      '1-year warranty, paid on-site visits',
    ],
  },
  delivery: {
    zh: ['30天到货', '45天到货', '60天到货', '90天到货', '120天到货'],
    en: ['30 days', '45 days', '60 days', '90 days', '120 days'],
  },
};

export interface DefaultIssue {
  issueKey: StandardIssue;
  name: string;
  vendorTerms: string[];
  customerTerms: string[];
}

export function defaultIssue(key: StandardIssue, locale: 'zh-CN' | 'en'): DefaultIssue {
  const terms = TERMS[key][locale === 'zh-CN' ? 'zh' : 'en'];
  return {
    issueKey: key,
    name: locale === 'zh-CN' ? ISSUE_LABELS[key].zh : ISSUE_LABELS[key].en,
    vendorTerms: [...terms],
    customerTerms: [...terms].reverse(),
  };
}

export function defaultCase(locale: 'zh-CN' | 'en'): DefaultIssue[] {
  return STANDARD_ISSUES.map((k) => defaultIssue(k, locale));
}
