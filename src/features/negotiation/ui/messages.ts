// Strings of the negotiation area. Chinese terms are the seeds' (DOMAIN.md §4).
export const negotiationMessages = {
  'zh-CN': {
    list: {
      title: '谈判准备表', new: '新建准备表', import: '导入 Excel', empty: '还没有谈判准备表。新建一张，或导入培训案例。',
      name: '名称', opportunity: '销售机会', issues: '议题', steps: '让步步骤', rounds: '谈判轮次', agreed: '协议', updated: '更新时间',
      open: '打开', delete: '删除', deleteConfirm: '删除这张准备表？', standalone: '（独立，培训案例）', yes: '已确认', no: '—',
      imported: '已导入“{{name}}”', importedChecks: '已导入“{{name}}”，有 {{count}} 项检查未通过（仅供参考）',
    },
    newUi: { title: '新建谈判准备表', name: '名称', namePlaceholder: '例如：华东医院 CT 项目', opportunity: '关联销售机会（可选）', none: '不关联（独立准备表）' },
    editor: {
      back: '返回列表', save: '保存', saved: '已保存', unsaved: '有未保存的修改', export: '导出 Excel', exported: '已导出', print: '打印 / PDF',
      name: '名称', opportunity: '销售机会', notes: '备注', conflict: '别人刚修改过这张准备表：已重新载入。',
      tabs: { plan: '谈判框架', team: '分工协作', tradeoffs: '谈判筹码', rounds: '谈判记录', agreement: '达成协议' },
      checksSummary: '{{errors}} 项未通过 · {{warnings}} 项提醒', allPass: '所有检查通过',
    },
    issue: {
      name: '议题', unit: '单位', direction: '方向', higher: '越高越好', lower: '越低越好', higherHint: '数值越高对我方越有利（如价格）',
      lowerHint: '数值越低对我方越有利（如账期天数）', quote: '报价', target: '目标价', floor: '底价', margin: '谈判获利空间',
      ourPriority: '我方优先级', theirPriority: '客户优先级（估）', theirOpening: '客户开价（估）', theirFloor: '客户底线（估）',
      add: '添加议题', remove: '删除议题', newName: '新议题', checks: '检查', zopa: '可成交区间（ZOPA）：{{from}} – {{to}}',
      noZopa: '填写客户底线（估）后显示可成交区间。', priorityHint: '1 = 最重要',
    },
    step: {
      title: '让步阶梯', add: '添加让步', no: '第{{n}}次', entered: '输入', position: '让步后', size: '让步幅度', cumulative: '累计让步',
      ofMargin: '占获利空间', exchange: '交换条件', tradedIssue: '交换的议题', tradedAmount: '数量', reason: '理由', remove: '删除',
      none: '还没有让步步骤。让步阶梯从报价走向目标价，永远不越过底价。', byPosition: '让步后数值', bySize: '让步幅度',
    },
    team: {
      title: '谈判团队', add: '添加成员', name: '姓名', titleCol: '职务', role: '角色', topic: '负责议题', none: '还没有团队成员。',
      roles: { coordinator: '协调者', decisionMaker: '决策者', negotiator: '谈判者' },
      roleHints: {
        coordinator: '与客户关系最熟悉的人：首先响应客户的要求，将要求拆分给谈判者，化解僵局。',
        decisionMaker: '观察谈判局势、不参与谈判；请求暂停，在脱离谈判桌期间指导，做出最终让步的决定。',
        negotiator: '负责相关主题的谈判，实施预定策略，阶段性让步，与协调者和决策者配合。',
      },
    },
    trade: {
      matrix: '谈判筹码矩阵（我方优先级 × 客户优先级）', ours: '我方', theirs: '客户',
      classes: { offer: '可以让：对我方代价小、对客户价值大', ask: '要求对方让：对我方重要、对客户不重要（避免让步）', guard: '双方都重视：慢让，只换大条件', filler: '双方都不太重视：用来弥合差距' },
      trades: '计划中的交换', issue: '议题', step: '步骤', give: '我方让出', priceGiven: '价格让步', ask: '要求交换', priceReceived: '换回价格',
      verdict: '评价', soFar: '累计价格让步', verdicts: { worth: '值得', avoid: '避免', neutral: '一般' },
      reasons: {
        giveOffer: '让出的是对我方代价小、对客户价值大的议题', giveAsk: '让出的是我方重视而客户不重视的议题——应当向对方要求它',
        getMore: '换回的议题对我方比让出的更重要', getLess: '换回的议题对我方不如让出的重要', none: '',
      },
      totals: '计划价格让步合计 {{given}}；交换中换回价格 {{received}}', noTrades: '还没有让步步骤。',
    },
    rounds: {
      title: '谈判记录', add: '记录一轮', no: '第{{n}}轮', heldOn: '日期', theirDemand: '对方要求', ourResponse: '我方回应',
      conceded: '我方让出', received: '我方换得', issue: '议题', amount: '数量', timeout: '暂停（脱离谈判桌）', timeoutNote: '说明',
      noTimeout: '没有暂停', confirmed: '本轮已与对方确认', notConfirmed: '未确认', strike: '删除（录入错误）', none: '还没有谈判记录。',
      reasons: { authority: '对方突破授权范围', cannotMeet: '对方要求无法满足', insideInfo: '需要通过内线了解对方意图', outsideNews: '等待外界变化和消息' },
      planVsActual: '计划与实际', planned: '计划让步', actual: '实际让步', position: '当前位置', agreed: '协议值', status: '状态',
      statuses: { notStarted: '未开始', withinPlan: '在计划内', beyondPlan: '超出计划', pastFloor: '越过底价' },
      confirmHint: '每一轮结束时与对方确认；谈判记录形成协议。',
    },
    agreement: {
      title: '协议条款', add: '添加条款', fromPlan: '按议题生成条款', issue: '议题', term: '条款', value: '约定值', confirmed: '已确认',
      save: '保存协议', confirmAll: '确认整份协议', unconfirm: '撤销确认', confirmedAt: '协议已于 {{at}} 确认', none: '还没有条款。',
      free: '（其他条款）',
    },
    print: { title: '谈判准备表', heading: '谈判准备表：{{name}}', back: '返回编辑', print: '打印 / 另存为 PDF', team: '团队', plan: '谈判框架', checks: '检查结果', ladders: '让步阶梯' },
  },
  en: {
    list: {
      title: 'Negotiation worksheets', new: 'New worksheet', import: 'Import Excel', empty: 'No worksheet yet. Create one, or import a training case.',
      name: 'Name', opportunity: 'Opportunity', issues: 'Issues', steps: 'Steps', rounds: 'Rounds', agreed: 'Agreement', updated: 'Updated',
      open: 'Open', delete: 'Delete', deleteConfirm: 'Delete this worksheet?', standalone: '(standalone, training case)', yes: 'Confirmed', no: '—',
      imported: 'Imported "{{name}}"', importedChecks: 'Imported "{{name}}" with {{count}} failed check(s) (advice only)',
    },
    newUi: { title: 'New negotiation worksheet', name: 'Name', namePlaceholder: 'e.g. East China hospital CT deal', opportunity: 'Opportunity (optional)', none: 'None (standalone worksheet)' },
    editor: {
      back: 'Back to list', save: 'Save', saved: 'Saved', unsaved: 'Unsaved changes', export: 'Export Excel', exported: 'Exported', print: 'Print / PDF',
      name: 'Name', opportunity: 'Opportunity', notes: 'Notes', conflict: 'Someone changed this worksheet meanwhile: reloaded.',
      tabs: { plan: 'Plan', team: 'Team', tradeoffs: 'Trade-offs', rounds: 'Rounds', agreement: 'Agreement' },
      checksSummary: '{{errors}} failed · {{warnings}} warnings', allPass: 'All checks pass',
    },
    issue: {
      name: 'Issue', unit: 'Unit', direction: 'Direction', higher: 'Higher is better', lower: 'Lower is better', higherHint: 'A higher value is better for us (e.g. price)',
      lowerHint: 'A lower value is better for us (e.g. days of credit)', quote: 'Quote', target: 'Target', floor: 'Floor', margin: 'Negotiation margin',
      ourPriority: 'Our priority', theirPriority: 'Their priority (est.)', theirOpening: "Customer's opening (est.)", theirFloor: "Customer's floor (est.)",
      add: 'Add issue', remove: 'Remove issue', newName: 'New issue', checks: 'Checks', zopa: 'Zone of agreement (ZOPA): {{from}} – {{to}}',
      noZopa: "Enter the customer's floor (est.) to see the zone of agreement.", priorityHint: '1 = matters most',
    },
    step: {
      title: 'Concession ladder', add: 'Add step', no: 'Step {{n}}', entered: 'Typed', position: 'Position after', size: 'Size', cumulative: 'Cumulative',
      ofMargin: 'of margin', exchange: 'Exchange demanded', tradedIssue: 'Traded issue', tradedAmount: 'Amount', reason: 'Reason', remove: 'Remove',
      none: 'No steps yet. The ladder runs quote → … → target, never past the floor.', byPosition: 'Position', bySize: 'Size',
    },
    team: {
      title: 'Negotiation team', add: 'Add member', name: 'Name', titleCol: 'Title', role: 'Role', topic: 'Topic', none: 'No team member yet.',
      roles: { coordinator: 'Coordinator', decisionMaker: 'Decision maker', negotiator: 'Negotiator' },
      roleHints: {
        coordinator: 'Closest to the customer: answers requests first, splits them to the negotiators, breaks deadlocks.',
        decisionMaker: 'Watches, does not negotiate; calls time-outs, coaches away from the table, makes the final concessions.',
        negotiator: 'Negotiates one topic: carries out the planned strategy, concedes step by step, works with coordinator and decision maker.',
      },
    },
    trade: {
      matrix: 'Bargaining chips (our priority × their priority)', ours: 'Ours', theirs: 'Theirs',
      classes: { offer: 'Offer: cheap for us, valuable to them', ask: 'Ask for: valuable to us, cheap for them (avoid conceding)', guard: 'Both care: concede slowly, only for a large exchange', filler: 'Neither cares much: small change to close gaps' },
      trades: 'Planned trades', issue: 'Issue', step: 'Step', give: 'We give', priceGiven: 'Price given', ask: 'We ask', priceReceived: 'Price received',
      verdict: 'Verdict', soFar: 'Price conceded so far', verdicts: { worth: 'Worth it', avoid: 'Avoid', neutral: 'Neutral' },
      reasons: {
        giveOffer: 'We give an issue that is cheap for us and valuable to them', giveAsk: 'We give an issue we value and they do not — ask for it instead',
        getMore: 'We get an issue we rank above the one we give', getLess: 'We get an issue we rank below the one we give', none: '',
      },
      totals: 'Planned price concessions {{given}}; price asked in exchanges {{received}}', noTrades: 'No concession steps yet.',
    },
    rounds: {
      title: 'Round log', add: 'Log a round', no: 'Round {{n}}', heldOn: 'Date', theirDemand: 'Their demand', ourResponse: 'Our response',
      conceded: 'We conceded', received: 'We received', issue: 'Issue', amount: 'Amount', timeout: 'Time-out (leaving the table)', timeoutNote: 'Note',
      noTimeout: 'No time-out', confirmed: 'Confirmed with the other side', notConfirmed: 'Not confirmed', strike: 'Delete (entered by mistake)', none: 'No round logged yet.',
      reasons: { authority: 'They exceed their authority', cannotMeet: 'A demand we cannot meet', insideInfo: 'We need inside information', outsideNews: 'Waiting for outside news' },
      planVsActual: 'Plan vs actual', planned: 'Planned', actual: 'Conceded', position: 'Now at', agreed: 'Agreed', status: 'Status',
      statuses: { notStarted: 'Not started', withinPlan: 'Within plan', beyondPlan: 'Beyond plan', pastFloor: 'Past the floor' },
      confirmHint: 'Confirm with the other side after every round; the notes become the agreement.',
    },
    agreement: {
      title: 'Agreement terms', add: 'Add term', fromPlan: 'One term per issue', issue: 'Issue', term: 'Term', value: 'Agreed value', confirmed: 'Confirmed',
      save: 'Save agreement', confirmAll: 'Confirm the agreement', unconfirm: 'Withdraw confirmation', confirmedAt: 'Agreement confirmed on {{at}}', none: 'No term yet.',
      free: '(other term)',
    },
    print: { title: 'Negotiation worksheet', heading: 'Negotiation worksheet: {{name}}', back: 'Back to editor', print: 'Print / save as PDF', team: 'Team', plan: 'Plan', checks: 'Checks', ladders: 'Concession ladders' },
  },
};
