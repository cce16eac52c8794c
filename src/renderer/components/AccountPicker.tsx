import { useEffect, useState, type CSSProperties } from 'react';
import { Select, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../api/client';

// Chooses one account by searching the book as the user types (accounts:pick): a page of
// matches, never the whole book, so a form opens as fast on a million accounts as on ten.
// It works as an antd Form control (value = the account's id, onChange(id)); the chosen
// account shows by the name the form passes, else by one ask for it.

type PickedAccounts = Out<'accounts:pick'>;
export type PickedAccount = PickedAccounts['accounts'][number];

/** How many matches the list shows; more than that says so and asks for more letters. */
export const PICK_PAGE = 20;
/** Asks again once typing pauses this long: a search answers in milliseconds, but a word typed key by key need not ask for each key. */
const PICK_PAUSE_MS = 150;

export interface AccountPickerProps {
  /** The chosen account's id (none yet: undefined, null or ''). */
  value?: string | null;
  /** The chosen account's name, when the form knows it (saves asking for it). */
  name?: string;
  onChange?(id: string | undefined, account?: PickedAccount): void;
  /** Search one territory only (the page's scope). */
  territoryId?: string;
  allowClear?: boolean;
  disabled?: boolean;
  placeholder?: string;
  status?: 'error' | '';
  style?: CSSProperties;
  testId?: string;
  /** The grey text beside each name (accounts may share a name): its English name and city unless told. */
  hintOf?(account: PickedAccount): string;
}

const nameAndCity = (a: PickedAccount) => [a.nameEn, a.city].filter(Boolean).join(' · ');

/** Whether an account still matches text typed since it was found: every word in its Chinese or English name, in any case. */
function stillMatches(a: PickedAccount, text: string): boolean {
  const names = `${a.name} ${a.nameEn ?? ''}`.toLowerCase();
  return text
    .toLowerCase()
    .split(/\s+/)
    .every((w) => names.includes(w));
}

export function AccountPicker(props: AccountPickerProps) {
  const { value, name, onChange, territoryId, testId, hintOf = nameAndCity } = props;
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [answer, setAnswer] = useState<PickedAccounts | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  // The name of a value set from outside (a preset customer) that the form did not name.
  const [named, setNamed] = useState<{ id: string; name: string } | null>(null);

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
  const known = name ?? found.find((a) => a.id === value)?.name ?? (named && named.id === value ? named.name : undefined);
  useEffect(() => {
    if (!value || known !== undefined) return;
    let current = true;
    void call('accounts:pick', { ids: [value] }).then((r) => {
      if (current && r.accounts[0]) setNamed({ id: value, name: r.accounts[0].name });
    });
    return () => {
      current = false;
    };
  }, [value, known]);

  // While the answer to newer text is on its way, only the older matches that still match show:
  // Enter never takes an account the text no longer names.
  const shown = searching && search.trim() ? found.filter((a) => stillMatches(a, search.trim())) : found;
  const options = shown.map((a) => ({ value: a.id, label: a.name, hint: hintOf(a) }));

  return (
    <Select<{ value: string; label: string } | undefined>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      labelInValue
      value={value ? { value, label: known ?? '…' } : undefined}
      placeholder={props.placeholder ?? t('accountPicker.placeholder')}
      allowClear={props.allowClear}
      disabled={props.disabled}
      status={props.status}
      style={props.style}
      loading={searching}
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) setSearch('');
      }}
      onChange={(v) => {
        if (!v) return onChange?.(undefined);
        const account = found.find((a) => a.id === v.value);
        if (account) onChange?.(account.id, account);
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
          {answer?.more && !searching && (
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
