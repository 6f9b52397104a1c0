import type { PartnershipAccount } from '#shared/partnerships';
import {
  ActionIcon,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { agreementPartyRoles, contributionKinds, sectors } from '@mitra/contracts';
import { formatRupiah, numberRules } from '#shared/format';
import { NumberField } from '#shared/forms';
import { useSigningTranslation } from '../i18n';
import { emptyContribution, fundsOf, signingAccountsOf, type DraftFormValues } from '../model/draft-form';
import { choices } from './form-choices';

type Form = UseFormReturnType<DraftFormValues>;

/** One party of the agreement: who it is, who signs for it, what it does and brings. */
export function PartyFields({
  form,
  index,
  accounts,
}: {
  form: Form;
  index: number;
  accounts: readonly PartnershipAccount[];
}) {
  const { t } = useSigningTranslation();
  const party = form.values.parties[index];
  const signers = signingAccountsOf(party.organisationId, accounts);
  // An account chosen before (a revision) stays choosable even if it no longer represents the party.
  const kept =
    party.representative.userId && !signers.some((account) => account.id === party.representative.userId);
  const signatoryChoices = [
    { value: '', label: t('form.choose') },
    ...signers.map((account) => ({ value: account.id, label: account.name })),
    ...(kept
      ? [
          {
            value: party.representative.userId,
            label: party.representative.name || party.representative.userId,
          },
        ]
      : []),
  ];
  const path = `parties.${index}`;
  const id = (name: string) => `party-${index}-${name}`;
  const partyError = form.errors[`${path}.organisationId`] ?? form.errors[`${path}.contributions`];
  const funds = fundsOf(party);

  return (
    <Paper withBorder p="md" data-testid={`party-${index}`} data-organisation-id={party.organisationId}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Text fw={600}>{t('form.party.heading', { number: index + 1 })}</Text>
            {party.role && <Badge variant="light">{t(`labels.role.${party.role}`)}</Badge>}
          </Group>
          <Button
            variant="subtle"
            color="red"
            size="xs"
            onClick={() => form.removeListItem('parties', index)}
            data-testid={id('remove')}
          >
            {t('form.party.remove')}
          </Button>
        </Group>
        {partyError && (
          <Text size="sm" c="red" data-testid={id('error')}>
            {partyError}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            {...form.getInputProps(`${path}.name`)}
            label={t('form.party.name')}
            data-testid={id('name')}
          />
          <NativeSelect
            {...form.getInputProps(`${path}.sector`)}
            label={t('form.party.sector')}
            data={choices(t, sectors, (value) => t(`labels.sector.${value}`))}
            data-testid={id('sector')}
          />
          <NativeSelect
            {...form.getInputProps(`${path}.role`)}
            label={t('form.party.role')}
            data={choices(t, agreementPartyRoles, (value) => t(`labels.role.${value}`))}
            data-testid={id('role')}
          />
        </SimpleGrid>
        <TextInput
          {...form.getInputProps(`${path}.address`)}
          label={t('form.party.address')}
          data-testid={id('address')}
        />
        <Text size="sm" fw={500}>
          {t('form.party.signatory')}
        </Text>
        {!party.representative.name && (
          <Text size="xs" c="orange" data-testid={id('no-representative')}>
            {t('form.party.noRepresentative')}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            {...form.getInputProps(`${path}.representative.name`)}
            label={t('form.party.signatoryName')}
            data-testid={id('signatory-name')}
          />
          <TextInput
            {...form.getInputProps(`${path}.representative.title`)}
            label={t('form.party.signatoryTitle')}
            data-testid={id('signatory-title')}
          />
          <NativeSelect
            {...form.getInputProps(`${path}.representative.userId`)}
            label={t('form.party.signatoryUserId')}
            data={signatoryChoices}
            data-testid={id('signatory-user')}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('form.party.signatoryUserIdHelp')}
        </Text>
        <Textarea
          {...form.getInputProps(`${path}.responsibilities`)}
          label={t('form.party.responsibilities')}
          description={t('form.linesHelp')}
          autosize
          minRows={2}
          data-testid={id('responsibilities')}
        />
        <Text size="sm" fw={500}>
          {t('form.party.contributions')}
        </Text>
        {party.contributions.map((contribution, row) => {
          const rowPath = `${path}.contributions.${row}`;
          const rowId = (name: string) => id(`contribution-${row}-${name}`);
          return (
            <Group
              key={contribution.key}
              align="flex-start"
              wrap="nowrap"
              data-testid={id(`contribution-${row}`)}
            >
              <NativeSelect
                {...form.getInputProps(`${rowPath}.kind`)}
                aria-label={t('form.party.contributionKind')}
                data={choices(t, contributionKinds, (value) => t(`labels.contribution.${value}`))}
                w={170}
                data-testid={rowId('kind')}
              />
              <TextInput
                {...form.getInputProps(`${rowPath}.description`)}
                aria-label={t('form.party.contributionDescription')}
                placeholder={t('form.party.contributionDescription')}
                style={{ flex: 1 }}
                data-testid={rowId('description')}
              />
              <NumberField
                {...form.getInputProps(`${rowPath}.amountIdr`)}
                rule={numberRules.money}
                aria-label={t('form.party.contributionAmount')}
                placeholder={t('form.party.contributionAmount')}
                w={170}
                data-testid={rowId('amount')}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={4}
                aria-label={t('form.party.removeContribution')}
                onClick={() => form.removeListItem(`${path}.contributions`, row)}
                data-testid={rowId('remove')}
              >
                ×
              </ActionIcon>
            </Group>
          );
        })}
        <Group justify="space-between">
          <Button
            size="xs"
            variant="light"
            onClick={() => form.insertListItem(`${path}.contributions`, emptyContribution())}
            data-testid={id('add-contribution')}
          >
            {t('form.party.addContribution')}
          </Button>
          {funds > 0 && (
            <Text size="sm" data-testid={id('funds')}>
              {t('form.party.funds', { amount: formatRupiah(funds) })}
            </Text>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
