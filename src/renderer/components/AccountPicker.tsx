import { useTranslation } from 'react-i18next';
import { call, type Out } from '../api/client';
import { SearchPicker, wordsIn, type SearchPickerProps } from './SearchPicker';

// An account chosen by searching the book as the user types (accounts:pick): the opportunity
// editor, and the receivables forms and filter.

export type PickedAccount = Out<'accounts:pick'>['accounts'][number];

type Props = Omit<SearchPickerProps<PickedAccount>, 'search' | 'nameOf' | 'stillMatches' | 'noneText' | 'scopeKey' | 'hintOf'> & {
  /** Search one territory only (the page's scope). */
  territoryId?: string;
  /** The grey text beside each name (accounts may share a name): its English name and city unless told. */
  hintOf?(account: PickedAccount): string;
};

const nameAndCity = (a: PickedAccount) => [a.nameEn, a.city].filter(Boolean).join(' · ');

export function AccountPicker({ territoryId, hintOf = nameAndCity, ...props }: Props) {
  const { t } = useTranslation();
  return (
    <SearchPicker<PickedAccount>
      {...props}
      search={async (search, limit) => {
        const r = await call('accounts:pick', { search, limit, ...(territoryId ? { territoryId } : {}) });
        return { found: r.accounts, more: r.more };
      }}
      nameOf={async (id) => (await call('accounts:pick', { ids: [id] })).accounts[0]?.name}
      stillMatches={(a, typed) => wordsIn([a.name, a.nameEn], typed)}
      scopeKey={territoryId}
      hintOf={hintOf}
      placeholder={props.placeholder ?? t('accountPicker.placeholder')}
      noneText={t('accountPicker.none')}
    />
  );
}
