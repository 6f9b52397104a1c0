import { Group, Select, Text, type OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Organisation } from '@mitra/contracts';
import { nameMatchesSearch } from '@mitra/domain';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisationSearch, useOrganisations } from '../api/partnerships-api';

/** The api finds names by the beginnings of their words; the select narrows by the same rule. */
export const byWordBeginnings: OptionsFilter = ({ options, search }) =>
  options.filter((option) => !('label' in option) || nameMatchesSearch(option.label, search));

/**
 * Picks an organisation from the registry (`GET /organisations?name=`), searching by name as the user
 * types. `exclude` leaves out organisations that cannot be chosen here (e.g. the current lead).
 */
export function OrganisationSelect({
  value,
  onChange,
  onPicked,
  exclude = [],
  label,
  ariaLabel,
  description,
  error,
  required,
  testId,
}: {
  value: string | null;
  onChange: (organisationId: string | null) => void;
  /** The picked organisation's record, for what the form shows or sends besides its id. */
  onPicked?: (organisation: Organisation | undefined) => void;
  exclude?: readonly string[];
  /** A visible label, or only `ariaLabel` where a table's header says what the column is. */
  label?: string;
  ariaLabel?: string;
  description?: string;
  error?: ReactNode;
  required?: boolean;
  testId: string;
}) {
  const { t } = useTranslation('partnerships');
  const [search, setSearch] = useState('');
  const [term] = useDebouncedValue(search, 250);
  const found = useOrganisationSearch(term);
  const [selected] = useOrganisations(value ? [value] : []);

  const candidates = new Map<string, Organisation>();
  if (selected?.data) candidates.set(selected.data.id, selected.data);
  for (const organisation of found.data?.items ?? []) {
    if (!exclude.includes(organisation.id)) candidates.set(organisation.id, organisation);
  }
  const options = [...candidates.values()];

  return (
    <Select
      label={label}
      aria-label={ariaLabel}
      description={description}
      error={error}
      required={required}
      searchable
      clearable
      // Picking the chosen organisation again keeps it; the clear button empties the field.
      allowDeselect={false}
      placeholder={t('organisationSelect.placeholder')}
      nothingFoundMessage={
        found.isFetching ? t('organisationSelect.searching') : t('organisationSelect.none')
      }
      data={options.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
      // The api has already filtered by name; the select filters again only by the same rule.
      filter={byWordBeginnings}
      searchValue={search}
      onSearchChange={setSearch}
      value={value}
      onChange={(organisationId) => {
        onChange(organisationId);
        onPicked?.(options.find((organisation) => organisation.id === organisationId));
      }}
      renderOption={({ option }) => {
        const organisation = candidates.get(option.value);
        return (
          <Group gap={6} wrap="nowrap">
            <Text size="sm">{option.label}</Text>
            {organisation && (
              <Text size="xs" c="dimmed">
                {t(`sectors.${organisation.sector}`)}
                {organisation.region.regency ? ` · ${organisation.region.regency}` : ''}
              </Text>
            )}
          </Group>
        );
      }}
      data-testid={testId}
    />
  );
}
