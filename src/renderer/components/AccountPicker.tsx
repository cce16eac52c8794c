import { useEffect, useState } from 'react';
import { Select, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../api/client';

// Chooses one account by searching the book as the user types (accounts:pick): a page of
// matches, never the whole book, so the form opens as fast on a million accounts as on ten.
// The chosen account shows by the name the form already knows, without a search.

type PickedAccounts = Out<'accounts:pick'>;
export type PickedAccount = PickedAccounts['accounts'][number];

/** How many matches the list shows; more than that says so and asks for more letters. */
export const PICK_PAGE = 20;
/** Asks again once typing pauses this long: a search answers in milliseconds, but a word typed key by key need not ask for each key. */
const PICK_PAUSE_MS = 150;

export interface AccountPickerProps {
  /** The chosen account (its id and the name to show), or null for none yet. */
  value: { id: string; name: string } | null;
  onChange(account: PickedAccount): void;
  /** Search one territory only (the page's scope). */
  territoryId?: string;
  status?: 'error';
  testId?: string;
  /** The grey text beside each name (accounts may share a name): its English name and city unless told. */
  hintOf?(account: PickedAccount): string;
}

const nameAndCity = (a: PickedAccount) => [a.nameEn, a.city].filter(Boolean).join(' · ');

export function AccountPicker({ value, onChange, territoryId, status, testId, hintOf = nameAndCity }: AccountPickerProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [answer, setAnswer] = useState<PickedAccounts | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);

  // Asked when the list opens and after each pause in typing; an answer to older text is dropped.
  useEffect(() => {
    if (!open) return;
    let current = true;
    setSearching(true);
    const timer = setTimeout(
      () => {
        call('accounts:pick', { search, limit: PICK_PAGE, ...(territoryId ? { territoryId } : {}) }).then(
          (a) => {
            if (!current) return;
            setAnswer(a);
            setFailure(null);
            setSearching(false);
          },
          (err: Error) => {
            if (!current) return;
            setAnswer(null);
            setFailure(err.message);
            setSearching(false);
          },
        );
      },
      search ? PICK_PAUSE_MS : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [open, search, territoryId]);

  const found = answer?.accounts ?? [];
  const options = found.map((a) => ({
    value: a.id,
    label: a.name,
    hint: hintOf(a),
  }));

  return (
    <Select<{ value: string; label: string }>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      labelInValue
      value={value ? { value: value.id, label: value.name } : undefined}
      placeholder={t('accountPicker.placeholder')}
      status={status}
      loading={searching}
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setSearch('');
      }}
      onChange={(v) => {
        const account = found.find((a) => a.id === v.value);
        if (account) onChange(account);
      }}
      options={options}
      optionRender={(o) => (
        <span data-testid={`pick-${o.value}`}>
          {o.label}
          {o.data.hint && (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {o.data.hint}
            </Typography.Text>
          )}
        </span>
      )}
      notFoundContent={
        searching ? (
          <Spin size="small" />
        ) : (
          <Typography.Text type={failure ? 'danger' : 'secondary'}>
            {failure ? t('accountPicker.failed', { reason: failure }) : t('accountPicker.none')}
          </Typography.Text>
        )
      }
      popupRender={(menu) => (
        <>
          {menu}
          {answer?.more && (
            <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 12px', fontSize: 12 }} data-testid="pick-more">
              {t('accountPicker.more', { count: PICK_PAGE })}
            </Typography.Text>
          )}
        </>
      )}
      data-testid={testId}
    />
  );
}
