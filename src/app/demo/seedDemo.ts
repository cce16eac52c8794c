import seedrandom from 'seedrandom';
import { seededIds } from '../../platform/seededIds';
import type { ServerContext } from '../../platform/context';
import { insertRow } from '../../platform/db/changeLog';
import { writeBookIdentity } from '../../platform/bookIdentity';
import { addDays } from '../../shared/dates';
import { seedTrainingDemo } from '../../features/training/server/demo';
import { seedPipelineDemo } from '../../features/pipeline/server/demo';
import { seedNegotiationDemo } from '../../features/negotiation/server/demo';
import { seedReceivablesDemo } from '../../features/receivables/server/demo';
import { seedReportsDemo } from '../../features/reports/server/demo';

// The demo company: 3 territories, 6 reps, ~400 accounts with contacts and competitors.
// Seeded random, so every new demo book holds the same data (ids included).

const TERRITORIES: { zh: string; en: string; cities: (readonly [string, string])[] }[] = [
  {
    zh: '华东区',
    en: 'East China',
    cities: [
      ['上海', 'Shanghai'],
      ['杭州', 'Hangzhou'],
      ['南京', 'Nanjing'],
      ['苏州', 'Suzhou'],
      ['宁波', 'Ningbo'],
    ],
  },
  {
    zh: '华北区',
    en: 'North China',
    cities: [
      ['北京', 'Beijing'],
      ['天津', 'Tianjin'],
      ['石家庄', 'Shijiazhuang'],
      ['济南', 'Jinan'],
      ['青岛', 'Qingdao'],
    ],
  },
  {
    zh: '华南区',
    en: 'South China',
    cities: [
      ['广州', 'Guangzhou'],
      ['深圳', 'Shenzhen'],
      ['东莞', 'Dongguan'],
      ['佛山', 'Foshan'],
      ['厦门', 'Xiamen'],
    ],
  },
];

const REPS = [
  ['王磊', 'Wang Lei'],
  ['李娜', 'Li Na'],
  ['张伟', 'Zhang Wei'],
  ['刘洋', 'Liu Yang'],
  ['陈静', 'Chen Jing'],
  ['赵强', 'Zhao Qiang'],
];

const INDUSTRIES = ['制造业', '医药', '汽车零部件', '电子', '化工', '食品饮料', '物流', '零售', '能源', '建筑'];
const INDUSTRY_EN: Record<string, string> = {
  制造业: 'Manufacturing',
  医药: 'Pharma',
  汽车零部件: 'Auto parts',
  电子: 'Electronics',
  化工: 'Chemicals',
  食品饮料: 'Food & beverage',
  物流: 'Logistics',
  零售: 'Retail',
  能源: 'Energy',
  建筑: 'Construction',
};
const WORDS = [
  ['华', 'Hua'],
  ['盛', 'Sheng'],
  ['达', 'Da'],
  ['恒', 'Heng'],
  ['通', 'Tong'],
  ['瑞', 'Rui'],
  ['丰', 'Feng'],
  ['信', 'Xin'],
  ['宏', 'Hong'],
  ['远', 'Yuan'],
  ['联', 'Lian'],
  ['泰', 'Tai'],
  ['新', 'Xin'],
  ['安', 'An'],
  ['中', 'Zhong'],
  ['科', 'Ke'],
] as const;
const SUFFIX: Record<string, [string, string]> = {
  制造业: ['机械制造有限公司', 'Machinery Co., Ltd.'],
  医药: ['医药股份有限公司', 'Pharmaceutical Co., Ltd.'],
  汽车零部件: ['汽车部件有限公司', 'Auto Parts Co., Ltd.'],
  电子: ['电子科技有限公司', 'Electronics Co., Ltd.'],
  化工: ['化工集团有限公司', 'Chemical Group Co., Ltd.'],
  食品饮料: ['食品有限公司', 'Foods Co., Ltd.'],
  物流: ['物流有限公司', 'Logistics Co., Ltd.'],
  零售: ['商贸有限公司', 'Trading Co., Ltd.'],
  能源: ['能源有限公司', 'Energy Co., Ltd.'],
  建筑: ['建设工程有限公司', 'Construction Co., Ltd.'],
};
const SURNAMES = [
  ['张', 'Zhang'],
  ['王', 'Wang'],
  ['李', 'Li'],
  ['赵', 'Zhao'],
  ['钱', 'Qian'],
  ['孙', 'Sun'],
  ['周', 'Zhou'],
  ['吴', 'Wu'],
  ['郑', 'Zheng'],
  ['冯', 'Feng'],
] as const;
const TITLES: [string, string, string | null][] = [
  ['总经理', 'decision', 'decisionMaker'],
  ['采购经理', 'management', 'evaluator'],
  ['技术总监', 'management', 'designer'],
  ['车间主任', 'operation', 'user'],
  ['财务经理', 'management', 'evaluator'],
  ['工程师', 'operation', 'initiator'],
];
const DEPT_OF_TITLE: Record<string, string> = {
  总经理: 'finance',
  采购经理: 'finance',
  技术总监: 'technical',
  车间主任: 'user',
  财务经理: 'finance',
  工程师: 'technical',
};
const COMPETITORS = ['西门子', '施耐德', 'ABB', '汇川技术', '和利时'];
const STAGES = ['acquainted', 'engaged', 'trusted', 'ally'];
const TYPES = ['outsider', 'friend', 'supplier', 'partner'];
const STYLES = ['peacock', 'koala', 'owl', 'tiger', 'chameleon'];
const VALUES = ['intrinsic', 'extrinsic', 'strategic'];

