import type { ChannelName } from '../../app/contract';
import { call, type In, type Out } from './client';

// Calls the first screen waits on, started by the page's entry before React, the shell and
// the screen's code have loaded, so their answers are there when the code asks.

const started = new Map<string, { input: string; result: Promise<unknown> }>();

export function startEarly<K extends ChannelName>(channel: K, input: In<K>): void {
  const result = call(channel, input);
  // A failure surfaces when the code takes the promise; nobody may have to.
  result.catch(() => {});
  started.set(channel, { input: JSON.stringify(input), result });
}

/** The early call's answer, once, if it was started with the same input; else a call now. */
export function takeEarly<K extends ChannelName>(channel: K, input: In<K>): Promise<Out<K>> {
  const early = started.get(channel);
  if (early && early.input === JSON.stringify(input)) {
    started.delete(channel);
    return early.result as Promise<Out<K>>;
  }
  return call(channel, input);
}
