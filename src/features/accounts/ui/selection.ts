import { useSyncExternalStore } from 'react';

// Which accounts are ticked, by id. The grid pages rows in and out (infinite row model),
// and ag-grid's own selection knows only the rows it has loaded and has no select-all there,
// so the ticks live here: select-all takes every id of the view from the database, ticks
// survive scrolling, sorting and refiltering, and the delete acts on exactly these ids.

export interface Selection {
  has(id: string): boolean;
  ids(): string[];
  size(): number;
  toggle(id: string, on: boolean): void;
  /** Replaces the ticks with these ids (select-all), remembering which view they came from. */
  setAll(ids: string[], viewKey: string): void;
  clear(): void;
  /** The view the ticks were set from by select-all, while no tick has changed since. */
  allOf(): string | null;
  /** The view the grid shows now (select-all is 'on' while it is the one ticked whole). */
  view(): string;
  setView(viewKey: string): void;
  subscribe(listener: () => void): () => void;
  /** Changes each time the ticks change (for React to re-render). */
  version(): number;
  /** Like subscribe/version, also changing when the view changes (the select-all box only). */
  subscribeView(listener: () => void): () => void;
  viewVersion(): number;
}

export function createSelection(): Selection {
  let ticked = new Set<string>();
  let all: string | null = null;
  let view = '';
  let version = 0;
  let viewVersion = 0;
  const listeners = new Set<() => void>();
  const viewListeners = new Set<() => void>();
  const viewChanged = () => {
    viewVersion++;
    for (const l of viewListeners) l();
  };
  // A new view re-renders only the select-all box, not every row's tick.
  const changed = () => {
    version++;
    for (const l of listeners) l();
    viewChanged();
  };
  return {
    has: (id) => ticked.has(id),
    ids: () => [...ticked],
    size: () => ticked.size,
    toggle(id, on) {
      if (ticked.has(id) === on) return;
      if (on) ticked.add(id);
      else ticked.delete(id);
      all = null;
      changed();
    },
    setAll(ids, viewKey) {
      ticked = new Set(ids);
      all = viewKey;
      changed();
    },
    clear() {
      if (ticked.size === 0 && all === null) return;
      ticked = new Set();
      all = null;
      changed();
    },
    allOf: () => all,
    view: () => view,
    setView(viewKey) {
      if (viewKey === view) return;
      view = viewKey;
      viewChanged();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    version: () => version,
    subscribeView(listener) {
      viewListeners.add(listener);
      return () => viewListeners.delete(listener);
    },
    viewVersion: () => viewVersion,
  };
}

/** Re-renders the caller whenever the ticks change. */
export function useSelectionVersion(s: Selection): number {
  return useSyncExternalStore(s.subscribe, s.version);
}

/** Re-renders the caller whenever the ticks or the view change. */
export function useSelectionViewVersion(s: Selection): number {
  return useSyncExternalStore(s.subscribeView, s.viewVersion);
}
