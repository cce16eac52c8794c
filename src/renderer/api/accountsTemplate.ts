import { call, files } from './client';

/**
 * Saves the accounts import template (headers in the user's language) where the user picks.
 * In the kit, not accounts/ui, because an empty book starts here from more than one page
 * (accounts, pareto) and a feature's ui/ may not import another's.
 */
export async function downloadAccountsTemplate(locale: 'zh-CN' | 'en'): Promise<void> {
  const ref = await files.pickSave(locale === 'zh-CN' ? '客户导入模板.xlsx' : 'accounts-import-template.xlsx');
  if (!ref) return;
  await call('accounts:template', { file: ref.token, lang: locale });
  await files.delivered(ref);
}
