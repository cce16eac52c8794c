import { contract } from './contract';
// Installs the book lifecycle (demo company, start-of-week forecast call) before any book opens.
import './book';
import { HandlerRegistry } from '../platform/registry';
import { PLATFORM_CHANNELS, systemHandlers } from '../platform/systemHandlers';
import { systemContract } from '../shared/contract/system';
import { accountsContract } from '../features/accounts/contract';
import { accountHandlers } from '../features/accounts/server/handlers';
import { accountExcelHandlers } from '../features/accounts/server/excelHandlers';
import { pipelineContract } from '../features/pipeline/contract';
import { pipelineHandlers } from '../features/pipeline/server/handlers';
import { negotiationContract } from '../features/negotiation/contract';
import { negotiationHandlers } from '../features/negotiation/server/handlers';
import { trainingContract } from '../features/training/contract';
import { trainingHandlers } from '../features/training/server/handlers';
import { receivablesContract } from '../features/receivables/contract';
import { receivablesHandlers } from '../features/receivables/server/handlers';
import { paretoContract } from '../features/pareto/contract';
import { paretoHandlers } from '../features/pareto/server/handlers';
import { reportsContract } from '../features/reports/contract';
import { reportsHandlers } from '../features/reports/server/handlers';
import { overviewSources } from './overviewSources';
import { orgContract } from '../features/org/contract';
import { orgHandlers } from '../features/org/server/handlers';
import { booksContract } from '../features/books/contract';
import { booksHandlers } from '../features/books/server/handlers';
import { teamContract } from '../features/team/contract';
import { teamHandlers } from '../features/team/server/handlers';

/** The system channels the server answers (all but the platform's own). */
const { [PLATFORM_CHANNELS[0]]: _open, [PLATFORM_CHANNELS[1]]: _save, ...serverSystemContract } = systemContract;

/**
 * Every handler of the app, registered against the one contract. Electron's IPC, the
 * web server, the test bridge and the CLI all build this same registry.
 * A feature adds one `.register(...)` line here.
 */
export function createRegistry(opts: { validateOutput?: boolean } = {}): HandlerRegistry {
  return new HandlerRegistry(contract, opts)
    .register(serverSystemContract, systemHandlers)
    .register(accountsContract, { ...accountHandlers, ...accountExcelHandlers })
    .register(pipelineContract, pipelineHandlers)
    .register(negotiationContract, negotiationHandlers)
    .register(trainingContract, trainingHandlers)
    .register(receivablesContract, receivablesHandlers)
    .register(paretoContract, paretoHandlers)
    .register(reportsContract, reportsHandlers(overviewSources))
    .register(orgContract, orgHandlers)
    .register(booksContract, booksHandlers)
    .register(teamContract, teamHandlers);
}
