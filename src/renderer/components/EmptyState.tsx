import { useEffect, useState, type ReactNode } from 'react';
import { Button, Card, Space, Typography } from 'antd';
import { CheckCircleTwoTone, SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Out } from '../api/client';
import { takeEarly } from '../api/early';
import { navigate } from '../app/useHashRoute';

// What a screen with nothing to show says: what to do next, with the buttons that do it.
// Before anything else a book needs its territories and people (Settings); while it has
// none, that step comes first.

export interface EmptyAction {
  key: string;
  label: string;
  icon?: ReactNode;
  onClick(): void;
  primary?: boolean;
}

/** What the open book holds yet (null while asking); asks again when `generation` changes. */
export function useBookContents(generation: unknown = 0): Out<'books:contents'> | null {
  const [contents, setContents] = useState<Out<'books:contents'> | null>(null);
  useEffect(() => {
    let live = true;
    takeEarly('books:contents', {})
      .then((c) => live && setContents(c))
      .catch(() => live && setContents(null));
    return () => {
      live = false;
    };
  }, [generation]);
  return contents;
}

export function EmptyState({
  testId,
  title,
  body,
  actions,
  extra,
  needsOrg = true,
}: {
  testId: string;
  title: string;
  body: string;
  actions: EmptyAction[];
  /** Buttons a screen already has as components (an import button with its own error list). */
  extra?: ReactNode;
  needsOrg?: boolean;
}) {
  const { t } = useTranslation();
  const contents = useBookContents();
  const orgReady = contents ? contents.territories && contents.reps : null;
  const orgFirst = needsOrg && orgReady === false;
  return (
    <Card size="small" style={{ maxWidth: 720, margin: '24px auto' }} data-testid={testId}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{body}</Typography.Paragraph>
      {needsOrg && (
        <Typography.Paragraph data-testid="empty-org-step">
          {orgReady ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : null}{' '}
          {orgFirst ? t('empty.orgFirst') : orgReady ? t('empty.orgDone') : null}
        </Typography.Paragraph>
      )}
      <Space wrap>
        {orgFirst && (
          <Button type="primary" icon={<SettingOutlined />} onClick={() => navigate('settings')} data-testid="empty-go-settings">
            {t('empty.goSettings')}
          </Button>
        )}
        {actions.map((a) => (
          <Button
            key={a.key}
            type={a.primary && !orgFirst ? 'primary' : 'default'}
            icon={a.icon}
            onClick={a.onClick}
            data-testid={`empty-${a.key}`}
          >
            {a.label}
          </Button>
        ))}
        {extra}
      </Space>
    </Card>
  );
}
