import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, InputNumber, Popconfirm, Segmented, Select, Space, Switch, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../api/client';
import { usePrefs } from './prefs';
import { OrgSettings } from '../../features/org/ui/OrgSettings';
import { CompanyNameSetting } from '../../features/books/ui/CompanyNameSetting';
import { TeamSettings } from '../../features/team/ui/TeamSettings';
import { localizeReason } from '../i18n/serverReasons';
import { TeamSettingsLockNote, useTeamSettingsLocked } from '../components/teamSettingsLock';

// Every zone the runtime knows; the book's zone decides "today" on every screen and in every export.
const TIME_ZONES = (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Asia/Shanghai', 'UTC']).map(
  (z) => ({ value: z, label: z }),
);

export default function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { locale, setLocale, moneyWan, setMoneyWan, timeZone, setTimeZone } = usePrefs();
  const [info, setInfo] = useState<Out<'app:info'> | null>(null);
  const [settings, setSettings] = useState<Out<'settings:get'> | null>(null);
  const [backups, setBackups] = useState<Out<'backup:list'>>([]);
  const teamLocked = useTeamSettingsLocked();

  const reload = useCallback(async () => {
    setInfo(await call('app:info', {}));
    setSettings(await call('settings:get', {}));
    setBackups(await call('backup:list', {}));
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('settings.title')} size="small">
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('books:rename.label')}>
            <CompanyNameSetting />
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.language')}>
            <Segmented
              value={locale}
              onChange={(v) => setLocale(v as 'zh-CN' | 'en')}
              options={[
                { label: '中文', value: 'zh-CN' },
                { label: 'English', value: 'en' },
              ]}
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.moneyWan')}>
            <Switch checked={moneyWan} onChange={setMoneyWan} />
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.timeZone')}>
            <Space direction="vertical" size={4}>
              <Select
                showSearch
                style={{ width: 260 }}
                value={timeZone}
                options={TIME_ZONES}
                disabled={teamLocked}
                onChange={(tz: string) => void setTimeZone(tz).catch((e: Error) => message.error(localizeReason(e.message, locale)))}
                data-testid="time-zone"
              />
              {teamLocked && <TeamSettingsLockNote />}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.backupKeep')}>
            <InputNumber
              min={1}
              max={365}
              value={settings?.backupKeep}
              onChange={(v) => v && void call('settings:update', { backupKeep: v }).then(setSettings)}
              data-testid="backup-keep"
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('settings.dbPath')}>{info?.dbPath}</Descriptions.Item>
          <Descriptions.Item label={t('settings.version')}>
            {info ? `${info.version} (schema ${info.schemaVersion}, ${info.platform})` : ''}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <OrgSettings />
      <TeamSettings />
      <Card
        title={t('settings.backups')}
        size="small"
        extra={
          <Button
            onClick={async () => {
              const r = await call('backup:create', {});
              message.success(t('settings.backupCreated', { name: r.name }));
              await reload();
            }}
            data-testid="backup-now"
          >
            {t('settings.backupNow')}
          </Button>
        }
      >
        <Table
          size="small"
          rowKey="name"
          dataSource={backups}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: t('settings.backupFile'), dataIndex: 'name' },
            { title: t('settings.backupSize'), dataIndex: 'size', render: (v: number) => `${(v / 1024).toFixed(0)} KB` },
            { title: t('settings.backupTime'), dataIndex: 'createdAt' },
            {
              title: '',
              render: (_: unknown, b: { name: string }) => (
                <Popconfirm
                  title={t('settings.restoreConfirm')}
                  onConfirm={async () => {
                    try {
                      await call('backup:restore', { name: b.name });
                      message.success(t('settings.restored'));
                      await reload();
                    } catch (e) {
                      message.error((e as Error).message);
                    }
                  }}
                >
                  <Button size="small">{t('settings.restore')}</Button>
                </Popconfirm>
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
