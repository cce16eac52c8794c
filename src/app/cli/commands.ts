import type { CliCommand } from '../../platform/cli/command';
import { coreCommands } from './coreCommands';
import { accountsCommands } from '../../features/accounts/server/cli';
import { pipelineCommands } from '../../features/pipeline/server/cli';
import { negotiationCommands } from '../../features/negotiation/server/cli';
import { trainingCommands } from '../../features/training/server/cli';
import { receivablesCommands } from '../../features/receivables/server/cli';
import { paretoCommands } from '../../features/pareto/server/cli';
import { reportsCommands } from '../../features/reports/server/cli';
import { orgCommands } from '../../features/org/server/cli';

// Every CLI command. A feature adds its list here (one line).
export const cliCommands: CliCommand[] = [
  ...coreCommands,
  ...accountsCommands,
  ...pipelineCommands,
  ...trainingCommands,
  ...receivablesCommands,
  ...negotiationCommands,
  ...paretoCommands,
  ...reportsCommands,
  ...orgCommands,
];
