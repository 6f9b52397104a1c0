import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  blendedInstruments,
  csrFields,
  fundingMechanisms,
  fundingSources,
  sectors,
  type FundingView,
} from '@mitra/contracts';
import { useTranslation } from 'react-i18next';
import { numberRules } from '#shared/format';
import { NumberField } from '#shared/forms';
import {
  emptyCeiling,
  emptyLine,
  emptyPlanForm,
  emptyShare,
  missingPlanFields,
  planFormFrom,
  planFormPath,
  toPlanInput,
  type PlanFormValues,
} from '../model/plan-form';
import { CommandError, RupiahInput, useFundingForm, useRequiredMessages } from './form-parts';
import { OrganisationSelect } from './organisations';

type Plan = NonNullable<FundingView['plan']>;

/** The funding plan, set as a whole; what the service refuses comes back under the field concerned. */
export function PlanForm({
  partnershipId,
  plan,
  organisations,
  onDone,
}: {
  partnershipId: string;
  plan?: Plan;
  organisations: readonly string[];
  onDone: () => void;
}) {
  const { t } = useTranslation('funding');
  const { t: common } = useTranslation();
  const required = useRequiredMessages();
  const thisYear = new Date().getFullYear();
  const { form, formProps, pending, refusal, unplaced } = useFundingForm<PlanFormValues>(partnershipId, {
    initialValues: plan ? planFormFrom(plan) : emptyPlanForm(thisYear),
    validate: (values) => required(missingPlanFields(values)),
    command: (planValues) => ({ kind: 'plan', body: toPlanInput(planValues) }),
    toFormPath: planFormPath,
    savedMessage: t('plan.saved'),
    onSaved: onDone,
  });
  const { values } = form;

  const organisationInput = (path: string, testId: string, label: string) => {
    const props = form.getInputProps(path);
    return (
      <OrganisationSelect
        testId={testId}
        label={label}
        organisations={organisations}
        value={props.value as string}
        onChange={(id) => form.setFieldValue(path, id)}
        error={props.error}
      />
    );
  };

  return (
    <form {...formProps} data-testid="plan-form">
      <Stack gap="md">
        <Title order={3} size="h4">
          {plan ? t('plan.editTitle', { version: plan.version + 1 }) : t('plan.createTitle')}
        </Title>

        <Radio.Group
          {...form.getInputProps('mechanism')}
          label={t('plan.mechanism')}
          data-testid="plan-mechanism-input"
        >
          <SimpleGrid cols={{ base: 1, md: 3 }} mt="xs">
            {fundingMechanisms.map((mechanism) => (
              <Paper key={mechanism} withBorder p="sm">
                <Radio
                  value={mechanism}
                  label={t(`mechanisms.${mechanism}.title`)}
                  description={t(`mechanisms.${mechanism}.description`)}
                  data-testid={`plan-mechanism-${mechanism}`}
                />
              </Paper>
            ))}
          </SimpleGrid>
        </Radio.Group>

        {values.mechanism === 'common_fund' &&
          organisationInput('fundHolderOrganisationId', 'plan-fund-holder', t('plan.fundHolder'))}

        {values.mechanism === 'co_funding' && (
          <Fieldset legend={t('plan.shares')}>
            <Stack gap="xs">
              {values.shares.map((share, index) => (
                <Group key={share.key} align="flex-start" wrap="nowrap">
                  {organisationInput(
                    `shares.${index}.organisationId`,
                    `plan-share-org-${index}`,
                    t('plan.shareOrganisation'),
                  )}
                  <NumberField
                    {...form.getInputProps(`shares.${index}.percent`)}
                    rule={numberRules.percent}
                    label={t('plan.sharePercent')}
                    w={140}
                    data-testid={`plan-share-percent-${index}`}
                  />
                  <ActionIcon
                    mt={28}
                    variant="subtle"
                    color="red"
                    aria-label={t('form.remove')}
                    onClick={() => form.removeListItem('shares', index)}
                    data-testid={`plan-share-remove-${index}`}
                  >
                    ×
                  </ActionIcon>
                </Group>
              ))}
              {form.errors.shares && (
                <Text size="xs" c="red" data-testid="plan-shares-error">
                  {form.errors.shares}
                </Text>
              )}
              <Group>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => form.insertListItem('shares', emptyShare())}
                  data-testid="plan-share-add"
                >
                  {t('plan.addShare')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        )}

        <Fieldset legend={t('plan.governance')}>
          <Stack gap="xs">
            <Checkbox
              {...form.getInputProps('customGovernance', { type: 'checkbox' })}
              label={t('plan.customGovernance')}
              description={t(
                `plan.defaultGovernance.${values.mechanism === 'common_fund' ? 'common_fund' : 'other'}`,
              )}
              data-testid="plan-governance-custom"
            />
            {values.customGovernance && (
              <Group align="flex-start">
                <NumberField
                  {...form.getInputProps('approvalsRequired')}
                  rule={numberRules.whole(1, 5)}
                  label={t('plan.approvalsRequired')}
                  w={200}
                  data-testid="plan-approvals-required"
                />
                <NumberField
                  {...form.getInputProps('distinctOrganisations')}
                  rule={numberRules.whole(0, 5)}
                  label={t('plan.distinctOrganisations')}
                  description={t('plan.distinctOrganisationsHelp')}
                  w={320}
                  data-testid="plan-distinct-organisations"
                />
              </Group>
            )}
          </Stack>
        </Fieldset>

        <Fieldset legend={t('plan.ceilings')}>
          <Stack gap="xs">
            <Text size="xs" c="dimmed">
              {t('plan.ceilingsHelp')}
            </Text>
            {values.ceilings.map((ceiling, index) => (
              <Group key={ceiling.key} align="flex-end" wrap="nowrap">
                <NativeSelect
                  {...form.getInputProps(`ceilings.${index}.sector`)}
                  label={t('plan.ceilingSector')}
                  data={[
                    { value: '', label: t('form.choose') },
                    ...sectors.map((sector) => ({ value: sector, label: t(`sectors.${sector}`) })),
                  ]}
                  data-testid={`plan-ceiling-sector-${index}`}
                />
                <RupiahInput
                  {...form.getInputProps(`ceilings.${index}.maxPerOrganisationPerYear`)}
                  label={t('plan.ceilingMax')}
                  w={220}
                  data-testid={`plan-ceiling-max-${index}`}
                />
                <Checkbox
                  {...form.getInputProps(`ceilings.${index}.cashAllowed`, { type: 'checkbox' })}
                  label={t('plan.ceilingCash')}
                  mb={8}
                  data-testid={`plan-ceiling-cash-${index}`}
                />
                <ActionIcon
                  mb={4}
                  variant="subtle"
                  color="red"
                  aria-label={t('form.remove')}
                  onClick={() => form.removeListItem('ceilings', index)}
                  data-testid={`plan-ceiling-remove-${index}`}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button
                size="xs"
                variant="light"
                onClick={() => form.insertListItem('ceilings', emptyCeiling())}
                data-testid="plan-ceiling-add"
              >
                {t('plan.addCeiling')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <Fieldset legend={t('plan.lines')}>
          <Stack gap="sm">
            {values.lines.map((line, index) => (
              <Paper key={line.key} withBorder p="sm" data-testid="plan-line-input">
                <Stack gap="xs">
                  <Group align="flex-start" wrap="nowrap">
                    <TextInput
                      {...form.getInputProps(`lines.${index}.id`)}
                      label={t('plan.line.id')}
                      description={t('plan.line.idHelp')}
                      w={180}
                      data-testid={`plan-line-id-${index}`}
                    />
                    <TextInput
                      {...form.getInputProps(`lines.${index}.activity`)}
                      label={t('plan.line.activity')}
                      flex={1}
                      data-testid={`plan-line-activity-${index}`}
                    />
                    <ActionIcon
                      mt={28}
                      variant="subtle"
                      color="red"
                      aria-label={t('form.remove')}
                      onClick={() => form.removeListItem('lines', index)}
                      data-testid={`plan-line-remove-${index}`}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                  <SimpleGrid cols={{ base: 1, sm: 3 }}>
                    <RupiahInput
                      {...form.getInputProps(`lines.${index}.amount`)}
                      label={t('plan.line.amount')}
                      data-testid={`plan-line-amount-${index}`}
                    />
                    <NumberField
                      {...form.getInputProps(`lines.${index}.year`)}
                      rule={numberRules.whole(2000, 2100)}
                      label={t('plan.line.year')}
                      data-testid={`plan-line-year-${index}`}
                    />
                    <TextInput
                      {...form.getInputProps(`lines.${index}.sdgTargets`)}
                      label={t('plan.line.sdgTargets')}
                      placeholder="6.1, 6.2"
                      data-testid={`plan-line-sdg-${index}`}
                    />
                  </SimpleGrid>
                  <SimpleGrid cols={{ base: 1, sm: 3 }}>
                    {organisationInput(
                      `lines.${index}.responsibleOrganisationId`,
                      `plan-line-org-${index}`,
                      t('plan.line.responsible'),
                    )}
                    <NativeSelect
                      {...form.getInputProps(`lines.${index}.source`)}
                      label={t('plan.line.source')}
                      data={[
                        { value: '', label: t('form.choose') },
                        ...fundingSources.map((source) => ({ value: source, label: t(`sources.${source}`) })),
                      ]}
                      data-testid={`plan-line-source-${index}`}
                    />
                    {line.source === 'csr' && (
                      <NativeSelect
                        {...form.getInputProps(`lines.${index}.csrField`)}
                        label={t('plan.line.csrField')}
                        data={[
                          { value: '', label: t('form.choose') },
                          ...csrFields.map((field) => ({ value: field, label: t(`csrFields.${field}`) })),
                        ]}
                        data-testid={`plan-line-csr-${index}`}
                      />
                    )}
                    {line.source === 'blended' && (
                      <NativeSelect
                        {...form.getInputProps(`lines.${index}.instrument`)}
                        label={t('plan.line.instrument')}
                        data={[
                          { value: '', label: t('form.choose') },
                          ...blendedInstruments.map((instrument) => ({
                            value: instrument,
                            label: t(`instruments.${instrument}`),
                          })),
                        ]}
                        data-testid={`plan-line-instrument-${index}`}
                      />
                    )}
                  </SimpleGrid>
                </Stack>
              </Paper>
            ))}
            {form.errors.lines && (
              <Text size="xs" c="red" data-testid="plan-lines-error">
                {form.errors.lines}
              </Text>
            )}
            <Group>
              <Button
                size="xs"
                variant="light"
                onClick={() => form.insertListItem('lines', emptyLine(thisYear))}
                data-testid="plan-line-add"
              >
                {t('plan.addLine')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        <CommandError error={refusal} unplaced={unplaced} />
        <Group>
          <Button type="submit" loading={pending} data-testid="plan-submit">
            {t('plan.submit')}
          </Button>
          <Button variant="subtle" onClick={onDone} disabled={pending} data-testid="plan-cancel">
            {common('actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
