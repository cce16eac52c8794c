// Fixed vocabularies of the method (docs/), with the zh-CN terms users already know. Stored
// values are the English keys; imports accept the key or either label.
export interface Term {
  key: string;
  zh: string;
  en: string;
}

const terms = (list: [string, string, string][]): Term[] => list.map(([key, zh, en]) => ({ key, zh, en }));

export const vocab = {
  grade: terms([
    ['A', 'A', 'A'],
    ['B', 'B', 'B'],
    ['C', 'C', 'C'],
    ['D', 'D', 'D'],
  ]),
  relationshipStage: terms([
    ['acquainted', '认识', 'Acquainted'],
    ['engaged', '约会', 'Engaged'],
    ['trusted', '信赖', 'Trusted'],
    ['ally', '同盟', 'Ally'],
  ]),
  relationshipType: terms([
    ['outsider', '局外人', 'Outsider'],
    ['friend', '朋友', 'Friend'],
    ['supplier', '供应商', 'Supplier'],
    ['partner', '合作伙伴', 'Partner'],
  ]),
  communicationStyle: terms([
    ['peacock', '孔雀', 'Peacock (expressive)'],
    ['koala', '考拉熊', 'Koala (amiable)'],
    ['owl', '猫头鹰', 'Owl (analytical)'],
    ['tiger', '老虎', 'Tiger (driver)'],
    ['chameleon', '变色龙', 'Chameleon (adaptable)'],
  ]),
  valueType: terms([
    ['intrinsic', '内在价值型', 'Intrinsic value'],
    ['extrinsic', '外在价值型', 'Extrinsic value'],
    ['strategic', '战略价值型', 'Strategic value'],
  ]),
  loyaltyType: terms([
    ['monopoly', '垄断', 'Monopoly'],
    ['inertia', '惰性', 'Inertia'],
    ['price', '价格', 'Price'],
    ['incentive', '激励', 'Incentive'],
    ['superValue', '超值', 'Super-value'],
  ]),
  department: terms([
    ['user', '使用部门', 'User department'],
    ['technical', '技术部门', 'Technical'],
    ['finance', '财务/计划部门', 'Finance / planning'],
    ['service', '服务部门', 'Service'],
  ]),
  level: terms([
    ['decision', '决策层', 'Decision'],
    ['management', '管理层', 'Management'],
    ['operation', '操作层', 'Operation'],
  ]),
  buyingRole: terms([
    ['initiator', '发起者', 'Initiator'],
    ['decisionMaker', '决策者', 'Decision maker'],
    ['designer', '设计者', 'Designer'],
    ['evaluator', '评估者', 'Evaluator'],
    ['user', '使用者', 'User'],
  ]),
  persona: terms([
    ['economic', '经济型', 'Economic'],
    ['technical', '技术型', 'Technical'],
    ['user', '使用型', 'User'],
    ['financial', '财务型', 'Financial'],
    ['coach', '教练型', 'Coach'],
    ['influencer', '影响力买家', 'Influencer buyer'],
  ]),
  coachLevel: terms([
    ['none', '无', 'None'],
    ['low', '低级内线', 'Low'],
    ['medium', '中级内线', 'Medium'],
    ['high', '高级内线', 'High'],
  ]),
} as const;

export type VocabName = keyof typeof vocab;

export function vocabKeys(name: VocabName): [string, ...string[]] {
  return vocab[name].map((t) => t.key) as [string, ...string[]];
}

/** Key for a key or a label in either language (case-insensitive), or null. */
export function matchTerm(name: VocabName, text: string): string | null {
  const t = text.trim().toLowerCase();
  for (const term of vocab[name]) {
    if (term.key.toLowerCase() === t || term.zh.toLowerCase() === t || term.en.toLowerCase() === t) return term.key;
  }
  return null;
}

export function termLabel(name: VocabName, key: string | null | undefined, locale: 'zh-CN' | 'en'): string {
  if (!key) return '';
  const term = vocab[name].find((x) => x.key === key);
  if (!term) return key;
  return locale === 'zh-CN' ? term.zh : term.en;
}
