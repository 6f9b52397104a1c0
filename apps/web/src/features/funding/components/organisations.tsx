import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisationNames } from '#shared/organisations';
import { useOrganisationSearch } from '../hooks/useFunding';

export function OrganisationName({ id }: { id: string }) {
  const nameOf = useOrganisationNames([id]);
  return <>{nameOf(id)}</>;
}

/**
 * One organisation: the partnership's own, or — with `searchRegistry` — any registered one found by
 * name (a supplier, a beneficiary). A native select, so that every browser and test drives it alike.
 */
export function OrganisationSelect({
  testId,
  label,
  description,
  organisations,
  value,
  onChange,
  error,
  searchRegistry = false,
}: {
  testId: string;
  label: string;
  description?: string;
  organisations: readonly string[];
  value: string;
  onChange: (organisationId: string) => void;
  error?: ReactNode;
  searchRegistry?: boolean;
}) {
  const { t } = useTranslation('funding');
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 300);
  const found = useOrganisationSearch(searchRegistry ? debounced : '');
  const members = new Set(organisations);
  const others = (found.data?.items ?? []).filter((organisation) => !members.has(organisation.id));
  // A chosen organisation stays listed while the search changes.
  const kept = value && !members.has(value) && !others.some((o) => o.id === value) ? [value] : [];
  const nameOf = useOrganisationNames([...organisations, ...kept]);

  const select = (
    <NativeSelect
      label={label}
      description={description}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      data-testid={testId}
      flex={1}
      data={[
        { value: '', label: t('form.choose') },
        {
          group: t('form.partnershipOrganisations'),
          items: organisations.map((id) => ({ value: id, label: nameOf(id) })),
        },
        ...(others.length + kept.length > 0
          ? [
              {
                group: t('form.otherOrganisations'),
                items: [
                  ...kept.map((id) => ({ value: id, label: nameOf(id) })),
                  ...others.map((o) => ({ value: o.id, label: o.name })),
                ],
              },
            ]
          : []),
      ]}
    />
  );
  if (!searchRegistry) return select;
  return (
    <Group align="flex-start" wrap="nowrap" gap="xs">
      {select}
      <TextInput
        label={t('form.searchOrganisation')}
        placeholder={t('form.searchPlaceholder')}
        value={search}
        onChange={(event) => setSearch(event.currentTarget.value)}
        data-testid={`${testId}-search`}
        w={220}
      />
    </Group>
  );
}
