import { lazy, Suspense, useState } from 'react';
import { App, Button, Dropdown, Tag, Tooltip, type MenuProps } from 'antd';
import { BookOutlined, DownOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { call, files } from '../../../renderer/api/client';
import { usePrefs } from '../../../renderer/app/prefs';
import { useOpenedOnce } from '../../../renderer/components/useOpenedOnce';
import { switchBook } from './switchBook';
import { useBook } from './useBookState';

const NewBookDialog = lazy(() => import('./NewBookDialog'));

/** The header's book: its name, the demo mark, and new / open / recent books. */
export function BookMenu() {
  const { t } = useTranslation('books');
  const { message } = App.useApp();
  const { locale } = usePrefs();
  const book = useBook();
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const creatingUsed = useOpenedOnce(creating);
  const name = book.demo ? book.companyName || t('demoCompany') : book.companyName || book.fileName;

  const run = (action: () => Promise<unknown>) => {
    setBusy(true);
    switchBook(action).catch((e: Error) => {
      setBusy(false);
      message.error(t('switchFailed', { message: e.message }));
    });
  };
  const openFile = async () => {
    const ref = await files.pickOpen(['sqlite'], 'book');
    if (ref) run(() => call('books:open', { token: ref.token }));
  };

  const items: MenuProps['items'] = book.canSwitch
    ? [
        { key: 'new', label: <span data-testid="book-new">{t('menu.newBook')}</span>, onClick: () => setCreating(true) },
        {
          key: 'demo',
          label: <span data-testid="book-open-demo">{t('menu.openDemo')}</span>,
          onClick: () => run(() => call('books:openDemo', {})),
        },
        ...(book.canPickFile ? [{ key: 'file', label: t('menu.openFile'), onClick: () => void openFile() }] : []),
        { type: 'divider' as const },
        {
          type: 'group' as const,
          label: t('menu.books'),
          children: book.books.map((b) => ({
            key: b.id,
            disabled: b.current,
            label: (
              <span data-testid={`book-item-${b.fileName}`}>
                {b.demo ? b.companyName || t('demoCompany') : b.companyName || t('menu.unnamed')}{' '}
                <span style={{ color: '#999' }}>· {b.fileName}</span>
                {b.demo && (
                  <Tag style={{ marginLeft: 6 }} color="orange">
                    {t('demo')}
                  </Tag>
                )}
                {b.current && <Tag style={{ marginLeft: 6 }}>{t('menu.current')}</Tag>}
              </span>
            ),
            onClick: () => run(() => call('books:open', { id: b.id })),
          })),
        },
      ]
    : [];

  return (
    <>
      <Dropdown menu={{ items }} trigger={['click']} disabled={!book.canSwitch || busy}>
        <Button size="small" type="text" icon={<BookOutlined />} loading={busy} data-testid="book-menu">
          <span data-testid="book-name">{name}</span> {book.canSwitch && <DownOutlined style={{ fontSize: 10 }} />}
        </Button>
      </Dropdown>
      {book.demo && (
        <Tooltip title={t('demoHint')}>
          <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="demo-badge">
            {t('demo')}
          </Tag>
        </Tooltip>
      )}
      {creatingUsed && (
        <Suspense fallback={null}>
          <NewBookDialog
            open={creating}
            locale={locale}
            busy={busy}
            onCancel={() => setCreating(false)}
            onSubmit={(v) => run(() => call('books:create', v))}
          />
        </Suspense>
      )}
    </>
  );
}
