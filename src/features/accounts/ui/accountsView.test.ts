import { describe, expect, it } from 'vitest';
import { zAccountView } from '../view';
import { viewOf } from './accountsSource';
import { FIRST_PAGE } from './firstRows';
import { createSelection } from './selection';

// The grid's view as sent to the database, and the ticks kept beside the paged grid.

const state = { search: '', lang: 'en' as const };

describe('viewOf', () => {
  it('an unnarrowed grid asks exactly for the page prefetched at app start', () => {
    expect(viewOf(state, [], {})).toEqual(FIRST_PAGE.view);
    expect(viewOf({ ...state, search: '   ' }, [], null)).toEqual({});
  });

  it('carries the language only when labels are matched or sorted', () => {
    expect(viewOf(state, [{ colId: 'city', sort: 'desc' }], {})).toEqual({ sort: [{ colId: 'city', sort: 'desc' }] });
    expect(viewOf(state, [{ colId: 'owner', sort: 'asc' }], {})).toMatchObject({ lang: 'en' });
    expect(viewOf({ ...state, search: ' 华东 ' }, [], {})).toEqual({ search: '华东', lang: 'en' });
    const filter = { grade: { filterType: 'text', type: 'equals', filter: 'A' } };
    expect(viewOf({ ...state, territoryId: 't1' }, [], filter)).toEqual({ territoryId: 't1', filter, lang: 'en' });
  });

  it('sends what the contract accepts (ag-grid sort entries carry nothing else)', () => {
    const v = viewOf({ ...state, search: 'x' }, [{ colId: 'sales', sort: 'asc', extra: 1 } as never], {
      sales: { filterType: 'number', type: 'inRange', filter: 1, filterTo: 2 },
    });
    expect(zAccountView.safeParse(v).success).toBe(true);
  });
});

describe('selection', () => {
  it('select-all is on for the view it was taken from until a tick changes', () => {
    const s = createSelection();
    s.setView('v1');
    s.setAll(['a', 'b', 'c'], 'v1');
    expect(s.allOf()).toBe(s.view());
    expect(s.size()).toBe(3);
    s.setView('v2'); // a narrower view: the ticks stay, select-all shows partly on
    expect(s.allOf()).not.toBe(s.view());
    expect(s.ids()).toEqual(['a', 'b', 'c']);
    s.setView('v1');
    s.toggle('b', false);
    expect(s.allOf()).toBeNull();
    expect(s.ids()).toEqual(['a', 'c']);
  });

  it('tells tick listeners of tick changes only, and the select-all box of view changes too', () => {
    const s = createSelection();
    let ticks = 0;
    let views = 0;
    s.subscribe(() => ticks++);
    s.subscribeView(() => views++);
    s.setView('v1');
    expect([ticks, views]).toEqual([0, 1]);
    s.toggle('a', true);
    s.toggle('a', true); // no change, no notice
    expect([ticks, views]).toEqual([1, 2]);
    s.clear();
    s.clear();
    expect([ticks, views]).toEqual([2, 3]);
  });
});
