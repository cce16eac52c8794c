import { describe, expect, it } from 'vitest';
import { rendererApiOnDemoBook, settled } from '../../../test/db/rendererApi';
import { startEarly, takeArrived, takeEarly } from './early';

// The calls the page's entry starts before React loads, taken by the first screen: once,
// at once when already arrived (the first render is then the real one), never served to a
// later ask. The renderer's client talks to the real handlers on a real book.

const env = rendererApiOnDemoBook();
const { asked, registry } = env;

describe('early calls', () => {
  it('before the answer arrives, takeArrived leaves it to takeEarly; the answer is used once', async () => {
    asked.length = 0;
    startEarly('settings:get', {});
    expect(takeArrived('settings:get', {})).toBeUndefined();
    const s = await takeEarly('settings:get', {});
    expect(s.locale).toBe('zh-CN');
    expect(asked).toEqual(['settings:get']);
    // Spent: the next ask is a call of its own.
    await takeEarly('settings:get', {});
    expect(asked).toEqual(['settings:get', 'settings:get']);
  });

  it('an answer already there is given at once, once', async () => {
    asked.length = 0;
    startEarly('books:state', {});
    await settled();
    const state = takeArrived('books:state', {});
    expect(state?.open).toBe(true);
    expect(takeArrived('books:state', {})).toBeUndefined();
    await takeEarly('books:state', {});
    expect(asked).toEqual(['books:state', 'books:state']);
  });

  it('a first ask for something else spends the early call: a later ask never gets its old answer', async () => {
    asked.length = 0;
    const first = { view: {}, offset: 0, limit: 100, count: true };
    startEarly('accounts:page', first);
    await settled();
    const sorted = await takeEarly('accounts:page', { ...first, view: { sort: [{ colId: 'sales', sort: 'desc' as const }] } });
    expect(sorted.rows.length).toBeGreaterThan(0);
    expect(takeArrived('accounts:page', first)).toBeUndefined();
    // Renamed since the early call: the later ask sees the book as it is now.
    const renamed = sorted.rows[0]!;
    await registry.call(env.ctx, 'accounts:update', { id: renamed.id, version: renamed.version, patch: { name: '〇 最新名称' } });
    const page = await takeEarly('accounts:page', first);
    expect(page.rows[0]!.name).toBe('〇 最新名称');
    expect(asked).toEqual(['accounts:page', 'accounts:page', 'accounts:page']);
  });
});
