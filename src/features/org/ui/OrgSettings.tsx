import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Select, Space, Table, Tag } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import { call, files, type Out } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { TeamOrgLockNote, useTeamRole } from '../../../renderer/components/teamSettingsLock';
import { localizeReason } from '../../../renderer/i18n/serverReasons';
import { ApiError } from '../../../shared/errors';
import { EMAIL_MAX, LEADS_SEPARATOR, NAME_MAX, ROLES, type Role } from '../domain';
import type { OrgImportError, OrgPerson, OrgTerritory } from '../contract';

type Org = Out<'org:get'>;
interface TerritoryForm {
  nameZh: string;
  nameEn: string;
}
interface PersonForm {
  nameZh: string;
  nameEn: string;
  email?: string;
  role: Role;
  territoryId?: string;
  leads?: string[];
}

/**
 * Settings → the organisation: the territories and the people of the team (reps,
 * managers, finance, trainers, admins). Checks here mirror the domain's (the server checks
 * again and its reason is shown in the user's language); a person is deactivated, never
 * deleted, so their name stays wherever it was recorded.
 */
export function OrgSettings() {
  const { t } = useTranslation('org');
  const { locale } = usePrefs();
  // In a team book the organisation is the admin's; a manager also edits people (the server's rule).
  const role = useTeamRole();
  const orgLocked = role !== null && role !== 'admin';
  const peopleLocked = orgLocked && role !== 'manager';
  const { message, modal } = App.useApp();
  const [org, setOrg] = useState<Org | null>(null);
  const [territoryEdit, setTerritoryEdit] = useState<Partial<OrgTerritory> | null>(null);
  const [personEdit, setPersonEdit] = useState<Partial<OrgPerson> | null>(null);
  const reload = useCallback(async () => setOrg(await call('org:get', {})), []);
  useEffect(() => {
    void reload();
  }, [reload]);

  const name = useCallback((x: { nameZh: string; nameEn: string }) => (locale === 'zh-CN' ? x.nameZh : x.nameEn), [locale]);
  const territoryName = useMemo(() => new Map((org?.territories ?? []).map((x) => [x.id, name(x)])), [org, name]);
  const territoryOptions = (org?.territories ?? []).map((x) => ({ value: x.id, label: name(x) }));

  const nameRules = (extra: Rule[] = []): Rule[] => [
    { required: true, whitespace: true, message: t('rules.required') },
    { max: NAME_MAX, message: t('rules.tooLong', { max: NAME_MAX }) },
    ...extra,
  ];
  const noSemicolon: Rule = {
    validator: async (_r, v: string | undefined) => {
      if (v?.includes(LEADS_SEPARATOR)) throw new Error(t('rules.noSemicolon'));
    },
  };

  /** Saves, or shows the server's reason on the field it names. */
  const submit = async (form: ReturnType<typeof Form.useForm>[0], save: () => Promise<unknown>, close: () => void) => {
    try {
      await save();
      message.success(t('saved'));
      close();
      await reload();
    } catch (e) {
      const reason = localizeReason((e as Error).message, locale);
      const field = e instanceof ApiError ? (e.details as { field?: string } | undefined)?.field : undefined;
      const formField = field === 'territory' ? (form.getFieldValue('role') === 'manager' ? 'leads' : 'territoryId') : field;
      if (formField && form.getFieldInstance(formField) !== undefined) form.setFields([{ name: formField, errors: [reason] }]);
      else message.error(reason);
    }
  };

  const exportOrg = async () => {
    const ref = await files.pickSave('org.xlsx');
    if (!ref) return;
    try {
      const r = await call('org:export', { file: ref.token });
      await files.delivered(ref);
      message.success(t('exported', r));
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const importOrg = async () => {
    const ref = await files.pickOpen(['xlsx']);
    if (!ref) return;
    try {
      const r = await call('org:import', { file: ref.token });
      message.success(
        t('imported', { tNew: r.territories.inserted, tUpd: r.territories.updated, pNew: r.people.inserted, pUpd: r.people.updated }),
      );
      await reload();
    } catch (e) {
      const errors = e instanceof ApiError ? (e.details as { errors?: OrgImportError[] } | undefined)?.errors : undefined;
      if (!errors) return void message.error((e as Error).message);
      modal.error({
        title: t('importRejected'),
        width: 760,
        content: (
          <Table
            size="small"
            rowKey={(x) => `${x.sheet}-${x.row}-${x.column}-${x.reason}`}
            pagination={{ pageSize: 8 }}
            dataSource={errors}
            columns={[
              { title: t('sheet'), dataIndex: 'sheet' },
              { title: t('row'), dataIndex: 'row' },
              { title: t('column'), dataIndex: 'column' },
              { title: t('value'), dataIndex: 'value' },
              { title: t('reason'), dataIndex: 'reason', render: (r: string) => localizeReason(r, locale) },
            ]}
          />
        ),
      });
    }
  };

  return (
    <Card
      title={t('title')}
      size="small"
      data-testid="org-settings"
      extra={
        <Space>
          <Button onClick={() => void importOrg()} disabled={orgLocked} data-testid="org-import">
            {t('importOrg')}
          </Button>
          <Button onClick={() => void exportOrg()} data-testid="org-export">
            {t('exportOrg')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Table<OrgTerritory>
          size="small"
          rowKey="id"
          pagination={false}
          data-testid="org-territories"
          title={() => (
            <Space>
              <b>{t('territories')}</b>
              <Button size="small" onClick={() => setTerritoryEdit({})} disabled={orgLocked} data-testid="add-territory">
                {t('addTerritory')}
              </Button>
              {orgLocked && <TeamOrgLockNote peopleToo={peopleLocked} />}
            </Space>
          )}
          locale={{ emptyText: t('empty.territories') }}
          dataSource={org?.territories ?? []}
          columns={[
            { title: t('nameZh'), dataIndex: 'nameZh' },
            { title: t('nameEn'), dataIndex: 'nameEn' },
            {
              title: t('leaders'),
              render: (_: unknown, x) =>
                (org?.people ?? [])
                  .filter((p) => p.leads.includes(x.id))
                  .map(name)
                  .join(', '),
            },
            { title: t('reps'), render: (_: unknown, x) => (org?.people ?? []).filter((p) => p.territoryId === x.id && p.active).length },
            {
              title: '',
              width: 80,
              render: (_: unknown, x) => (
                <Button size="small" type="link" onClick={() => setTerritoryEdit(x)} disabled={orgLocked}>
                  {t('edit')}
                </Button>
              ),
            },
          ]}
        />
        <Table<OrgPerson>
          size="small"
          rowKey="id"
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="org-people"
          title={() => (
            <Space>
              <b>{t('people')}</b>
              <Button size="small" onClick={() => setPersonEdit({ role: 'rep' })} disabled={!org || peopleLocked} data-testid="add-person">
                {t('addPerson')}
              </Button>
            </Space>
          )}
          locale={{ emptyText: t('empty.people') }}
          dataSource={org?.people ?? []}
          rowClassName={(x) => (x.active ? '' : 'org-inactive')}
          columns={[
            { title: t('nameZh'), dataIndex: 'nameZh' },
            { title: t('nameEn'), dataIndex: 'nameEn' },
            { title: t('email'), dataIndex: 'email' },
            { title: t('role'), dataIndex: 'role', render: (r: Role) => t(`roles.${r}`) },
            {
              title: t('territory'),
              render: (_: unknown, x) =>
                x.role === 'rep' ? territoryName.get(x.territoryId ?? '') : x.leads.map((id) => territoryName.get(id)).join(', '),
            },
            {
              title: t('status'),
              render: (_: unknown, x) => (x.active ? <Tag color="green">{t('active')}</Tag> : <Tag>{t('inactive')}</Tag>),
            },
            {
              title: '',
              width: 150,
              render: (_: unknown, x) => (
                <Space size={0}>
                  <Button size="small" type="link" onClick={() => setPersonEdit(x)} disabled={peopleLocked}>
                    {t('edit')}
                  </Button>
                  {x.active ? (
                    <Popconfirm
                      title={t('deactivateConfirm', { name: name(x) })}
                      onConfirm={() => void call('org:setActive', { id: x.id, active: false }).then(reload)}
                    >
                      <Button size="small" type="link" danger disabled={peopleLocked}>
                        {t('deactivate')}
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Button
                      size="small"
                      type="link"
                      disabled={peopleLocked}
                      onClick={() => void call('org:setActive', { id: x.id, active: true }).then(reload)}
                    >
                      {t('reactivate')}
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Space>
      <TerritoryDialog
        value={territoryEdit}
        onClose={() => setTerritoryEdit(null)}
        title={territoryEdit?.id ? t('editTerritory') : t('addTerritory')}
        okText={t('save')}
        labels={{ nameZh: t('nameZh'), nameEn: t('nameEn') }}
        rules={nameRules([noSemicolon])}
        onSubmit={(form, v) =>
          submit(
            form,
            () => call('org:saveTerritory', { ...(territoryEdit?.id ? { id: territoryEdit.id } : {}), ...v }),
            () => setTerritoryEdit(null),
          )
        }
      />
      <Modal
        open={!!personEdit}
        title={personEdit?.id ? t('editPerson') : t('addPerson')}
        onCancel={() => setPersonEdit(null)}
        destroyOnHidden
        okText={t('save')}
        okButtonProps={{ htmlType: 'submit', form: 'person-form' }}
      >
        {personEdit && (
          <PersonFormBody
            person={personEdit}
            territoryOptions={territoryOptions}
            nameRules={nameRules()}
            onSubmit={(form, v) =>
              submit(
                form,
                () =>
                  call('org:savePerson', {
                    ...(personEdit.id ? { id: personEdit.id } : {}),
                    nameZh: v.nameZh,
                    nameEn: v.nameEn,
                    email: v.email?.trim() || null,
                    role: v.role,
                    territoryId: v.role === 'rep' ? (v.territoryId ?? null) : null,
                    leads: v.role === 'manager' ? (v.leads ?? []) : [],
                  }),
                () => setPersonEdit(null),
              )
            }
          />
        )}
      </Modal>
    </Card>
  );
}

function TerritoryDialog(props: {
  value: Partial<OrgTerritory> | null;
  title: string;
  okText: string;
  labels: { nameZh: string; nameEn: string };
  rules: Rule[];
  onClose(): void;
  onSubmit(form: ReturnType<typeof Form.useForm>[0], v: TerritoryForm): Promise<void>;
}) {
  const [form] = Form.useForm();
  return (
    <Modal
      open={!!props.value}
      title={props.title}
      onCancel={props.onClose}
      destroyOnHidden
      okText={props.okText}
      okButtonProps={{ htmlType: 'submit', form: 'territory-form' }}
    >
      {props.value && (
        <Form
          id="territory-form"
          form={form}
          layout="vertical"
          initialValues={props.value}
          onFinish={(v: TerritoryForm) => void props.onSubmit(form, v)}
        >
          <Form.Item name="nameZh" label={props.labels.nameZh} rules={props.rules}>
            <Input />
          </Form.Item>
          <Form.Item name="nameEn" label={props.labels.nameEn} rules={props.rules}>
            <Input />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

function PersonFormBody(props: {
  person: Partial<OrgPerson>;
  territoryOptions: { value: string; label: string }[];
  nameRules: Rule[];
  onSubmit(form: ReturnType<typeof Form.useForm>[0], v: PersonForm): Promise<void>;
}) {
  const { t } = useTranslation('org');
  const [form] = Form.useForm();
  const role = (Form.useWatch('role', form) as Role | undefined) ?? props.person.role;
  const p = props.person;
  return (
    <Form
      id="person-form"
      form={form}
      layout="vertical"
      onFinish={(v: PersonForm) => void props.onSubmit(form, v)}
      initialValues={{
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        email: p.email ?? undefined,
        role: p.role,
        territoryId: p.territoryId ?? undefined,
        leads: p.leads ?? [],
      }}
    >
      <Space.Compact block>
        <Form.Item name="nameZh" label={t('nameZh')} rules={props.nameRules} style={{ flex: 1, marginRight: 8 }}>
          <Input />
        </Form.Item>
        <Form.Item name="nameEn" label={t('nameEn')} rules={props.nameRules} style={{ flex: 1 }}>
          <Input />
        </Form.Item>
      </Space.Compact>
      <Form.Item
        name="email"
        label={t('email')}
        rules={[
          { type: 'email', message: t('rules.email') },
          { max: EMAIL_MAX, message: t('rules.tooLong', { max: EMAIL_MAX }) },
        ]}
      >
        <Input />
      </Form.Item>
      <Form.Item name="role" label={t('role')} rules={[{ required: true, message: t('rules.required') }]}>
        <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
      </Form.Item>
      {role === 'rep' && (
        <Form.Item name="territoryId" label={t('worksIn')} rules={[{ required: true, message: t('rules.territoryForRep') }]}>
          <Select options={props.territoryOptions} />
        </Form.Item>
      )}
      {role === 'manager' && (
        <Form.Item name="leads" label={t('leads')}>
          <Select mode="multiple" options={props.territoryOptions} />
        </Form.Item>
      )}
    </Form>
  );
}
