import { call, files } from '../../../renderer/api/client';

/** Saves the accounts import template (headers in the user's language) where the user picks. */
export async function downloadAccountsTemplate(locale: 'zh-CN' | 'en'): Promise<void> {
  const ref = await files.pickSave(locale === 'zh-CN' ? '客户导入模板.xlsx' : 'accounts-import-template.xlsx');
  if (!ref) return;
  await call('accounts:template', { file: ref.token, lang: locale });
  await files.delivered(ref);
}
