import type * as z from 'zod';
import type { ChannelName, Contract } from '../../app/contract';
import { ApiError } from '../../shared/errors';
import type { FileRef } from '../../shared/contract/system';
import { detectTransport, type Transport } from './transport';

export type In<K extends ChannelName> = z.input<Contract[K]['input']>;
export type Out<K extends ChannelName> = z.output<Contract[K]['output']>;

let transport: Transport | null = null;
function t(): Transport {
  transport ??= detectTransport();
  return transport;
}

/** Calls a channel; resolves with its typed value or throws ApiError with code/message/details. */
export async function call<K extends ChannelName>(channel: K, input: In<K>): Promise<Out<K>> {
  const r = await t().invoke(channel, input);
  if (!r.ok) throw new ApiError(r.error);
  return r.value as Out<K>;
}

export const files = {
  pickOpen: (extensions: string[], purpose: 'import' | 'restore' | 'book' = 'import'): Promise<FileRef | null> =>
    t().pickOpen(extensions, purpose),
  pickSave: (suggestedName: string): Promise<FileRef | null> => t().pickSave(suggestedName),
  delivered: (ref: FileRef): Promise<void> => t().delivered(ref),
};

export function transportKind(): Transport['kind'] {
  return t().kind;
}

/** A fresh job id for long work; pass it in the call, poll jobs:status, cancel with jobs:cancel. */
export function newJobId(): string {
  return crypto.randomUUID();
}
