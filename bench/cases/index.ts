import type { BenchCase } from '../harness';
import { accountCases } from './accounts';
import { chartCases } from './charts';
import { gridCases } from './grid';
import { paretoCases } from './pareto';
import { paretoPureCases } from './paretoPure';
import { pipelineCases } from './pipeline';
import { receivablesCases } from './receivables';
import { reportsCases } from './reports';
import { screensCases } from './screens';
import { teamCases } from './team';

// Every benchmark case; each feature adds its list here.
export const cases: BenchCase[] = [
  ...accountCases,
  ...gridCases,
  ...paretoCases,
  ...paretoPureCases,
  ...chartCases,
  ...pipelineCases,
  ...receivablesCases,
  ...reportsCases,
  ...screensCases,
  ...teamCases,
];
