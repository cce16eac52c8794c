import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
// The menu's icons as SVG definitions (drawn by SvgIcon): the menu is on screen before Ant
// Design loads (components/firstScreen.ts).
import type { IconDefinition } from '@ant-design/icons-svg/es/types';
import TeamOutlined from '@ant-design/icons-svg/es/asn/TeamOutlined';
import BarChartOutlined from '@ant-design/icons-svg/es/asn/BarChartOutlined';
import FunnelPlotOutlined from '@ant-design/icons-svg/es/asn/FunnelPlotOutlined';
import SolutionOutlined from '@ant-design/icons-svg/es/asn/SolutionOutlined';
import TrophyOutlined from '@ant-design/icons-svg/es/asn/TrophyOutlined';
import AccountBookOutlined from '@ant-design/icons-svg/es/asn/AccountBookOutlined';
import FileTextOutlined from '@ant-design/icons-svg/es/asn/FileTextOutlined';
import SettingOutlined from '@ant-design/icons-svg/es/asn/SettingOutlined';
import { areaPage } from './areaPages';

/** An area's page, loaded when first opened (or by the page's entry, when it is the area opening). */
const page = (key: string): LazyExoticComponent<ComponentType> => lazy(() => areaPage(key));

export interface Area {
  key: string;
  icon: IconDefinition;
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
