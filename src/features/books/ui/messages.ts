import type { Texts } from '../../../renderer/i18n/texts';

// Strings of books (first start, the book menu, the demo mark), namespace 'books'.

const zhCN = {
  demo: '演示',
  demoCompany: '演示公司',
  demoHint: '这是演示数据，不是您的账本。',
  firstStart: {
    title: '欢迎使用销售工作台',
    lead: '先选择从哪里开始。演示公司和您团队的账本是两个独立的文件，互不影响。',
    demoTitle: '浏览演示公司',
    demoBody: '一家虚构的工业品公司：3 个区域、6 名销售、400 个客户，以及商机、谈判、演练和应收账款。随意试用，不会影响您自己的数据。',
    demoButton: '打开演示',
    ownTitle: '建立我团队的账本',
    ownBody: '一个空账本。之后在“设置”中建立区域和人员，再导入客户名单。',
    company: '公司名称',
    companyRequired: '请输入公司名称',
    timeZone: '时区',
    timeZoneHelp: '“今天”以这个时区的日期为准（账龄、到期、周报）。',
    language: '语言',
    create: '建立账本',
  },
  menu: {
    button: '账本',
    newBook: '新建空账本…',
    openDemo: '打开演示公司',
    openFile: '打开账本文件…',
    books: '最近和数据文件夹中的账本',
    current: '当前',
    unnamed: '未命名账本',
  },
  newBook: { title: '新建空账本' },
  rename: { label: '公司名称', save: '保存', saved: '公司名称已保存' },
  switchFailed: '无法打开该账本：{{message}}',
};

const en = {
  demo: 'Demo',
  demoCompany: 'Demo company',
  demoHint: 'This is demo data, not your book.',
  firstStart: {
    title: 'Welcome to Sales Workstation',
    lead: "Choose where to start. The demo company and your team's book are two separate files; neither touches the other.",
    demoTitle: 'Explore the demo company',
    demoBody:
      'A made-up industrial supplier: 3 territories, 6 reps, 400 accounts, with opportunities, negotiations, role-plays and receivables. Try anything; your own data is not affected.',
    demoButton: 'Open the demo',
    ownTitle: "Start my team's book",
    ownBody: 'An empty book. Next, create your territories and people in Settings, then import your customer list.',
    company: 'Company name',
    companyRequired: 'Enter the company name',
    timeZone: 'Time zone',
    timeZoneHelp: '"Today" is the date in this zone (aging, due dates, the weekly review).',
    language: 'Language',
    create: 'Create the book',
  },
  menu: {
    button: 'Book',
    newBook: 'New empty book…',
    openDemo: 'Open the demo company',
    openFile: 'Open a book file…',
    books: 'Recent books and books in the data folder',
    current: 'current',
    unnamed: 'Unnamed book',
  },
  newBook: { title: 'New empty book' },
  rename: { label: 'Company name', save: 'Save', saved: 'Company name saved' },
  switchFailed: 'Could not open that book: {{message}}',
};

// Each language has every text of the other (see Texts).
export const booksMessages = { 'zh-CN': zhCN satisfies Texts<typeof en>, en: en satisfies Texts<typeof zhCN> };
