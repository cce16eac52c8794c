// The team server's sign-in page for browsers: a plain HTML form (no script: the app's CSP
// forbids inline code) posting to /v1/sign-in; the answer sets the session cookie and opens
// the app. zh-CN or English by the browser's Accept-Language.

export type PageLanguage = 'zh-CN' | 'en';
export type SignInProblem = 'wrong' | 'rate-limited' | 'failed' | null;

const TEXT = {
  'zh-CN': {
    title: '登录 · 销售工作台',
    heading: '登录团队账本',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    wrong: '邮箱或密码不正确，请重试。',
    'rate-limited': '此邮箱登录失败次数过多，请一分钟后再试。',
    failed: '暂时无法登录，请稍后再试。',
  },
  en: {
    title: 'Sign in · Sales Workstation',
    heading: "Sign in to your team's book",
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    wrong: 'Wrong email or password; try again.',
    'rate-limited': 'Too many failed sign-ins for this email; wait a minute.',
    failed: 'Signing in failed for now; try again later.',
  },
} as const;

export function pageLanguage(acceptLanguage: string | undefined): PageLanguage {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `email`: what was typed before a refused attempt, kept in the field. */
export function signInPage(lang: PageLanguage, problem: SignInProblem, email = ''): string {
  const t = TEXT[lang];
  const alert = problem ? `<p role="alert" class="error">${escape(t[problem])}</p>` : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t.title)}</title>
<style>
body { font-family: system-ui, sans-serif; background: #f5f5f5; display: flex; justify-content: center; padding-top: 12vh; margin: 0; }
form { background: #fff; padding: 32px; border-radius: 8px; box-shadow: 0 2px 8px rgba(0,0,0,.12); width: 320px; }
h1 { font-size: 20px; margin: 0 0 20px; }
label { display: block; margin: 12px 0 4px; font-size: 14px; }
input { width: 100%; box-sizing: border-box; padding: 8px; border: 1px solid #d9d9d9; border-radius: 6px; font-size: 14px; }
button { margin-top: 20px; width: 100%; padding: 8px; border: 0; border-radius: 6px; background: #1677ff; color: #fff; font-size: 14px; }
.error { color: #cf1322; background: #fff1f0; border: 1px solid #ffa39e; border-radius: 6px; padding: 8px; font-size: 14px; }
</style>
</head>
<body>
<form method="post" action="/v1/sign-in">
<h1>${escape(t.heading)}</h1>
${alert}
<label for="email">${escape(t.email)}</label>
<input id="email" name="email" type="email" autocomplete="username" value="${escape(email)}" required>
<label for="password">${escape(t.password)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${escape(t.submit)}</button>
</form>
</body>
</html>
`;
}
