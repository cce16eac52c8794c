// The import checks run in the main process and state their reasons in English (the CLI and
// the saved error workbook use them as they are). The UI shows them in the user's language:
// this catalog maps each English reason form (gettext-style, the English text is the key) to
// its Chinese, keeping the parts that vary (values, names, limits). A reason not listed here
// is shown in English rather than guessed.

type Rule = [RegExp, (...m: string[]) => string];

const rules: Rule[] = [
  [/^required: this cell is empty$/, () => '必填：此单元格为空'],
  [/^too long: (\d+) characters, at most (\d+)$/, (n, max) => `过长：${n} 个字符，最多 ${max} 个`],
  [/^not a money amount \(expected yuan, e\.g\. 1234\.50\)$/, () => '不是金额（应为以元为单位的数字，例如 1234.50）'],
  [/^not a money amount$/, () => '不是金额'],
  [/^more than two decimals \(money is in yuan with at most 2 decimals\)$/, () => '小数超过两位（金额以元为单位，最多两位小数）'],
  [/^cannot be negative$/, () => '不能为负数'],
  [/^not a date \(expected YYYY-MM-DD\)$/, () => '不是日期（应为 YYYY-MM-DD）'],
  [/^in the future$/, () => '晚于今天（按账簿时区）'],
  [/^not a known value; use one of: (.*)$/s, (allowed) => `不是可选值；请使用以下之一：${allowed}`],
  [/^not a whole number$/, () => '不是整数'],
  [/^not a number$/, () => '不是数字'],
  [/^must be at least (.*)$/, (min) => `不能小于 ${min}`],
  [/^must be at most (.*)$/, (max) => `不能大于 ${max}`],
  [/^not a percentage \(e\.g\. 12\.5%\)$/, () => '不是百分比（例如 12.5%）'],
  [/^more than two decimals of a percent$/, () => '百分比的小数超过两位'],
  [/^unknown territory \(known: (.*)\)$/s, (known) => `未知区域（已有：${known}）`],
  [/^unknown territory$/, () => '未知区域'],
  [/^unknown owner \(known reps: (.*)\)$/s, (known) => `未知负责人（已有销售代表：${known}）`],
  [/^unknown (\S+) \(known: (.*)\)$/s, (what, known) => `未知的 ${what}（已有：${known}）`],
  [/^does not work in territory (.*)$/, (t) => `不在区域「${t}」工作`],
  [/^the same ID is also on row (\d+)$/, (row) => `相同的 ID 也出现在第 ${row} 行`],
  [
    /^not an account ID \(keep the ID an export wrote, or leave it empty for a new account\)$/,
    () => '不是客户 ID（请保留导出时写入的 ID，新客户请留空）',
  ],
  [/^required for a new account \(the file has no Name column\)$/, () => '新客户必填（文件中没有“客户名称”列）'],
  [/^required for a new account \(the file has no Territory column\)$/, () => '新客户必填（文件中没有“区域”列）'],
  [
    /^duplicate column: "(.*)" \(column ([A-Z]+)\) already gives (.*)$/,
    (h, col, field) => `重复的列：“${h}”（第 ${col} 列）已提供 ${field}`,
  ],
  [/^required column is missing \(headers recognised: (.*)\)$/, (h) => `缺少必需的列（可识别的表头：${h}）`],
  // The organisation (Settings and the org workbook).
  [/^required: the Chinese name$/, () => '必填：中文名'],
  [/^required: the English name$/, () => '必填：英文名'],
  [/^required: the Name or the Name \(zh\)$/, () => '必填：英文名或中文名'],
  [/^another territory is already called (.*)$/, (n) => `已有区域名为「${n}」`],
  [/^cannot contain ";" \(it separates the territories a manager leads\)$/, () => '不能包含分号“;”（用于分隔经理负责的多个区域）'],
  [/^not an email address \(like name@example\.com\)$/, () => '不是邮箱地址（例如 name@example.com）'],
  [/^another person already has this email$/, () => '已有其他人使用此邮箱'],
  [/^required for a rep: the territory they work$/, () => '销售代表必须有所在区域'],
  [
    /^a rep works one territory and leads none \(make them a manager to lead\)$/,
    () => '销售代表只在一个区域工作，不负责区域（负责区域请设为销售经理）',
  ],
  [/^a rep works one territory \(only a manager lists several\)$/, () => '销售代表只能有一个区域（只有经理可以填写多个）'],
  [
    /^only a rep \(the territory they work\) or a manager \(the territories they lead\) has a territory; a (\w+) has none$/,
    (role) => `只有销售代表（所在区域）和销售经理（负责的区域）有区域；${role} 没有`,
  ],
  [/^the same territory is named twice$/, () => '同一区域出现了两次'],
  [
    /^not a (territory|person) ID \(keep the ID an export wrote, or leave it empty to add one\)$/,
    (w) => `不是${w === 'territory' ? '区域' : '人员'} ID（请保留导出时写入的 ID，新增请留空）`,
  ],
  [
    /^(.*) still owns (\d+) account\(s\) and (\d+) open opportunity\(ies\) in their territory: give them to another rep first \(or deactivate this person, which keeps their history\)$/s,
    (who, a, o) => `${who} 在其区域仍负责 ${a} 个客户和 ${o} 个进行中的机会：请先转给其他销售代表（或停用此人，其历史记录会保留）`,
  ],
  [
    /^still owns (\d+) account\(s\) and (\d+) open opportunity\(ies\) in their territory: give them to another rep first \(or deactivate this person, which keeps their history\)$/,
    (a, o) => `在其区域仍负责 ${a} 个客户和 ${o} 个进行中的机会：请先转给其他销售代表（或停用此人，其历史记录会保留）`,
  ],
  [/^deactivated: choose an active rep \(or reactivate them in Settings\)$/, () => '已停用：请选择在职的销售代表（或在设置中恢复此人）'],
  [/^unknown rep$/, () => '未知销售代表'],
  [/^required \(the account's owner is deactivated: name an active rep\)$/, () => '必填（该客户的负责人已停用：请填写在职的销售代表）'],
  // Invoices naming customers the book lacks.
  [/^no account has this name$/, () => '没有叫这个名称的客户'],
  [/^several accounts have this name$/, () => '有多个客户叫这个名称'],
  [/^a new customer needs a Territory$/, () => '新客户需要填写区域'],
  [/^too long for a rep's name: (\d+) characters, at most (\d+)$/, (n, max) => `作为销售代表姓名过长：${n} 个字符，最多 ${max} 个`],
  [/^Unknown person\.$/, () => '未知人员'],
  // A team setting changed in a team book by someone who is not the admin (src/platform/settings.ts).
  [
    /^Only the team's admin changes the team's settings \(time zone, Pareto thresholds and visits, sales stages and pipeline review, receivables policy\): this book syncs with a team and you are not its admin\.$/,
    () => '团队设置（时区、ABC 阈值与拜访频率、销售阶段与管道评审、应收账款政策）只有团队管理员可以修改：本账本与团队同步，你不是管理员。',
  ],
  // The organisation in a team book (src/features/org/server/handlers.ts).
  [
    /^Only the team's admin changes the organisation \(territories, who leads them, importing it\): this book syncs with a team and you are not its admin\.$/,
    () => '组织（区域、负责经理、导入组织）只有团队管理员可以修改：本账本与团队同步，你不是管理员。',
  ],
  [
    /^Only the team's admin, or a manager for the territories they lead, changes people: this book syncs with a team and you are neither\.$/,
    () => '人员只有团队管理员或所负责区域的经理可以修改：本账本与团队同步，你两者都不是。',
  ],
];

/** The reason in the UI's language (zh-CN: from the catalog when known; English otherwise). */
export function localizeReason(reason: string, locale: string): string {
  if (locale !== 'zh-CN') return reason;
  for (const [re, zh] of rules) {
    const m = re.exec(reason);
    if (m) return zh(...m.slice(1));
  }
  return reason;
}
