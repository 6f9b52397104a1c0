import {
  Alert,
  Button,
  CloseButton,
  Divider,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { contributionKinds, partnerRoles, type LifecycleState, type Organisation } from '@mitra/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { numberRules } from '#shared/format';
import { FormRefusal, NumberField, refusedNumberErrors, useCommandForm } from '#shared/forms';
import { useDecision } from '../api/partnerships-api';
import { addPartnerBody, addPartnerInitialValues, type AddPartnerValues } from '../model/decision-forms';
import { optionWithTestId } from './option-test-ids';
import { OrganisationSelect } from './OrganisationSelect';
import { usePartnershipsT } from './use-partnerships-t';

/** The joining party's entry in the MoU in force: the agreement is amended for it to sign. */
function MouPartyFields({ form }: { form: UseFormReturnType<AddPartnerValues> }) {
  const { t } = useTranslation('partnerships');
  const { responsibilities, contributions } = form.values.mouParty;

  return (
    <Stack gap="sm" data-testid="add-partner-mou">
      <Divider />
      <Title order={3} size="h5">
        {t('addPartner.mou.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('addPartner.mou.help')}
      </Text>
      <Group grow align="flex-start">
        <TextInput
          label={t('addPartner.mou.representativeName')}
          required
          data-testid="add-partner-representative-name"
          {...form.getInputProps('mouParty.representative.name')}
        />
        <TextInput
          label={t('addPartner.mou.representativeTitle')}
          required
          data-testid="add-partner-representative-title"
          {...form.getInputProps('mouParty.representative.title')}
        />
      </Group>
      <TextInput
        label={t('addPartner.mou.representativeUserId')}
        description={t('addPartner.mou.representativeUserIdHelp')}
        required
        data-testid="add-partner-representative-user"
        {...form.getInputProps('mouParty.representative.userId')}
      />
      <TextInput
        label={t('addPartner.mou.address')}
        data-testid="add-partner-address"
        {...form.getInputProps('mouParty.address')}
      />
      <div>
        <Text fw={500} size="sm">
          {t('addPartner.mou.responsibilities')}
        </Text>
        <Stack gap="xs" mt={4}>
          {responsibilities.map((_, index) => (
            <Group key={index} align="flex-start" wrap="nowrap">
              <TextInput
                flex={1}
                aria-label={t('addPartner.mou.responsibility', { number: index + 1 })}
                data-testid={`add-partner-responsibility-${index}`}
                {...form.getInputProps(`mouParty.responsibilities.${index}`)}
              />
              {responsibilities.length > 1 && (
                <CloseButton
                  aria-label={t('addPartner.mou.remove')}
                  onClick={() => form.removeListItem('mouParty.responsibilities', index)}
                />
              )}
            </Group>
          ))}
        </Stack>
        {form.errors['mouParty.responsibilities'] && (
          <Text size="xs" c="red" mt={4}>
            {form.errors['mouParty.responsibilities']}
          </Text>
        )}
        <Button
          variant="subtle"
          size="xs"
          mt="xs"
          onClick={() => form.insertListItem('mouParty.responsibilities', '')}
          data-testid="add-partner-responsibility-add"
        >
          {t('addPartner.mou.addResponsibility')}
        </Button>
      </div>
      <div>
        <Text fw={500} size="sm">
          {t('addPartner.mou.contributions')}
        </Text>
        <Stack gap="xs" mt={4}>
          {contributions.map((_, index) => (
            <Group key={index} align="flex-start" wrap="nowrap">
              <Select
                w={180}
                aria-label={t('addPartner.mou.contributionKind')}
                data={contributionKinds.map((kind) => ({
                  value: kind,
                  label: t(`contributionKinds.${kind}`),
                }))}
                allowDeselect={false}
                {...form.getInputProps(`mouParty.contributions.${index}.kind`)}
              />
              <TextInput
                flex={1}
                aria-label={t('addPartner.mou.contributionDescription')}
                placeholder={t('addPartner.mou.contributionDescription')}
                {...form.getInputProps(`mouParty.contributions.${index}.description`)}
              />
              <NumberField
                w={180}
                rule={numberRules.money}
                aria-label={t('addPartner.mou.contributionAmount')}
                placeholder={t('addPartner.mou.contributionAmount')}
                {...form.getInputProps(`mouParty.contributions.${index}.amountIdr`)}
              />
              <CloseButton
                aria-label={t('addPartner.mou.remove')}
                onClick={() => form.removeListItem('mouParty.contributions', index)}
              />
            </Group>
          ))}
        </Stack>
        <Button
          variant="subtle"
          size="xs"
          mt="xs"
          onClick={() =>
            form.insertListItem('mouParty.contributions', { kind: 'funds', description: '', amountIdr: '' })
          }
        >
          {t('addPartner.mou.addContribution')}
        </Button>
      </div>
    </Stack>
  );
}

/** The coordinator adds an organisation to the partnership, with its MoU entry while an MoU is in force. */
export function AddPartnerModal({ state, onClose }: { state: LifecycleState; onClose: () => void }) {
  const { t } = useTranslation('partnerships');
  const { t: common } = useTranslation();
  const translate = usePartnershipsT();
  const add = useDecision<ReturnType<typeof addPartnerBody>>(state.partnershipId, 'addPartner');
  const [organisation, setOrganisation] = useState<Organisation>();
  const mouInForce = state.facts.mouEffective !== undefined;
  const activePartners = state.partners
    .filter((partner) => !partner.withdrawnAt)
    .map((partner) => partner.organisationId);
  const { form, formProps, pending, refusal } = useCommandForm<AddPartnerValues>({
    initialValues: addPartnerInitialValues(),
    validate: (values) => ({
      ...refusedNumberErrors(values, common('numbers.refused')),
      organisationId: values.organisationId ? null : translate('fieldErrors.required'),
    }),
    send: (values, idempotencyKey) =>
      add.mutateAsync({ body: addPartnerBody(values, organisation, mouInForce), idempotencyKey }),
    savedMessage: (_, values) => t('addPartner.done', { name: organisation?.name ?? values.organisationId }),
    savedColor: 'green',
    onSaved: onClose,
  });

  return (
    <Modal opened onClose={onClose} title={t('addPartner.title')} size={mouInForce ? 'xl' : 'lg'}>
      <form {...formProps} data-testid="add-partner-form">
        <Stack>
          <FormRefusal error={refusal} />
          {mouInForce && (
            <Alert color="blue" variant="light" data-testid="add-partner-mou-notice">
              {t('addPartner.mouInForce')}
            </Alert>
          )}
          <OrganisationSelect
            label={t('addPartner.organisation')}
            required
            exclude={activePartners}
            testId="add-partner-organisation"
            value={form.values.organisationId}
            onChange={(organisationId) => form.setFieldValue('organisationId', organisationId)}
            onPicked={setOrganisation}
            error={form.errors.organisationId}
          />
          <Select
            label={t('addPartner.role')}
            required
            allowDeselect={false}
            data={partnerRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            renderOption={optionWithTestId('add-partner-role')}
            data-testid="add-partner-role"
            data-value={form.values.role}
            {...form.getInputProps('role')}
          />
          {mouInForce && <MouPartyFields form={form} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {common('actions.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="add-partner-submit">
              {t('addPartner.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
