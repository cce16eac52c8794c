import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { Select, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

// Chooses one record of a table that may be large (accounts, opportunities) by asking the
// database as the user types: a page of matches, never the whole table, so a form opens as
// fast on a million rows as on ten. It works as an antd Form control (value = the record's
// id, onChange(id)); the chosen record shows by the name the form passes, else by one ask.
// AccountPicker and the negotiation's opportunity picker are this with their channel.

/** How many matches the list shows; more than that says so and asks for more letters. */
export const PICK_PAGE = 20;
/** Asks again once typing pauses this long: a search answers in milliseconds, but a word typed key by key need not ask for each key. */
const PICK_PAUSE_MS = 150;

export interface Pickable {
  id: string;
  name: string;
}

export interface SearchPickerProps<T extends Pickable> {
  /** A page of records matching the text ('' for the first page), and whether more match. */
  search(text: string, limit: number): Promise<{ found: T[]; more: boolean }>;
  /** The name of the record with this id, for a value the form did not name. */
  nameOf(id: string): Promise<string | undefined>;
  /** Whether a record found for older text still matches the text typed since. */
  stillMatches(record: T, text: string): boolean;
  /** Changes when the search's scope does (a territory): the list asks again. */
  scopeKey?: string;
  /** The grey text beside each name (records may share a name). */
  hintOf?(record: T): string;
  /** What the list says when nothing matches. */
  noneText: string;
  value?: string | null;
  /** The chosen record's name, when the form knows it (saves asking for it). */
  name?: string | null;
  onChange?(id: string | undefined, record?: T): void;
  allowClear?: boolean;
  disabled?: boolean;
  placeholder?: string;
  status?: 'error' | '';
  style?: CSSProperties;
  testId?: string;
  ariaLabel?: string;
}

/** Every word typed appears in one of the texts, in any case. */
export function wordsIn(texts: (string | null | undefined)[], typed: string): boolean {
  const hay = texts.filter(Boolean).join(' ').toLowerCase();
  return typed
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}

export function SearchPicker<T extends Pickable>(props: SearchPickerProps<T>) {
  const { value, name, onChange, testId, hintOf } = props;
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [answer, setAnswer] = useState<{ found: T[]; more: boolean } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);
  // The name of the chosen record, or of a value set from outside (a preset customer) that the form did not name.
  const [named, setNamed] = useState<Pickable | null>(null);
  // The latest functions, without making each render a new search.
  const ask = useRef(props);
  ask.current = props;

  // Asked when the list opens and after each pause in typing; an answer to older text is dropped.
  useEffect(() => {
    if (!open) return;
    let current = true;
    setSearching(true);
    const timer = setTimeout(
      () => {
        ask.current.search(text, PICK_PAGE).then(
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
      text ? PICK_PAUSE_MS : 0,
    );
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [open, text, props.scopeKey]);

  const found = answer?.found ?? [];
  const known = name ?? found.find((r) => r.id === value)?.name ?? (named && named.id === value ? named.name : undefined);
  useEffect(() => {
    if (!value || known !== undefined) return;
    let current = true;
    void ask.current.nameOf(value).then((n) => {
      if (current && n !== undefined) setNamed({ id: value, name: n });
    });
    return () => {
      current = false;
    };
  }, [value, known]);

  // While the answer to newer text is on its way, only the older matches that still match show:
  // Enter never takes a record the text no longer names.
  const typed = text.trim();
  const shown = searching && typed ? found.filter((r) => props.stillMatches(r, typed)) : found;

  return (
    <Select<{ value: string; label: string } | undefined>
      showSearch={{ filterOption: false, onSearch: setText }}
      labelInValue
      value={value ? { value, label: known ?? '…' } : undefined}
      placeholder={props.placeholder}
      allowClear={props.allowClear}
      disabled={props.disabled}
      status={props.status}
      style={props.style}
      aria-label={props.ariaLabel}
      loading={searching}
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        // Closed, the list forgets its text and its answer: reopened, it never offers (to Enter)
        // the matches of text no longer typed.
        if (!o) {
          setText('');
          setAnswer(null);
        }
      }}
      onChange={(v) => {
        if (!v) return onChange?.(undefined);
        const record = found.find((r) => r.id === v.value);
        if (!record) return;
        // Its name is kept: the list's answer is dropped when it closes.
        setNamed({ id: record.id, name: record.name });
        onChange?.(record.id, record);
      }}
      options={shown.map((r) => ({ value: r.id, label: r.name, hint: hintOf?.(r) ?? '' }))}
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
            {failure ? t('picker.failed', { reason: failure }) : props.noneText}
          </Typography.Text>
        )
      }
      popupRender={(menu) => (
        <>
          {menu}
          {answer?.more && !searching && (
            <Typography.Text type="secondary" style={{ display: 'block', padding: '4px 12px', fontSize: 12 }} data-testid="pick-more">
              {t('picker.more', { count: PICK_PAGE })}
            </Typography.Text>
          )}
        </>
      )}
      data-testid={testId}
    />
  );
}
