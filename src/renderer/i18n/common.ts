import type { Texts } from './texts';

// Strings shared by the whole app shell. Each feature keeps its own namespace beside its UI.

export type Locale = 'zh-CN' | 'en';

const zhCN = {
  appName: '销售工作台',
  nav: {
    accounts: '客户',
    pareto: 'ABC 分析',
    pipeline: '销售漏斗',
    negotiation: '谈判准备',
    training: '谈判演练',
    receivables: '应收账款',
    reports: '报表',
    settings: '设置',
  },
  empty: {
    orgFirst: '第一步：在“设置”中建立区域和人员（销售代表）。客户、商机和发票都要归属到区域和销售代表。',
    orgDone: '区域和人员已建立。',
    goSettings: '建立区域和人员',
  },
  help: { tooltip: '这个页面背后的方法', title: '方法说明' },
  notYet: {
    title: '尚未提供',
    body: '“{{area}}”功能正在开发中，目前还不能使用。其余功能不受影响。',
  },
  accountPicker: { placeholder: '输入客户名称查找', none: '没有名称匹配的客户' },
  picker: { more: '只列出前 {{count}} 项，请继续输入以缩小范围', failed: '查找失败：{{reason}}' },
  lang: '语言',
  wan: '以“万”显示金额',
  ok: '确定',
  cancel: '取消',
  close: '关闭',
  save: '保存',
  delete: '删除',
  undo: '撤销',
  loading: '加载中…',
  progress: '处理中',
  cancelJob: '取消',
  cancelled: '已取消，未写入任何数据。',
  error: '出错了',
  settings: {
    title: '设置',
    language: '界面语言',
    moneyWan: '金额以“万元”显示',
    timeZone: '账簿时区（“今天”以此为准）',
    backupKeep: '保留备份数量',
    backups: '备份',
    backupNow: '立即备份',
    backupFile: '文件',
    backupSize: '大小',
    backupTime: '时间',
    restore: '恢复',
    restoreConfirm: '用此备份替换当前数据？当前数据会先自动备份。',
    restored: '已从备份恢复。',
    dbPath: '数据库文件',
    version: '版本',
    backupCreated: '已创建备份 {{name}}',
  },
  teamSettings: {
    adminOnly:
      '这是团队设置（时区、ABC 阈值与拜访频率、销售阶段与管道评审、应收账款政策），只有团队管理员可以修改；本账本与团队同步，你不是管理员。',
    orgAdminOnly: '组织（区域、人员、负责经理）只有团队管理员可以修改；本账本与团队同步，你不是管理员。',
    orgManager: '区域和导入组织只有团队管理员可以修改；你作为经理可以修改所负责区域的人员。',
  },
};

const en = {
  appName: 'Sales Workstation',
  nav: {
    accounts: 'Accounts',
    pareto: 'Pareto / ABC',
    pipeline: 'Pipeline',
    negotiation: 'Negotiation',
    training: 'Training',
    receivables: 'Receivables',
    reports: 'Reports',
    settings: 'Settings',
  },
  empty: {
    orgFirst:
      'First: create your territories and people (reps) in Settings. Every account, opportunity and invoice belongs to a territory and a rep.',
    orgDone: 'Territories and people are set up.',
    goSettings: 'Create territories and people',
  },
  help: { tooltip: 'The method behind this screen', title: 'The method' },
  notYet: {
    title: 'Not yet available',
    body: '“{{area}}” is still being built and cannot be used yet. Everything else works as usual.',
  },
  accountPicker: { placeholder: 'Type an account name to search', none: 'No account name matches' },
  picker: { more: 'Showing the first {{count}}; keep typing to narrow', failed: 'Could not search: {{reason}}' },
  lang: 'Language',
  wan: 'Show amounts in 万',
  ok: 'OK',
  cancel: 'Cancel',
  close: 'Close',
  save: 'Save',
  delete: 'Delete',
  undo: 'Undo',
  loading: 'Loading…',
  progress: 'Working',
  cancelJob: 'Cancel',
  cancelled: 'Cancelled; nothing was written.',
  error: 'Something went wrong',
  settings: {
    title: 'Settings',
    language: 'Interface language',
    moneyWan: 'Show amounts in 万 (10,000 yuan)',
    timeZone: 'Book time zone ("today" is the date there)',
    backupKeep: 'Backups to keep',
    backups: 'Backups',
    backupNow: 'Back up now',
    backupFile: 'File',
    backupSize: 'Size',
    backupTime: 'Time',
    restore: 'Restore',
    restoreConfirm: 'Replace the current data with this backup? The current data is backed up first.',
    restored: 'Restored from the backup.',
    dbPath: 'Database file',
    version: 'Version',
    backupCreated: 'Backup {{name}} created',
  },
  teamSettings: {
    adminOnly:
      "A team setting (time zone, Pareto thresholds and visits, sales stages and pipeline review, receivables policy): only the team's admin changes it. This book syncs with a team and you are not its admin.",
    orgAdminOnly:
      "The organisation (territories, people, who leads them) is changed by the team's admin only. This book syncs with a team and you are not its admin.",
    orgManager:
      "Territories and importing the organisation are the team's admin's; as a manager you change the people of the territories you lead.",
  },
};

// Each language has every text of the other (see Texts).
export const common = { 'zh-CN': zhCN satisfies Texts<typeof en>, en: en satisfies Texts<typeof zhCN> };
