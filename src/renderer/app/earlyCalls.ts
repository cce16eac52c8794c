import type { ChannelName } from '../../app/contract';
import type { In } from '../api/client';

// The calls each area's page makes first, with exactly the inputs it asks with: the page's
// entry (main.tsx) starts them at once (api/early), beside the page's code, and the page
// takes the answers with takeEarly. Measured cold on the demo book, a page otherwise asked
// for its data only after the shell and the page had loaded and rendered (~600 ms in), and
// some then asked again in turn (Pareto's settings, then its analysis). A page asking with
// other inputs (a link with a scope) spends the early answer and calls afresh: correct,
// only not faster. test/e2e/earlyCalls.spec.ts checks each page takes its answers.

export type EarlyCall = { [K in ChannelName]: readonly [K, In<K>] }[ChannelName];

const scoped = (params: URLSearchParams) => params.has('territoryId') || params.has('ownerId');

const byArea: Record<string, (params: URLSearchParams) => EarlyCall[]> = {
  pareto: () => [
    ['accounts:lookups', {}],
    ['pareto:settings', {}],
  ],
  pipeline: (params) => [
    ['pipeline:lookups', {}],
    ['accounts:lookups', {}],
    ...(scoped(params) ? [] : [['pipeline:list', { includeClosed: true }] as const]),
  ],
  negotiation: () => [['negotiation:list', {}]],
  training: () => [['training:list', {}]],
  receivables: () => [['books:contents', {}]],
  reports: () => [['reports:lookups', {}]],
};

/** What the area opening on `params` asks for first (nothing for an area not listed). */
export function earlyCallsOf(area: string, params: URLSearchParams): EarlyCall[] {
  return byArea[area]?.(params) ?? [];
}
