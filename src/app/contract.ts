import { mergeContracts } from '../shared/contract/define';
import { systemContract } from '../shared/contract/system';
import { accountsContract } from '../features/accounts/contract';
import { pipelineContract } from '../features/pipeline/contract';
import { negotiationContract } from '../features/negotiation/contract';
import { trainingContract } from '../features/training/contract';
import { receivablesContract } from '../features/receivables/contract';
import { paretoContract } from '../features/pareto/contract';
import { reportsContract } from '../features/reports/contract';
import { orgContract } from '../features/org/contract';
import { booksContract } from '../features/books/contract';
import { teamContract } from '../features/team/contract';

// The whole contract: every channel the preload exposes and main answers. A feature adds
// its contract object here (one line); mergeContracts refuses a duplicate channel.
export const contract = mergeContracts(
  systemContract,
  accountsContract,
  pipelineContract,
  trainingContract,
  receivablesContract,
  negotiationContract,
  paretoContract,
  reportsContract,
  orgContract,
  booksContract,
  teamContract,
);

export type Contract = typeof contract;
export type ChannelName = keyof Contract & string;
export const channelNames = Object.keys(contract) as ChannelName[];
