import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import {
  TeamOutlined,
  BarChartOutlined,
  FunnelPlotOutlined,
  SolutionOutlined,
  TrophyOutlined,
  AccountBookOutlined,
  FileTextOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import { loadAccountsPage } from './loadAccountsPage';
import { loadNamespaces, type LazyNamespace } from '../i18n';

/** An area's page, loaded when first opened together with its texts (fetched in parallel). */
function areaPage(load: () => Promise<{ default: ComponentType }>, ...namespaces: LazyNamespace[]): LazyExoticComponent<ComponentType> {
  return lazy(async () => (await Promise.all([load(), loadNamespaces(...namespaces)]))[0]);
}

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
  { key: 'pareto', icon: BarChartOutlined, page: areaPage(() => import('../../features/pareto/ui/ParetoPage'), 'pareto') },
  { key: 'pipeline', icon: FunnelPlotOutlined, page: areaPage(() => import('../../features/pipeline/ui/PipelinePage'), 'pipeline') },
  {
    key: 'negotiation',
    icon: SolutionOutlined,
    page: areaPage(() => import('../../features/negotiation/ui/NegotiationPage'), 'negotiation'),
  },
  { key: 'training', icon: TrophyOutlined, page: areaPage(() => import('../../features/training/ui/TrainingPage'), 'training') },
  {
    key: 'receivables',
    icon: AccountBookOutlined,
    page: areaPage(() => import('../../features/receivables/ui/ReceivablesPage'), 'receivables'),
  },
  { key: 'reports', icon: FileTextOutlined, page: areaPage(() => import('../../features/reports/ui/ReportsPage'), 'reports') },
  { key: 'settings', icon: SettingOutlined, page: areaPage(() => import('./SettingsPage'), 'org', 'team') },
];
