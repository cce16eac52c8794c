import { useEffect, useRef, useState } from 'react';
import { App, Button, DatePicker, Drawer, Form, Input, InputNumber, Segmented, Select, Space, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { call } from '../../../renderer/api/client';
import { AccountPicker } from '../../../renderer/components/AccountPicker';
import { usePrefs } from '../../../renderer/app/prefs';
import { fenToYuanText, yuanToFen } from '../../../shared/money';
import { CHECKLIST_KEYS, INFO_KEYS } from '../keys';
import type { OpportunityDetail, OpportunityPatch, Pain, Point } from '../contract';
import { HistorySection, PainsSection, PointsSection, QualificationSection } from './EditorSections';
import type { Lookups, Names } from './usePipelineLookups';

// The opportunity editor (a drawer over any tab). Tracked changes are recorded as of the
// effective date (today unless the user says when it happened).

type Status = 'open' | 'won' | 'lost';
interface Draft {
  name: string;
  /** '' until one is chosen (a new opportunity starts without one). */
  accountId: string;
  accountName: string;
  /** The account's territory: the owner is one of its reps. */
  territoryId: string | null;
  ownerId: string;
  amountText: string;
  expectedClose: string;
  stageId: string;
  probabilityPct: number | null;
  status: Status;
  closeReason: string;
  nextStep: string;
  nextStepDate: string | null;
  checklist: OpportunityDetail['checklist'];
  info: OpportunityDetail['info'];
  points: Point[];
  pains: Pain[];
}

const emptyChecklist = () => Object.fromEntries(CHECKLIST_KEYS.map((k) => [k, null])) as OpportunityDetail['checklist'];
const emptyInfo = () => Object.fromEntries(INFO_KEYS.map((k) => [k, null])) as OpportunityDetail['info'];

function draftOf(d: OpportunityDetail): Draft {
  const o = d.opportunity;
  return {
    name: o.name,
    accountId: o.accountId,
    accountName: o.accountName,
    territoryId: o.territoryId,
    ownerId: o.ownerId,
    amountText: fenToYuanText(o.amount),
    expectedClose: o.expectedClose,
    stageId: o.stageId,
    probabilityPct: o.probabilityBp === null ? null : o.probabilityBp / 100,
    status: o.status,
    closeReason: o.closeReason ?? '',
    nextStep: o.nextStep ?? '',
    nextStepDate: o.nextStepDate,
    checklist: d.checklist,
    info: d.info,
    points: d.points,
    pains: d.pains,
  };
}

export function OpportunityEditor({
  id,
  lookups,
  names,
  scope,
  onClose,
  onSaved,
}: {
  id: string | null;
  lookups: Lookups;
  /** The page's scope: the account picker searches its territory; a scoped rep owns a new opportunity until an account is chosen (then the account's rep does). */
  scope: { territoryId?: string; ownerId?: string };
  names: Names;
  onClose(): void;
  onSaved(id: string): void;
}) {
  const { t } = useTranslation(['pipeline', 'common']);
  const { locale } = usePrefs();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<OpportunityDetail | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [effective, setEffective] = useState(lookups.today);
  const [saving, setSaving] = useState(false);
  // Loaded once per id: the parent re-rendering (lists reloading) must not reset an edit.
  const initial = useRef({ lookups, scope, onClose, message });
  const [accountMissing, setAccountMissing] = useState(false);

  useEffect(() => {
    const { lookups, scope, onClose, message } = initial.current;
    if (!id) {
      setDraft({
        name: '',
        accountId: '',
        accountName: '',
        territoryId: null,
        ownerId: scope.ownerId ?? '',
        amountText: '',
        expectedClose: dayjs(lookups.today).add(90, 'day').format('YYYY-MM-DD'),
        stageId: lookups.stages[0]!.id,
        probabilityPct: null,
        status: 'open',
        closeReason: '',
        nextStep: '',
        nextStepDate: null,
        checklist: emptyChecklist(),
        info: emptyInfo(),
        points: [],
        pains: [],
      });
      return;
    }
    call('pipeline:get', { id })
      .then((d) => {
        setDetail(d);
        setDraft(draftOf(d));
      })
      .catch((err: Error) => {
        message.error(err.message);
        onClose();
      });
  }, [id]);

  const set = (p: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...p } : d));
  const pick = (x: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? x.nameZh : x.nameEn);
  // The account's reps; a deactivated rep is offered only where they already own the opportunity.
  const reps = lookups.reps.filter(
    (r) => (!draft?.territoryId || r.territoryId === draft.territoryId) && (r.active || r.id === draft?.ownerId),
  );
  const pickerTerritory = scope.territoryId ?? lookups.reps.find((r) => r.id === scope.ownerId)?.territoryId;

  const chooseAccount = (a: { id: string; name: string; territoryId: string; ownerId: string | null }) => {
    setAccountMissing(false);
    setDraft((d) => {
      if (!d) return d;
      // The account's own rep, else the rep already chosen if they work its territory.
      const kept = lookups.reps.find((r) => r.id === d.ownerId && r.territoryId === a.territoryId);
      return { ...d, accountId: a.id, accountName: a.name, territoryId: a.territoryId, ownerId: a.ownerId ?? kept?.id ?? '' };
    });
  };

  const save = async () => {
    if (!draft) return;
    if (!draft.accountId) {
      setAccountMissing(true);
      message.error(t('editor.accountRequired'));
      return;
    }
    const amount = yuanToFen(draft.amountText);
    if (amount === null || amount < 0) {
      message.error(`${t('field.amount')}: ${draft.amountText}`);
      return;
    }
    const patch: OpportunityPatch = {
      name: draft.name,
      accountId: draft.accountId,
      // None chosen yet: the server gives a new opportunity to the account's rep.
      ...(draft.ownerId ? { ownerId: draft.ownerId } : {}),
      amount,
      expectedClose: draft.expectedClose,
      stageId: draft.stageId,
      probabilityBp: draft.probabilityPct === null ? null : Math.round(draft.probabilityPct * 100),
      status: draft.status,
      closeReason: draft.status === 'open' ? null : draft.closeReason || null,
      nextStep: draft.nextStep || null,
      nextStepDate: draft.nextStepDate,
      checklist: draft.checklist,
      info: draft.info,
      points: draft.points.filter((p) => p.text.trim()),
      pains: draft.pains.filter((p) => p.text.trim()),
    };
    setSaving(true);
    try {
      const saved = detail
        ? await call('pipeline:update', { id: detail.opportunity.id, version: detail.opportunity.version, effectiveDate: effective, patch })
        : await call('pipeline:create', {
            ...patch,
            name: draft.name,
            accountId: draft.accountId,
            amount,
            expectedClose: draft.expectedClose,
          });
      message.success(t(detail ? 'editor.saved' : 'editor.created'));
      const fresh = await call('pipeline:get', { id: saved.id });
      setDetail(fresh);
      setDraft(draftOf(fresh));
      onSaved(saved.id);
    } catch (err) {
      message.error((err as Error).message);
    } finally {
      setSaving(false);
    }
  };

  const dateValue = (iso: string | null) => (iso ? dayjs(iso) : null);
  const basics = draft && (
    <Form layout="vertical" size="small">
      <Form.Item label={t('field.name')} required>
        <Input value={draft.name} onChange={(e) => set({ name: e.target.value })} data-testid="opp-name" />
      </Form.Item>
      <Space.Compact block>
        <Form.Item
          label={t('field.account')}
          style={{ flex: 2 }}
          required
          validateStatus={accountMissing ? 'error' : undefined}
          help={accountMissing ? t('editor.accountRequired') : undefined}
        >
          <AccountPicker
            value={draft.accountId}
            name={draft.accountName}
            onChange={(_id, a) => a && chooseAccount(a)}
            territoryId={pickerTerritory}
            hintOf={(a) => [a.nameEn, a.city, names.rep(a.ownerId)].filter(Boolean).join(' · ')}
            status={accountMissing ? 'error' : undefined}
            testId="opp-account"
          />
        </Form.Item>
        <Form.Item label={t('field.owner')} style={{ flex: 1 }}>
          <Select
            value={draft.ownerId || undefined}
            onChange={(v) => set({ ownerId: v })}
            options={reps.map((r) => ({ value: r.id, label: pick(r) }))}
            data-testid="opp-owner"
          />
        </Form.Item>
      </Space.Compact>
      <Space.Compact block>
        <Form.Item label={`${t('field.amount')} (¥)`} style={{ flex: 1 }} required>
          <InputNumber<string>
            stringMode
            precision={2}
            min="0"
            style={{ width: '100%' }}
            value={draft.amountText}
            onChange={(v) => set({ amountText: v ?? '' })}
            data-testid="opp-amount"
          />
        </Form.Item>
        <Form.Item label={t('field.expectedClose')} style={{ flex: 1 }} required>
          <DatePicker
            style={{ width: '100%' }}
            allowClear={false}
            value={dateValue(draft.expectedClose)}
            onChange={(d) => d && set({ expectedClose: d.format('YYYY-MM-DD') })}
            data-testid="opp-close"
          />
        </Form.Item>
      </Space.Compact>
      <Space.Compact block>
        <Form.Item label={t('field.stage')} style={{ flex: 2 }}>
          <Select
            value={draft.stageId}
            onChange={(v) => set({ stageId: v })}
            options={lookups.stages.map((s) => ({ value: s.id, label: `${names.stageLabel(s)} (${s.probabilityBp / 100}%)` }))}
            data-testid="opp-stage"
          />
        </Form.Item>
        <Form.Item label={t('field.probabilityOverride')} style={{ flex: 1 }}>
          <InputNumber
            min={0}
            max={100}
            addonAfter="%"
            value={draft.probabilityPct}
            onChange={(v) => set({ probabilityPct: v ?? null })}
            data-testid="opp-probability"
          />
        </Form.Item>
      </Space.Compact>
      <Form.Item label={t('field.status')}>
        <Segmented
          value={draft.status}
          onChange={(v) => set({ status: v as Status })}
          options={(['open', 'won', 'lost'] as const).map((s) => ({ value: s, label: t(`status.${s}`) }))}
          data-testid="opp-status"
        />
      </Form.Item>
      {draft.status !== 'open' && (
        <Form.Item label={t('field.closeReason')}>
          <Input.TextArea
            autoSize
            value={draft.closeReason}
            onChange={(e) => set({ closeReason: e.target.value })}
            data-testid="opp-reason"
          />
        </Form.Item>
      )}
      <Space.Compact block>
        <Form.Item label={t('field.nextStep')} style={{ flex: 2 }}>
          <Input value={draft.nextStep} onChange={(e) => set({ nextStep: e.target.value })} data-testid="opp-next-step" />
        </Form.Item>
        <Form.Item label={t('field.nextStepDate')} style={{ flex: 1 }}>
          <DatePicker
            style={{ width: '100%' }}
            value={dateValue(draft.nextStepDate)}
            onChange={(d) => set({ nextStepDate: d ? d.format('YYYY-MM-DD') : null })}
          />
        </Form.Item>
      </Space.Compact>
      {detail && (
        <Form.Item label={t('field.effectiveDate')} extra={t('editor.effectiveHint')}>
          <DatePicker
            allowClear={false}
            value={dayjs(effective)}
            maxDate={dayjs(lookups.today)}
            onChange={(d) => d && setEffective(d.format('YYYY-MM-DD'))}
            data-testid="opp-effective"
          />
        </Form.Item>
      )}
    </Form>
  );

  return (
    <Drawer
      open
      width={720}
      title={detail?.opportunity.name ?? t('editor.title')}
      onClose={onClose}
      data-testid="opportunity-editor"
      extra={
        <Button type="primary" loading={saving} onClick={() => void save()} data-testid="opp-save">
          {t('common:save')}
        </Button>
      }
    >
      {draft && (
        <Tabs
          items={[
            { key: 'basics', label: t('editor.basics'), children: basics },
            {
              key: 'qualify',
              label: t('editor.qualify'),
              children: (
                <QualificationSection
                  checklist={draft.checklist}
                  info={draft.info}
                  onChecklist={(checklist) => set({ checklist })}
                  onInfo={(info) => set({ info })}
                />
              ),
            },
            {
              key: 'competition',
              label: `${t('editor.competition')} / ${t('editor.pains')}`,
              children: (
                <>
                  <PointsSection points={draft.points} onChange={(points) => set({ points })} />
                  <Typography.Title level={5} style={{ marginTop: 16 }}>
                    {t('editor.pains')}
                  </Typography.Title>
                  <PainsSection pains={draft.pains} onChange={(pains) => set({ pains })} />
                </>
              ),
            },
            ...(detail
              ? [{ key: 'history', label: t('editor.history'), children: <HistorySection events={detail.events} names={names} /> }]
              : []),
          ]}
        />
      )}
    </Drawer>
  );
}
