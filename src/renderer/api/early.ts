import type { ChannelName } from '../../app/contract';
import { call, type In, type Out } from './client';

// Calls the first screen waits on, started by the page's entry before React, the shell and
// the screen's code have loaded, so their answers are there when the code asks.

interface Started {
  input: string;
  result: Promise<unknown>;
  /** Set when the answer has arrived (a failure leaves it unset: the promise reports it). */
  arrived?: { value: unknown };
}
const started = new Map<string, Started>();

export function startEarly<K extends ChannelName>(channel: K, input: In<K>): void {
  const entry: Started = { input: JSON.stringify(input), result: call(channel, input) };
  // A failure surfaces when the code takes the promise; nobody may have to.
  entry.result.then(
    (value) => (entry.arrived = { value }),
    () => {},
  );
  started.set(channel, entry);
}

/**
 * The early call's answer if it was started with the same input; else a call now. Either way
 * the early call is spent: it was made for the first ask, and a later ask wants a fresh answer.
 */
export function takeEarly<K extends ChannelName>(channel: K, input: In<K>): Promise<Out<K>> {
  const early = started.get(channel);
  started.delete(channel);
  if (early && early.input === JSON.stringify(input)) return early.result as Promise<Out<K>>;
  return call(channel, input);
}

/** Drops the early calls not taken (their answers would be stale by the time they are asked for). */
export function forgetEarly(): void {
  started.clear();
}

/**
 * The early call's answer, once, if it has already arrived; else undefined (and the call stays
 * for takeEarly). For a component's first state: with the answer in hand, the first render
 * is the real one, instead of a placeholder committed, then an effect, then the render again
 * (on a cold start of the accounts screen, each such round was tens of milliseconds of the
 * first rows' wait, and the grid built once with no columns and then again with them).
 */
export function takeArrived<K extends ChannelName>(channel: K, input: In<K>): Out<K> | undefined {
  const early = started.get(channel);
  if (!early?.arrived || early.input !== JSON.stringify(input)) return undefined;
  started.delete(channel);
  return early.arrived.value as Out<K>;
}
