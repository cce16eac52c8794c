import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import type { Scope } from '../../../shared/scope';
import { App, Button, DatePicker, Select, Space, Spin, Tabs } from 'antd';
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { files } from '../../../renderer/api/client';
import { takeArrived, takeEarly } from '../../../renderer/api/early';
import { navigate, useHashRoute } from '../../../renderer/app/useHashRoute';
import { usePrefs } from '../../../renderer/app/prefs';
import { useJobRunner } from '../../../renderer/components/useJobRunner';
import type { ReportsLookups } from '../contract';
import { weekStartOf } from '../periods';
import { OverviewTab } from './OverviewTab';
import { ForecastTab } from './ForecastTab';
import { reportsPrintCss } from './printCss';
import { reportsViews } from './views';

const TABS = ['overview', 'quotas', 'forecast'] as const;
const QuotasTab = lazy(() => reportsViews.quotas.lazy());

// The Reports area: #/reports?tab=overview|quotas|forecast&week=YYYY-MM-DD&territoryId=…&ownerId=…
// The scope and the week (default: this week in the book's calendar) apply to every tab.
export default function ReportsPage() {
  const { t } = useTranslation('reports');
  const { message } = App.useApp();
  const { locale } = usePrefs();
  const route = useHashRoute();
  const tab = (TABS as readonly string[]).includes(route.params.get('tab') ?? '') ? route.params.get('tab')! : 'overview';
  // Already arrived (asked by the page's entry), the lookups are the first render's.
  const [lookups, setLookups] = useState<ReportsLookups | null>(() => takeArrived('reports:lookups', {}) ?? null);
  const jobs = useJobRunner();
  const hasLookups = lookups !== null;
  useEffect(() => {
    if (!hasLookups) takeEarly('reports:lookups', {}).then(setLookups, (e: Error) => message.error(e.message));
  }, [hasLookups, message]);

  const week = route.params.get('week') ?? (lookups ? weekStartOf(lookups.today) : null);
  // One object while the link names the same scope, so the tabs' effects run when it changes and only then.
  const territoryParam = route.params.get('territoryId');
  const ownerParam = route.params.get('ownerId');
  const scope: Scope = useMemo(
    () => ({ ...(territoryParam ? { territoryId: territoryParam } : {}), ...(ownerParam ? { ownerId: ownerParam } : {}) }),
    [territoryParam, ownerParam],
  );
  const go = useCallback(
    (patch: Record<string, string | undefined>) => {
      const next: Record<string, string> = {};
      const cur = { tab, week: route.params.get('week') ?? undefined, territoryId: scope.territoryId, ownerId: scope.ownerId, ...patch };
      for (const [k, v] of Object.entries(cur)) if (v) next[k] = v;
      navigate('reports', next);
    },
    [tab, route.params, scope],
  );

  const downloadPack = useCallback(async () => {
    if (!week) return;
    const ref = await files.pickSave(`meeting-pack-${week}.xlsx`);
    if (!ref) return;
    try {
      const r = await jobs.run('reports:exportPack', { file: ref.token, week, lang: locale, ...scope }, t('pack'));
      await files.delivered(ref);
      message.success(t('packDone', { rows: r.rows }));
    } catch (e) {
      message.error((e as Error).message);
    }
  }, [jobs, locale, message, t, week, scope]);

  if (!lookups || !week) return <Spin style={{ margin: 40 }} />;
  const name = (x: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? x.nameZh : x.nameEn);
  const reps = lookups.reps.filter((r) => !scope.territoryId || r.territoryId === scope.territoryId);
  return (
    <div data-testid="reports-page">
      <style>{reportsPrintCss}</style>
      <Space wrap className="sw-no-print" style={{ marginBottom: 8 }}>
        <Select
          style={{ width: 160 }}
          value={scope.territoryId ?? ''}
          onChange={(v) => go({ territoryId: v || undefined, ownerId: undefined })}
          options={[{ value: '', label: t('scope.all') }, ...lookups.territories.map((x) => ({ value: x.id, label: name(x) }))]}
          data-testid="reports-territory"
        />
        <Select
          style={{ width: 160 }}
          value={scope.ownerId ?? ''}
          onChange={(v) => go({ ownerId: v || undefined })}
          options={[{ value: '', label: t('scope.allReps') }, ...reps.map((x) => ({ value: x.id, label: name(x) }))]}
          data-testid="reports-owner"
        />
        <DatePicker
          picker="week"
          allowClear={false}
          value={dayjs(week)}
          onChange={(d) => d && go({ week: weekStartOf(d.format('YYYY-MM-DD')) })}
          data-testid="reports-week"
        />
        <Button icon={<DownloadOutlined />} onClick={() => void downloadPack()} data-testid="reports-pack">
          {t('pack')}
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="reports-print">
          {t('print')}
        </Button>
      </Space>
      <Tabs
        activeKey={tab}
        onChange={(k) => go({ tab: k })}
        destroyOnHidden
        items={[
          {
            key: 'overview',
            label: <span data-testid="reports-tab-overview">{t('tabs.overview')}</span>,
            children: <OverviewTab week={week} scope={scope} lookups={lookups} />,
          },
          {
            key: 'quotas',
            label: <span data-testid="reports-tab-quotas">{t('tabs.quotas')}</span>,
            children: (
              <Suspense fallback={<Spin style={{ margin: 40 }} />}>
                <QuotasTab lookups={lookups} year={Number(week.slice(0, 4))} runJob={jobs.run} />
              </Suspense>
            ),
          },
          {
            key: 'forecast',
            label: <span data-testid="reports-tab-forecast">{t('tabs.forecast')}</span>,
            children: <ForecastTab week={week} scope={scope} lookups={lookups} />,
          },
        ]}
      />
      {jobs.element}
    </div>
  );
}
