import { useCallback, useEffect, useState } from 'react';
import { App, Button, Descriptions, Drawer, Form, Input, Modal, Popconfirm, Select, Table, Tabs, Tag, Timeline, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { vocab, termLabel, type VocabName } from '../../../shared/vocab';
import type { Contact, Competitor, Lookups } from '../contract';
import { buyingCentre } from './buyingCentre';

type Detail = Out<'accounts:get'>;

export function AccountDetail({ id, lookups, onClose, onChanged }: { id: string; lookups: Lookups; onClose(): void; onChanged(): void }) {
  const { t } = useTranslation(['accounts', 'common']);
  const { locale, money } = usePrefs();
  const { message } = App.useApp();
  const [detail, setDetail] = useState<Detail | null>(null);
  const [history, setHistory] = useState<Out<'accounts:history'>>([]);
  const [contactEdit, setContactEdit] = useState<Partial<Contact> | null>(null);
  const [competitorEdit, setCompetitorEdit] = useState<Partial<Competitor> | null>(null);

  const load = useCallback(async () => {
    try {
      setDetail(await call('accounts:get', { id }));
      setHistory(await call('accounts:history', { id }));
    } catch (err) {
      message.error((err as Error).message);
      onClose();
    }
  }, [id, message, onClose]);
  useEffect(() => {
    void load();
  }, [load]);

  const L = (name: VocabName, key: string | null) => termLabel(name, key, locale);
  const opts = (name: VocabName) => vocab[name].map((x) => ({ value: x.key, label: locale === 'zh-CN' ? x.zh : x.en }));
  const a = detail?.account;
  const terr = lookups.territories.find((x) => x.id === a?.territoryId);
  const rep = lookups.reps.find((x) => x.id === a?.ownerId);
  const nm = (x?: { nameZh: string; nameEn: string }) => (x ? (locale === 'zh-CN' ? x.nameZh : x.nameEn) : '');

  // Owners and territories by name (a deactivated rep is still in the lookups, so history keeps their name).
  const historyValue = (field: string, v: unknown) => {
    const byId = field === 'owner_id' ? lookups.reps : field === 'territory_id' ? lookups.territories : null;
    const named = byId && typeof v === 'string' ? byId.find((x) => x.id === v) : undefined;
    return named ? nm(named) : fmt(v);
  };
  const roleLabel = t('detailUi.role');
  const matrix = detail ? buyingCentre(detail.contacts) : [];

  return (
    <Drawer open width={760} title={a?.name ?? t('detail')} onClose={onClose} data-testid="account-detail" destroyOnHidden>
      {a && detail && (
        <Tabs
          items={[
            {
              key: 'info',
              label: t('detailUi.info'),
              children: (
                <Descriptions column={2} size="small" bordered>
                  <Descriptions.Item label={t('field.territory')}>{nm(terr)}</Descriptions.Item>
                  <Descriptions.Item label={t('field.owner')}>{nm(rep)}</Descriptions.Item>
                  <Descriptions.Item label={t('field.industry')}>{a.industry}</Descriptions.Item>
                  <Descriptions.Item label={t('field.city')}>{a.city}</Descriptions.Item>
                  <Descriptions.Item label={t('field.sales')}>{money(a.sales)}</Descriptions.Item>
                  <Descriptions.Item label={t('field.salesLastYear')}>{money(a.salesLastYear)}</Descriptions.Item>
                  <Descriptions.Item label={t('field.profit')}>{money(a.profit)}</Descriptions.Item>
                  <Descriptions.Item label={t('field.receivable')}>{money(a.receivable)}</Descriptions.Item>
                  <Descriptions.Item label={t('field.grade')}>
                    {a.grade} {a.gradeSource ? <Tag>{t(`detailUi.gradeSource.${a.gradeSource}`)}</Tag> : null}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.relationshipStage')}>{L('relationshipStage', a.relationshipStage)}</Descriptions.Item>
                  <Descriptions.Item label={t('field.relationshipType')}>{L('relationshipType', a.relationshipType)}</Descriptions.Item>
                  <Descriptions.Item label={t('field.communicationStyle')}>
                    {L('communicationStyle', a.communicationStyle)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.valueType')}>{L('valueType', a.valueType)}</Descriptions.Item>
                  <Descriptions.Item label={t('field.loyaltyType')}>{L('loyaltyType', a.loyaltyType)}</Descriptions.Item>
                  <Descriptions.Item label={t('field.lastVisit')}>{a.lastVisit}</Descriptions.Item>
                  <Descriptions.Item label={t('field.nextVisit')}>{a.nextVisit}</Descriptions.Item>
                  <Descriptions.Item label={t('field.productsInUse')} span={2}>
                    {a.productsInUse}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('field.notes')} span={2}>
                    {a.notes}
                  </Descriptions.Item>
                </Descriptions>
              ),
            },
            {
              key: 'contacts',
              label: `${t('detailUi.contacts')} (${detail.contacts.length})`,
              children: (
                <>
                  <Button
                    size="small"
                    style={{ marginBottom: 8 }}
                    onClick={() => setContactEdit({ accountId: a.id })}
                    data-testid="add-contact"
                  >
                    {t('detailUi.addContact')}
                  </Button>
                  <Table<Contact>
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={detail.contacts}
                    onRow={(c) => ({ onDoubleClick: () => setContactEdit(c) })}
                    columns={[
                      { title: t('detailUi.name'), dataIndex: 'name' },
                      { title: t('detailUi.title'), dataIndex: 'title' },
                      { title: t('detailUi.department'), dataIndex: 'department', render: (v: string | null) => L('department', v) },
                      { title: t('detailUi.level'), dataIndex: 'level', render: (v: string | null) => L('level', v) },
                      { title: roleLabel, dataIndex: 'buyingRole', render: (v: string | null) => L('buyingRole', v) },
                      { title: t('detailUi.coach'), dataIndex: 'coachLevel', render: (v: string | null) => L('coachLevel', v) },
                      {
                        title: '',
                        render: (_: unknown, c: Contact) => (
                          <Popconfirm
                            title={t('common:delete')}
                            onConfirm={async () => {
                              await call('contacts:delete', { id: c.id });
                              await load();
                            }}
                          >
                            <Button size="small" type="link" danger>
                              {t('common:delete')}
                            </Button>
                          </Popconfirm>
                        ),
                      },
                    ]}
                  />
                  <h4 style={{ marginTop: 16 }}>{t('detailUi.matrix')}</h4>
                  <table
                    className="buying-centre"
                    data-testid="buying-centre"
                    style={{ borderCollapse: 'collapse', width: '100%', fontSize: 12 }}
                  >
                    <thead>
                      <tr>
                        <th style={cellStyle}>{roleLabel}</th>
                        {vocab.level.map((l) => (
                          <th key={l.key} style={cellStyle}>
                            {L('level', l.key)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {vocab.buyingRole.map((r) => (
                        <tr key={r.key}>
                          <th style={cellStyle}>{L('buyingRole', r.key)}</th>
                          {vocab.level.map((l) => {
                            const cell = matrix.find((c) => c.role === r.key && c.level === l.key)!;
                            return (
                              <td
                                key={l.key}
                                style={{ ...cellStyle, background: cell.contacts.length ? '#f6ffed' : '#fff1f0' }}
                                data-empty={cell.contacts.length === 0}
                              >
                                {cell.contacts.length ? (
                                  cell.contacts.map((c) => c.name).join('、')
                                ) : (
                                  <Tooltip title={t('detailUi.notMetHint')}>
                                    <span style={{ color: '#cf1322' }}>{t('detailUi.notMet')}</span>
                                  </Tooltip>
                                )}
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </>
              ),
            },
            {
              key: 'competitors',
              label: `${t('detailUi.competitors')} (${detail.competitors.length})`,
              children: (
                <>
                  <Button size="small" style={{ marginBottom: 8 }} onClick={() => setCompetitorEdit({ accountId: a.id })}>
                    {t('detailUi.addCompetitor')}
                  </Button>
                  <Table<Competitor>
                    size="small"
                    rowKey="id"
                    pagination={false}
                    dataSource={detail.competitors}
                    onRow={(c) => ({ onDoubleClick: () => setCompetitorEdit(c) })}
                    columns={[
                      { title: t('detailUi.competitor'), dataIndex: 'name' },
                      { title: t('detailUi.history'), dataIndex: 'history' },
                      { title: t('detailUi.competitorRep'), dataIndex: 'rep' },
                      { title: t('detailUi.style'), dataIndex: 'style' },
                      { title: t('detailUi.strengths'), dataIndex: 'ourStrengths' },
                      { title: t('detailUi.weaknesses'), dataIndex: 'ourWeaknesses' },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'history',
              label: t('detailUi.historyTab'),
              children: (
                <Timeline
                  items={history.slice(0, 200).map((h) => ({
                    children: `${h.at.slice(0, 19).replace('T', ' ')} · ${h.op} · ${h.field}: ${historyValue(h.field, h.before)} → ${historyValue(h.field, h.after)}`,
                  }))}
                />
              ),
            },
          ]}
        />
      )}
      <Modal
        open={!!contactEdit}
        title={t('detailUi.contact')}
        onCancel={() => setContactEdit(null)}
        destroyOnHidden
        okButtonProps={{ htmlType: 'submit', form: 'contact-form' }}
      >
        {contactEdit && (
          <Form
            id="contact-form"
            layout="vertical"
            initialValues={contactEdit}
            onFinish={async (v: Record<string, string | undefined>) => {
              try {
                await call('contacts:save', { ...clean(v), id: contactEdit.id, accountId: id } as never);
                setContactEdit(null);
                await load();
                onChanged();
              } catch (err) {
                message.error((err as Error).message);
              }
            }}
          >
            <Form.Item name="name" label={t('detailUi.name')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="title" label={t('detailUi.title')}>
              <Input />
            </Form.Item>
            <Form.Item name="phone" label={t('detailUi.phone')}>
              <Input />
            </Form.Item>
            <Form.Item name="department" label={t('detailUi.department')}>
              <Select allowClear options={opts('department')} />
            </Form.Item>
            <Form.Item name="level" label={t('detailUi.level')}>
              <Select allowClear options={opts('level')} />
            </Form.Item>
            <Form.Item name="buyingRole" label={roleLabel}>
              <Select allowClear options={opts('buyingRole')} />
            </Form.Item>
            <Form.Item name="persona" label={t('detailUi.persona')}>
              <Select allowClear options={opts('persona')} />
            </Form.Item>
            <Form.Item name="coachLevel" label={t('detailUi.coach')}>
              <Select allowClear options={opts('coachLevel')} />
            </Form.Item>
          </Form>
        )}
      </Modal>
      <Modal
        open={!!competitorEdit}
        title={t('detailUi.competitor')}
        onCancel={() => setCompetitorEdit(null)}
        destroyOnHidden
        okButtonProps={{ htmlType: 'submit', form: 'competitor-form' }}
      >
        {competitorEdit && (
          <Form
            id="competitor-form"
            layout="vertical"
            initialValues={competitorEdit}
            onFinish={async (v: Record<string, string | undefined>) => {
              try {
                await call('competitors:save', { ...clean(v), id: competitorEdit.id, accountId: id } as never);
                setCompetitorEdit(null);
                await load();
              } catch (err) {
                message.error((err as Error).message);
              }
            }}
          >
            <Form.Item name="name" label={t('detailUi.competitor')} rules={[{ required: true }]}>
              <Input />
            </Form.Item>
            <Form.Item name="history" label={t('detailUi.history')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="rep" label={t('detailUi.competitorRep')}>
              <Input />
            </Form.Item>
            <Form.Item name="style" label={t('detailUi.style')}>
              <Input />
            </Form.Item>
            <Form.Item name="ourStrengths" label={t('detailUi.strengths')}>
              <Input.TextArea rows={2} />
            </Form.Item>
            <Form.Item name="ourWeaknesses" label={t('detailUi.weaknesses')}>
              <Input.TextArea rows={2} />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </Drawer>
  );
}

const cellStyle = { border: '1px solid #e5e5e5', padding: '4px 6px', textAlign: 'left' as const };

function fmt(v: unknown): string {
  if (v === null || v === undefined) return '—';
  return String(v).slice(0, 60);
}

function clean(v: Record<string, string | undefined>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const [k, x] of Object.entries(v)) out[k] = x === undefined || x === '' ? null : x;
  return out;
}
