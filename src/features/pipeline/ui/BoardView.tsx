import { useMemo, useState, type DragEvent } from 'react';
import { App, Card, Input, Modal, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { daysBetween } from '../../../shared/dates';
import type { Opportunity } from '../contract';
import type { Lookups, Names } from './usePipelineLookups';

// The board: one column per stage of the active model, a card per open opportunity.
// Dragging a card to another column (HTML5 drag and drop, no library) records a stage
// change effective today; the won and lost zones close it.

const MAX_CARDS = 60;
const DRAG_TYPE = 'application/x-sw-opportunity';

export function BoardView({
  list,
  lookups,
  names,
  onOpen,
  onChanged,
}: {
  list: Opportunity[] | null;
  lookups: Lookups;
  names: Names;
  onOpen(id: string): void;
  onChanged(): void;
}) {
  const { t } = useTranslation(['pipeline', 'common']);
  const { money } = usePrefs();
  const { message } = App.useApp();
  const [over, setOver] = useState<string | null>(null);
  const [losing, setLosing] = useState<{ opp: Opportunity; reason: string } | null>(null);

  const columns = useMemo(() => {
    const open = (list ?? []).filter((o) => o.status === 'open');
    return lookups.stages.map((s) => {
      const cards = open.filter((o) => o.stageId === s.id).sort((a, b) => b.amount - a.amount);
      return { stage: s, cards, amount: cards.reduce((n, o) => n + o.amount, 0), weighted: cards.reduce((n, o) => n + o.weighted, 0) };
    });
  }, [list, lookups.stages]);

  if (!list) return <Spin style={{ margin: 40 }} />;
  const byId = new Map(list.map((o) => [o.id, o]));

  const update = async (opp: Opportunity, patch: { stageId?: string; status?: 'won' | 'lost'; closeReason?: string }, label: string) => {
    try {
      await call('pipeline:update', { id: opp.id, version: opp.version, patch });
      message.success({ content: t('moved', { stage: label }), key: 'move', duration: 1.5 });
      onChanged();
    } catch (err) {
      message.error({ content: t('moveFailed', { reason: (err as Error).message }), key: 'move' });
    }
  };

  const dropTarget = (key: string, onDropped: (opp: Opportunity) => void) => ({
    onDragOver: (e: DragEvent) => {
      if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      if (over !== key) setOver(key);
    },
    onDragLeave: () => setOver((k) => (k === key ? null : k)),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      setOver(null);
      const opp = byId.get(e.dataTransfer.getData(DRAG_TYPE));
      if (opp) onDropped(opp);
    },
  });

  const zone = (key: 'won' | 'lost') => (
    <div
      key={key}
      data-testid={`drop-${key}`}
      {...dropTarget(key, (opp) => (key === 'won' ? void update(opp, { status: 'won' }, t('status.won')) : setLosing({ opp, reason: '' })))}
      style={{
        flex: 1,
        minHeight: 40,
        border: `2px dashed ${key === 'won' ? '#52c41a' : '#ff4d4f'}`,
        borderRadius: 6,
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        color: key === 'won' ? '#389e0d' : '#cf1322',
        background: over === key ? '#fafafa' : 'transparent',
      }}
    >
      {t(key === 'won' ? 'dropWon' : 'dropLost')}
    </div>
  );

  return (
    <div data-testid="pipeline-board">
      <div style={{ display: 'flex', gap: 8, marginBottom: 8 }}>
        {zone('won')}
        {zone('lost')}
      </div>
      <div style={{ display: 'flex', gap: 8, overflowX: 'auto', paddingBottom: 8 }}>
        {columns.map(({ stage, cards, amount, weighted }) => (
          <div
            key={stage.id}
            data-testid={`column-${stage.position}`}
            {...dropTarget(stage.id, (opp) => opp.stageId !== stage.id && void update(opp, { stageId: stage.id }, names.stage(stage.id)))}
            style={{
              flex: '1 1 0',
              minWidth: 150,
              background: over === stage.id ? '#e6f0ff' : '#eef1f5',
              borderRadius: 6,
              padding: 6,
              minHeight: 420,
            }}
          >
            <div style={{ padding: '2px 4px 6px' }}>
              <Typography.Text strong>{names.stageLabel(stage)}</Typography.Text>
              <div style={{ fontSize: 12, color: '#555' }} data-testid={`column-total-${stage.position}`}>
                {cards.length} · {money(amount)}
              </div>
              <div style={{ fontSize: 12, color: '#888' }}>
                {t('field.weighted')} {money(weighted)}
              </div>
            </div>
            {cards.slice(0, MAX_CARDS).map((o) => {
              const days = daysBetween(o.stageSince, lookups.today);
              return (
                <Card
                  key={o.id}
                  size="small"
                  draggable
                  onDragStart={(e) => {
                    e.dataTransfer.setData(DRAG_TYPE, o.id);
                    e.dataTransfer.effectAllowed = 'move';
                  }}
                  onClick={() => onOpen(o.id)}
                  style={{ marginBottom: 6, cursor: 'grab' }}
                  styles={{ body: { padding: '6px 8px' } }}
                  data-testid={`card-${o.id}`}
                >
                  <div
                    style={{
                      fontWeight: 600,
                      fontSize: 13,
                      lineHeight: 1.3,
                      display: '-webkit-box',
                      WebkitLineClamp: 2,
                      WebkitBoxOrient: 'vertical',
                      overflow: 'hidden',
                    }}
                  >
                    {o.name}
                  </div>
                  <div style={{ fontSize: 12, color: '#555', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                    {o.accountName}
                  </div>
                  <div
                    style={{
                      display: 'flex',
                      flexWrap: 'wrap',
                      justifyContent: 'space-between',
                      columnGap: 6,
                      fontSize: 12,
                      marginTop: 2,
                      whiteSpace: 'nowrap',
                    }}
                  >
                    <span>{money(o.amount)}</span>
                    <span style={{ color: o.expectedClose < lookups.today ? '#cf1322' : '#555' }}>{o.expectedClose}</span>
                  </div>
                  <div style={{ display: 'flex', justifyContent: 'space-between', fontSize: 12, color: '#777', marginTop: 2 }}>
                    <span>{names.rep(o.ownerId)}</span>
                    <Tag color={days >= lookups.stallDays ? 'red' : undefined} style={{ marginInlineEnd: 0 }}>
                      {t('daysInStage', { days })}
                    </Tag>
                  </div>
                </Card>
              );
            })}
            {cards.length > MAX_CARDS && (
              <Typography.Text type="secondary">{t('more', { count: cards.length - MAX_CARDS })}</Typography.Text>
            )}
          </div>
        ))}
      </div>
      <Modal
        open={!!losing}
        title={`${t('status.lost')}: ${losing?.opp.name ?? ''}`}
        onCancel={() => setLosing(null)}
        onOk={() => {
          if (losing) void update(losing.opp, { status: 'lost', closeReason: losing.reason }, t('status.lost'));
          setLosing(null);
        }}
        okText={t('common:ok')}
        cancelText={t('common:cancel')}
      >
        <Input.TextArea
          rows={3}
          placeholder={t('field.closeReason')}
          value={losing?.reason ?? ''}
          onChange={(e) => setLosing((l) => (l ? { ...l, reason: e.target.value } : l))}
          data-testid="lost-reason"
        />
      </Modal>
    </div>
  );
}
