import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import {
  TeamOutlined, BarChartOutlined, FunnelPlotOutlined, SolutionOutlined, TrophyOutlined,
  AccountBookOutlined, FileTextOutlined, SettingOutlined,
} from '@ant-design/icons';
import { loadAccountsPage } from './loadAccountsPage';

export interface Area {
  key: string;
  icon: ComponentType;
  /** The page, or null while the area is not built yet (an honest "not yet available"). */
  page: LazyExoticComponent<ComponentType> | ComponentType | null;
}


// The product's areas in navigation order. A feature replaces its `null` with its page.
// Each area is its own chunk, loaded when first opened: a screen downloads only its own
// code (and ECharts only where a chart is drawn), so no screen waits on another's.
export const areas: Area[] = [
  { key: 'accounts', icon: TeamOutlined, page: lazy(loadAccountsPage) },
  { key: 'pareto', icon: BarChartOutlined, page: lazy(() => import('../../features/pareto/ui/ParetoPage')) },
  { key: 'pipeline', icon: FunnelPlotOutlined, page: lazy(() => import('../../features/pipeline/ui/PipelinePage')) },
  { key: 'negotiation', icon: SolutionOutlined, page: lazy(() => import('../../features/negotiation/ui/NegotiationPage')) },
  { key: 'training', icon: TrophyOutlined, page: lazy(() => import('../../features/training/ui/TrainingPage')) },
  { key: 'receivables', icon: AccountBookOutlined, page: lazy(() => import('../../features/receivables/ui/ReceivablesPage')) },
  { key: 'reports', icon: FileTextOutlined, page: lazy(() => import('../../features/reports/ui/ReportsPage')) },
  { key: 'settings', icon: SettingOutlined, page: lazy(() => import('./SettingsPage')) },
];
