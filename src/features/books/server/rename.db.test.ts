import { describe, expect, it } from 'vitest';
import { BookShelf } from '../../../platform/bookShelf';
import { createRegistry } from '../../../app/handlers';
import { tempDir } from '../../../../test/db/helpers';

// The company name is edited in Settings after the first start: the header (books:state)
// and the book menu (the recent list) say the new name; the demo keeps its mark.
describe('books:rename', () => {
  it('renames the open book; the state and the book list follow; the demo stays the demo', async () => {
    const t = tempDir();
    const shelf = new BookShelf(t.dir, { platform: 'test' });
    const registry = createRegistry();
    const call = async <T>(channel: string, input: unknown = {}) => {
      const r = await registry.invoke(shelf.ctx, channel, input);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
      return r.value as T;
    };
    try {
      await shelf.start();
      await call('books:create', { companyName: 'Old Name', timeZone: 'Asia/Shanghai', locale: 'zh-CN' });
      await call('books:rename', { companyName: '  华东工业品有限公司 ' });
      const state = await call<{ companyName: string; demo: boolean; books: { companyName: string; current: boolean }[] }>('books:state');
      expect(state).toMatchObject({ companyName: '华东工业品有限公司', demo: false });
      expect(state.books.find((b) => b.current)?.companyName).toBe('华东工业品有限公司');
      await expect(call('books:rename', { companyName: '   ' })).rejects.toMatchObject({ code: 'invalid-input' });

      await call('books:openDemo');
      await call('books:rename', { companyName: 'Demo Renamed' });
      expect(await call('books:state')).toMatchObject({ companyName: 'Demo Renamed', demo: true });
      // Reopened later, the book still says its new name.
      shelf.close();
      const again = new BookShelf(t.dir, { platform: 'test' });
      await again.start();
      expect(again.identity()).toEqual({ companyName: 'Demo Renamed', demo: true });
      again.close();
    } finally {
      shelf.close();
      t.cleanup();
    }
  });
});
