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
import { areaPage } from './areaPages';

/** An area's page, loaded when first opened (or by the page's entry, when it is the area opening). */
const page = (key: string): LazyExoticComponent<ComponentType> => lazy(() => areaPage(key));

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
  { key: 'accounts', icon: TeamOutlined, page: page('accounts') },
  { key: 'pareto', icon: BarChartOutlined, page: page('pareto') },
  { key: 'pipeline', icon: FunnelPlotOutlined, page: page('pipeline') },
  { key: 'negotiation', icon: SolutionOutlined, page: page('negotiation') },
  { key: 'training', icon: TrophyOutlined, page: page('training') },
  { key: 'receivables', icon: AccountBookOutlined, page: page('receivables') },
  { key: 'reports', icon: FileTextOutlined, page: page('reports') },
  { key: 'settings', icon: SettingOutlined, page: page('settings') },
];
