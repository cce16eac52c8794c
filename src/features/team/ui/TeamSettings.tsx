import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../../../renderer/api/client';
import { ApiError } from '../../../shared/errors';
import { TEAM_ERRORS } from '../teamErrors';
import type { TeamConflict } from '../contract';
import { usePrefs } from '../../../renderer/app/prefs';
import { conflictFieldLabel, conflictValueText } from './conflictFields';

type Status = Out<'team:status'>;
interface JoinForm {
  serverUrl: string;
  email: string;
  password: string;
  inviteCode?: string;
}
interface CreateForm {
  serverUrl: string;
  email: string;
  password: string;
}
type Invites = Out<'team:createTeam'>['invites'];

/**
 * Settings → Team: join a team (a new book from the server), create one from this book (an
 * admin), and for a synced book its status, "Sync now" and the conflicts list. The book keeps
 * working offline; what could not be sent stays pending and the reason is shown.
 */
export function TeamSettings() {
  const { t } = useTranslation('team');
  const { message } = App.useApp();
  const [status, setStatus] = useState<Status | null>(null);
  const [conflicts, setConflicts] = useState<TeamConflict[]>([]);
  const [busy, setBusy] = useState(false);
  const [invites, setInvites] = useState<Invites | null>(null);

  const reload = useCallback(async () => {
    const s = await call('team:status', {});
    setStatus(s);
    setConflicts(s.serverUrl ? await call('team:conflicts', {}) : []);
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  // A team failure carries a code (details.teamError) shown in the UI's language; others their message.
  const errorText = (e: unknown): string => {
    const code = e instanceof ApiError ? (e.details as { teamError?: unknown } | undefined)?.teamError : undefined;
    return typeof code === 'string' && (TEAM_ERRORS as readonly string[]).includes(code) ? t(`errors.${code}`) : (e as Error).message;
  };

  const run = async (action: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await action();
      if (done) message.success(done);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
      await reload();
    }
  };

  const syncNow = () =>
    run(async () => {
      const r = await call('team:syncNow', {});
      if (!r.error) message.success(t('status.synced', { pushed: r.pushed, pulled: r.pulled }));
    });

  // Signed out here whatever happens; the person is told when the server could not end the session.
  const signOut = () =>
    run(async () => {
      const r = await call('team:signOut', {});
      if (r.serverEnded) message.success(t('status.signedOut'));
      else message.warning(t('status.signedOutLocally'), 8);
    });

  if (!status) return <Card title={t('title')} size="small" loading />;

  if (!status.serverUrl) {
    return (
      <Card title={t('title')} size="small" data-testid="team-settings">
        <Typography.Paragraph type="secondary">{t('lead')}</Typography.Paragraph>
        <Tabs
          items={[
            {
              key: 'join',
              label: t('join.title'),
              children: (
                <div data-testid="team-join-form">
                  <JoinTeam busy={busy} run={run} />
                </div>
              ),
            },
            {
              key: 'create',
              label: t('create.title'),
              children: (
                <div data-testid="team-create-form">
                  <CreateTeam busy={busy} run={run} onInvites={setInvites} />
                </div>
              ),
            },
          ]}
        />
      </Card>
    );
  }

  return (
    <Card
      title={t('title')}
      size="small"
      data-testid="team-settings"
      extra={
        <Space>
          <Button type="primary" onClick={() => void syncNow()} loading={busy} disabled={!status.signedIn} data-testid="team-sync-now">
            {t('status.syncNow')}
          </Button>
          {status.signedIn && (
            <Button onClick={() => void signOut()} data-testid="team-sign-out">
              {t('status.signOut')}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('server')}>{status.serverUrl}</Descriptions.Item>
        <Descriptions.Item label={t('status.signedInAs')}>
          {status.signedIn ? (
            <Space>
              <span data-testid="team-email">{status.email}</span>
              {status.role && <Tag>{t(`role.${status.role}`)}</Tag>}
            </Space>
          ) : (
            <SignIn email={status.email ?? ''} busy={busy} run={run} />
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('status.lastSync')}>
          <span data-testid="team-last-sync">{status.lastSyncAt ? new Date(status.lastSyncAt).toLocaleString() : t('status.never')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('status.pending')}>
          <span data-testid="team-pending">{status.pending}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('status.conflicts')}>
          <span data-testid="team-conflict-count">{status.conflicts}</span>
        </Descriptions.Item>
      </Descriptions>
      {status.lastError && (
        <Alert
          style={{ marginTop: 12 }}
          type="warning"
          showIcon
          message={t('status.lastError')}
          description={t(`errors.${status.lastError}`)}
          data-testid="team-last-error"
        />
      )}
      <ConflictList conflicts={conflicts} busy={busy} run={run} />
      {/* Creating the team turns this panel into the synced book's status: the codes show over it. */}
      <InvitesDialog invites={invites} onClose={() => setInvites(null)} />
    </Card>
  );
}

type Run = (action: () => Promise<unknown>, done?: string) => Promise<void>;

function ConflictList({ conflicts, busy, run }: { conflicts: TeamConflict[]; busy: boolean; run: Run }) {
  // 'pipeline': the opportunity fields' labels (Settings loads that namespace too).
  const { t } = useTranslation(['team', 'pipeline']);
  const { locale: lang, money } = usePrefs();
  const tableName = (table: string) => t(`conflicts.tables.${table}`, { defaultValue: table });
  const resolve = (c: TeamConflict, useMine: boolean) =>
    run(() => call('team:resolveConflict', { id: c.id, useMine }), t('conflicts.resolved'));
  return (
    <Table<TeamConflict>
      style={{ marginTop: 12 }}
      size="small"
      rowKey="id"
      title={() => t('conflicts.title')}
      dataSource={conflicts}
      pagination={false}
      locale={{ emptyText: t('conflicts.empty') }}
      data-testid="team-conflicts"
      columns={[
        { title: t('conflicts.record'), render: (_, c) => `${tableName(c.table)} ${c.label ?? c.rowId.slice(-6)}` },
        {
          title: t('conflicts.field'),
          render: (_, c) => (c.field ? conflictFieldLabel(t, lang, c.table, c.field) : '—'),
        },
        { title: t('conflicts.mine'), render: (_, c) => conflictValueText(lang, c.field, c.mine, money) },
        { title: t('conflicts.theirs'), render: (_, c) => conflictValueText(lang, c.field, c.theirs, money) },
        {
          title: t('conflicts.kind'),
          render: (_, c) =>
            t(`conflicts.kinds.${c.kind}`) + (c.reason ? ` (${t(`conflicts.reasons.${c.reason}`, { defaultValue: c.reason })})` : ''),
        },
        {
          title: '',
          render: (_, c) => (
            <Space>
              <Button size="small" disabled={busy} onClick={() => void resolve(c, false)} data-testid="team-keep-theirs">
                {t('conflicts.keepTheirs')}
              </Button>
              {c.kind === 'same-field' && c.field && (
                <Button size="small" disabled={busy} onClick={() => void resolve(c, true)} data-testid="team-use-mine">
                  {t('conflicts.useMine')}
                </Button>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function SignIn({ email, busy, run }: { email: string; busy: boolean; run: Run }) {
  const { t } = useTranslation('team');
  const [form] = Form.useForm<{ email: string; password: string }>();
  return (
    <Form
      form={form}
      name="teamSignIn"
      layout="inline"
      initialValues={{ email }}
      onFinish={(v) => void run(() => call('team:signIn', v), t('status.signedIn'))}
    >
      <Form.Item name="email" rules={[{ required: true, message: t('required') }]}>
        <Input placeholder={t('email')} style={{ width: 220 }} />
      </Form.Item>
      <Form.Item name="password" rules={[{ required: true, message: t('required') }]}>
        <Input.Password placeholder={t('password')} style={{ width: 180 }} data-testid="team-sign-in-password" />
      </Form.Item>
      <Button htmlType="submit" loading={busy} data-testid="team-sign-in">
        {t('status.signIn')}
      </Button>
    </Form>
  );
}

// Each form has a name: antd derives the inputs' ids from it, and a bare `email` id would
// collide with the organisation's person dialog on the same page (its label would point here).
function ServerAndEmail() {
  const { t } = useTranslation('team');
  return (
    <>
      <Form.Item name="serverUrl" label={t('server')} rules={[{ required: true, message: t('required') }]}>
        <Input placeholder={t('serverPlaceholder')} data-testid="team-server-url" />
      </Form.Item>
      <Form.Item name="email" label={t('email')} rules={[{ required: true, message: t('required') }]}>
        <Input data-testid="team-email-input" />
      </Form.Item>
    </>
  );
}

function JoinTeam({ busy, run }: { busy: boolean; run: Run }) {
  const { t } = useTranslation('team');
  const join = (v: JoinForm) =>
    run(async () => {
      await call('team:join', { ...v, inviteCode: v.inviteCode?.trim() || undefined });
      // The joined book is open now: every screen starts afresh on it.
      location.reload();
    });
  return (
    <Form<JoinForm> name="teamJoin" layout="vertical" style={{ maxWidth: 480 }} onFinish={(v) => void join(v)}>
      <Typography.Paragraph type="secondary">{t('join.body')}</Typography.Paragraph>
      <ServerAndEmail />
      <Form.Item name="inviteCode" label={t('inviteCode')} extra={t('inviteCodeHelp')}>
        <Input data-testid="team-invite-code" />
      </Form.Item>
      <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('required') }]}>
        <Input.Password data-testid="team-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="team-join">
        {t('join.button')}
      </Button>
    </Form>
  );
}

function CreateTeam({ busy, run, onInvites }: { busy: boolean; run: Run; onInvites(i: Invites): void }) {
  const { t } = useTranslation('team');
  const create = (v: CreateForm) => run(async () => onInvites((await call('team:createTeam', v)).invites));
  return (
    <Form<CreateForm> name="teamCreate" layout="vertical" style={{ maxWidth: 480 }} onFinish={(v) => void create(v)}>
      <Typography.Paragraph type="secondary">{t('create.body')}</Typography.Paragraph>
      <ServerAndEmail />
      <Form.Item name="password" label={t('newPassword')} rules={[{ required: true, min: 8, message: t('newPassword') }]}>
        <Input.Password data-testid="team-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="team-create">
        {t('create.button')}
      </Button>
    </Form>
  );
}

function InvitesDialog({ invites, onClose }: { invites: Invites | null; onClose(): void }) {
  const { t } = useTranslation('team');
  return (
    <Modal
      open={!!invites}
      title={t('create.invitesTitle')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      width={640}
    >
      <Typography.Paragraph type="warning">{t('create.invitesBody')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="personId"
        pagination={false}
        dataSource={invites ?? []}
        data-testid="team-invites"
        columns={[
          { title: t('create.person'), dataIndex: 'email' },
          {
            title: t('create.code'),
            dataIndex: 'code',
            render: (c: string) => (
              <Typography.Text copyable code>
                {c}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Modal>
  );
}
