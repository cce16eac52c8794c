import { describe, expect, it } from 'vitest';
import { rendererApiOnDemoBook, settled } from '../../../test/db/rendererApi';
import { forgetEarly, startEarly, startEarlyAfter, takeArrived, takeEarly } from './early';
import { followUpsOf } from '../app/earlyCalls';
import { openingPeriod, reviewInput } from '../../features/pipeline/ui/reviewInput';

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

  it('a follow-up is asked with the input made from the first answer, and the page takes it', async () => {
    asked.length = 0;
    startEarly('pipeline:lookups', {});
    for (const f of followUpsOf('pipeline', new URLSearchParams('tab=review'))) startEarlyAfter(f);
    const lookups = await takeEarly('pipeline:lookups', {});
    await settled();
    // The review, as the review screen asks it (its own inputs, from the lookups it was given).
    const review = await takeEarly('pipeline:review', reviewInput(openingPeriod(lookups), {}));
    expect(review.bridge).toBeDefined();
    expect(asked).toEqual(['pipeline:lookups', 'pipeline:review']);
  });

  it('a follow-up is not asked once the user has moved on, nor on another tab', async () => {
    asked.length = 0;
    startEarly('pareto:settings', {});
    for (const f of followUpsOf('pareto', new URLSearchParams())) startEarlyAfter(f);
    forgetEarly(); // the hash changed before the settings arrived
    await settled();
    expect(asked).toEqual(['pareto:settings']);
    expect(followUpsOf('pipeline', new URLSearchParams('tab=board'))).toEqual([]);
    expect(followUpsOf('reports', new URLSearchParams('tab=quotas'))).toEqual([]);
  });
});
