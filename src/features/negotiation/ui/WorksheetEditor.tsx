import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Badge, Button, Input, Space, Spin, Tabs, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, files } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { navigate } from '../../../renderer/app/useHashRoute';
import { ApiError } from '../../../shared/errors';
import type { AgreementInput, Issue, RoundInput, Worksheet } from '../contract';
import { concessionChecks } from '../domain';
import { AgreementTab } from './AgreementTab';
import { draftOf, newIssue, planInputOf, removeIssue, type Draft } from './draft';
import { OpportunityPicker } from './OpportunityPicker';
import { PlanTab } from './PlanTab';
import { RoundsTab } from './RoundsTab';
import { TeamTab } from './TeamTab';
import { TradeoffsTab } from './TradeoffsTab';

/** One worksheet: the plan is edited locally with live checks and saved as a whole. */
export function WorksheetEditor({ id }: { id: string }) {
  const { t } = useTranslation('negotiation');
  const { message } = App.useApp();
  const { locale: lang, money } = usePrefs();
  const [saved, setSaved] = useState<Worksheet | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [selected, setSelected] = useState(0);
  const [tab, setTab] = useState('plan');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const w = await call('negotiation:get', { id });
    setSaved(w);
    setDraft(draftOf(w));
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  const checks = useMemo(() => (draft ? concessionChecks(draft) : []), [draft]);
  const dirty = useMemo(
    () => !!draft && !!saved && JSON.stringify(planInputOf(draft)) !== JSON.stringify(planInputOf(draftOf(saved))),
    [draft, saved],
  );

  const save = useCallback(async (): Promise<Worksheet | null> => {
    if (!draft) return null;
    setBusy(true);
    try {
      const w = await call('negotiation:savePlan', planInputOf(draft));
      setSaved(w);
      setDraft(draftOf(w));
      message.success({ content: t('editor.saved'), key: 'neg-save', duration: 1 });
      return w;
    } catch (err) {
      if (err instanceof ApiError && err.code === 'conflict') {
        message.warning(t('editor.conflict'));
        await load();
      } else {
        message.error((err as Error).message);
      }
      return null;
    } finally {
      setBusy(false);
    }
  }, [draft, load, message, t]);

  const exportXlsx = useCallback(async () => {
    const w = dirty ? await save() : saved;
    if (!w) return;
    const ref = await files.pickSave(`${w.name.replace(/[/\\:*?"<>|]/g, '_').slice(0, 80) || 'negotiation'}.xlsx`);
    if (!ref) return;
    try {
      await call('negotiation:export', { id: w.id, file: ref.token, lang });
      await files.delivered(ref);
      message.success(t('editor.exported'));
    } catch (err) {
      message.error((err as Error).message);
    }
  }, [dirty, save, saved, lang, message, t]);

  const print = useCallback(async () => {
    const w = dirty ? await save() : saved;
    if (w) navigate('negotiation', { id: w.id, print: '1' });
  }, [dirty, save, saved]);

  if (!draft || !saved) return <Spin style={{ margin: 40 }} />;
  const setIssue = (i: number, patch: Partial<Issue>) =>
    setDraft((d) => d && { ...d, issues: d.issues.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
  const errors = checks.filter((c) => c.severity === 'error').length;
  const warnings = checks.length - errors;
  const afterServer = (w: Worksheet) => {
    // Rounds and the agreement save on their own; keep unsaved plan edits.
    setSaved(w);
    setDraft((d) => (d ? { ...d, version: w.version } : draftOf(w)));
  };

  return (
    <Space orientation="vertical" size={10} style={{ width: '100%' }} data-testid="worksheet-editor">
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('negotiation')} data-testid="back-to-list">
          {t('editor.back')}
        </Button>
        <Input
          // Worksheets are named after the customer: wide enough for a long company name.
          style={{ width: 360 }}
          value={draft.name}
          maxLength={100}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          data-testid="worksheet-name"
          aria-label={t('editor.name')}
        />
        <OpportunityPicker
          style={{ width: 260 }}
          value={draft.opportunityId}
          onChange={(opportunityId) => setDraft({ ...draft, opportunityId })}
          ariaLabel={t('editor.opportunity')}
          testId="worksheet-opportunity"
        />
        <Badge dot={dirty}>
          <Button type="primary" icon={<SaveOutlined />} loading={busy} onClick={() => void save()} data-testid="save-worksheet">
            {t('editor.save')}
          </Button>
        </Badge>
        <Button icon={<DownloadOutlined />} onClick={() => void exportXlsx()} data-testid="export-worksheet">
          {t('editor.export')}
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => void print()} data-testid="print-worksheet">
          {t('editor.print')}
        </Button>
        {dirty && (
          <Typography.Text type="warning" data-testid="unsaved">
            {t('editor.unsaved')}
          </Typography.Text>
        )}
        {checks.length === 0 ? (
          <Tag color="success" data-testid="checks-summary">
            {t('editor.allPass')}
          </Tag>
        ) : (
          <Tag color={errors ? 'error' : 'warning'} data-testid="checks-summary">
            {t('editor.checksSummary', { errors, warnings })}
          </Tag>
        )}
      </Space>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'plan',
            label: <span data-testid="tab-plan">{t('editor.tabs.plan')}</span>,
            children: (
              <PlanTab
                issues={draft.issues}
                checks={checks}
                lang={lang}
                selected={Math.min(selected, draft.issues.length - 1)}
                onSelect={setSelected}
                onIssue={setIssue}
                onAddIssue={() => {
                  setDraft({ ...draft, issues: [...draft.issues, newIssue(t('issue.newName'))] });
                  setSelected(draft.issues.length);
                }}
                onRemoveIssue={(i) => {
                  setDraft(removeIssue(draft, draft.issues[i]!.id));
                  setSelected(0);
                }}
              />
            ),
          },
          {
            key: 'team',
            label: <span data-testid="tab-team">{t('editor.tabs.team')}</span>,
            children: <TeamTab team={draft.team} issues={draft.issues} onChange={(team) => setDraft({ ...draft, team })} />,
          },
          {
            key: 'tradeoffs',
            label: <span data-testid="tab-tradeoffs">{t('editor.tabs.tradeoffs')}</span>,
            children: <TradeoffsTab issues={draft.issues} lang={lang} money={money} />,
          },
          {
            key: 'rounds',
            label: <span data-testid="tab-rounds">{t('editor.tabs.rounds')}</span>,
            children: (
              <RoundsTab
                worksheet={saved}
                lang={lang}
                onAdd={async (r: Omit<RoundInput, 'worksheetId'>) =>
                  afterServer(await call('negotiation:addRound', { ...r, worksheetId: saved.id }))
                }
                onStrike={async (roundId) => afterServer(await call('negotiation:deleteRound', { worksheetId: saved.id, roundId }))}
              />
            ),
          },
          {
            key: 'agreement',
            label: <span data-testid="tab-agreement">{t('editor.tabs.agreement')}</span>,
            children: (
              <AgreementTab
                worksheet={saved}
                lang={lang}
                onSave={async (terms: AgreementInput['terms'], confirmAll?: boolean) => {
                  try {
                    afterServer(
                      await call(
                        'negotiation:saveAgreement',
                        confirmAll === undefined ? { worksheetId: saved.id, terms } : { worksheetId: saved.id, terms, confirmAll },
                      ),
                    );
                    message.success({ content: t('editor.saved'), key: 'neg-save', duration: 1 });
                  } catch (err) {
                    message.error((err as Error).message);
                  }
                }}
              />
            ),
          },
        ]}
      />
    </Space>
  );
}