export const DEMO_ACCOUNT_COUNT = 400;

/** The demo company and its quotas and forecast calls, marked as the demo. */
export function seedDemo(ctx: ServerContext, count = DEMO_ACCOUNT_COUNT): void {
  seedDemoCompany(ctx, count);
  seedReportsDemo(ctx);
  // Marked in the book itself: every screen shows "Demo" while this book is open.
  writeBookIdentity(ctx.db, ctx.clock, { companyName: '', demo: true });
}

/**
 * The company itself: territories, reps, accounts, training, pipeline and receivables — the
 * tables of the schema up to 0008 (a migration test seeds an older book with it).
 */
export function seedDemoCompany(ctx: ServerContext, count = DEMO_ACCOUNT_COUNT): void {
  const rng = seedrandom('sales-workstation-demo');
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const newId = seededIds(rng, Date.UTC(2026, 0, 1));
  const w = { ...ctx, newId };
  const today = ctx.clock.today();

  ctx.db.transaction(() => {
    const territoryIds = TERRITORIES.map((t) => insertRow(w, 'territories', { id: newId(), name_zh: t.zh, name_en: t.en }));
    const repIds = REPS.map(([zh, en], i) => ({
      id: insertRow(w, 'reps', { id: newId(), territory_id: territoryIds[Math.floor(i / 2)]!, name_zh: zh, name_en: en }),
      territory: Math.floor(i / 2),
    }));
    for (let i = 0; i < count; i++) {
      const rep = repIds[i % repIds.length]!;
      const terr = TERRITORIES[rep.territory]!;
      const [cityZh] = pick(terr.cities);
      const industry = pick(INDUSTRIES);
      const [w1, e1] = pick(WORDS);
      const [w2, e2] = pick(WORDS);
      const [sfxZh, sfxEn] = SUFFIX[industry]!;
      // Sales follow a heavy-tailed distribution, as real territories do (a few big accounts).
      const sales = Math.round(Math.pow(rng(), 4) * 5_000_000 * 100) + Math.round(rng() * 2_000_000);
      const lastYear = Math.max(0, Math.round(sales * (0.6 + rng() * 0.8)));
      const profit = Math.round(sales * (rng() * 0.35 - 0.05));
      const lastVisit = addDays(today, -Math.floor(rng() * 90));
      const accountId = insertRow(w, 'accounts', {
        id: newId(),
        territory_id: territoryIds[rep.territory]!,
        owner_id: rep.id,
        name: `${cityZh}${w1}${w2}${sfxZh}${i % 7 === 0 ? `（${i}）` : ''}`,
        name_en: `${e1}${e2.toLowerCase()} ${sfxEn}${i % 7 === 0 ? ` (${i})` : ''}`,
        industry,
        city: cityZh,
        size: pick(['大型', '中型', '小型']),
        nature: pick(['国有', '民营', '外资', '合资']),
        sales_fen: sales,
        sales_last_year_fen: lastYear,
        profit_fen: profit,
        receivable_fen: Math.round(sales * rng() * 0.3),
        relationship_stage: pick(STAGES),
        relationship_type: pick(TYPES),
        communication_style: pick(STYLES),
        value_type: pick(VALUES),
        products_in_use: rng() < 0.5 ? `${pick(COMPETITORS)} PLC ×${1 + Math.floor(rng() * 20)}` : null,
        last_visit: lastVisit,
        next_visit: addDays(today, 1 + Math.floor(rng() * 30)),
        notes: rng() < 0.2 ? `${INDUSTRY_EN[industry]} account; follow up on the annual framework contract.` : null,
      });
      const nContacts = 1 + Math.floor(rng() * 4);
      for (let c = 0; c < nContacts; c++) {
        const [sn] = pick(SURNAMES);
        const [title, level, role] = pick(TITLES);
        insertRow(w, 'contacts', {
          id: newId(),
          account_id: accountId,
          territory_id: territoryIds[rep.territory]!,
          name: `${sn}${pick(['总', '经理', '工', '主任', '先生', '女士'])}`,
          title,
          level,
          buying_role: role,
          department: DEPT_OF_TITLE[title] ?? null,
          coach_level: rng() < 0.15 ? pick(['low', 'medium', 'high']) : 'none',
          phone: `13${Math.floor(rng() * 1e9)
            .toString()
            .padStart(9, '0')}`,
        });
      }
      if (rng() < 0.4) {
        insertRow(w, 'competitors', {
          id: newId(),
          account_id: accountId,
          territory_id: territoryIds[rep.territory]!,
          name: pick(COMPETITORS),
          history: '已合作多年 / supplier for several years',
          rep: `${pick(SURNAMES)[0]}经理`,
          style: pick(['价格战', '关系型', '技术型']),
          our_strengths: '本地服务响应快',
          our_weaknesses: '品牌知名度较低',
        });
      }
    }
  })();
  seedTrainingDemo(ctx);
  seedPipelineDemo(ctx);
  seedNegotiationDemo(ctx); // plans for one of the pipeline's deals
  seedReceivablesDemo(ctx);
}
