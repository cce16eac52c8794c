import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { call, type Out } from '../../../renderer/api/client';
import { SearchPicker, wordsIn } from '../../../renderer/components/SearchPicker';

// The opportunity a worksheet is linked to, searched as the user types by its name or its
// account's (negotiation:opportunities): many opportunities share a name, so each shows its
// account, and a closed one says so.

type PickedOpportunity = Out<'negotiation:opportunities'>['opportunities'][number];

export function OpportunityPicker({
  value,
  onChange,
  style,
  ariaLabel,
  testId,
}: {
  value: string | null;
  onChange(id: string | null): void;
  style?: CSSProperties;
  ariaLabel?: string;
  testId?: string;
}) {
  const { t } = useTranslation('negotiation');
  return (
    <SearchPicker<PickedOpportunity>
      allowClear
      value={value}
      onChange={(id) => onChange(id ?? null)}
      search={async (search, limit) => {
        const r = await call('negotiation:opportunities', { search, limit });
        return { found: r.opportunities, more: r.more };
      }}
      nameOf={async (id) => (await call('negotiation:opportunities', { ids: [id] })).opportunities[0]?.name}
      stillMatches={(o, typed) => wordsIn([o.name, o.accountName], typed)}
      hintOf={(o) => [o.accountName, o.status === 'open' ? '' : t(`newUi.${o.status}`)].filter(Boolean).join(' · ')}
      placeholder={t('newUi.none')}
      noneText={t('newUi.noMatch')}
      style={style}
      ariaLabel={ariaLabel}
      testId={testId}
    />
  );
}
