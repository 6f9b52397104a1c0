import { Accordion, Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { lifecycleSettingsSchema, startPartnershipInputSchema, type LifecycleState } from '@mitra/contracts';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '#shared/auth';
import { numberRules } from '#shared/format';
import { FormRefusal, NumberField, refusedNumberErrors, useCommandForm } from '#shared/forms';
import { useStartPartnership } from '../api/partnerships-api';
import {
  newPartnershipInitialValues,
  settingNames,
  startPartnershipBody,
  type NewPartnershipValues,
} from '../model/decision-forms';
import { contractCheck } from '../model/field-errors';
import { OrganisationSelect } from './OrganisationSelect';
import { usePartnershipsT } from './use-partnerships-t';

const defaults = lifecycleSettingsSchema.parse({});
/** Each setting's range, read from the contract: out of it is refused, never clamped. */
const settingRule = (name: (typeof settingNames)[number]) => {
  const schema = lifecycleSettingsSchema.shape[name].unwrap();
  return numberRules.whole(schema.minValue ?? 1, schema.maxValue ?? undefined);
};

/** The coordinator starts a partnership: its name, the lead organisation and, if need be, its timings. */
export function NewPartnershipModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('partnerships');
  const { t: common } = useTranslation();
  const translate = usePartnershipsT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const start = useStartPartnership();
  // A retry of the same values after a lost reply finds the partnership the first attempt started.
  const { form, formProps, pending, refusal } = useCommandForm<NewPartnershipValues, LifecycleState>({
    initialValues: newPartnershipInitialValues(user.organisationId),
    validate: (values) => ({
      ...refusedNumberErrors(values, common('numbers.refused')),
      name: contractCheck(startPartnershipInputSchema.shape.name, translate)(values.name),
    }),
    send: (values, idempotencyKey) =>
      start.mutateAsync({ input: startPartnershipBody(values), idempotencyKey }),
    onSaved: (state) => {
      notifications.show({ color: 'green', message: t('newPartnership.created', { name: state.name }) });
      onClose();
      void navigate(`/partnerships/${encodeURIComponent(state.partnershipId)}`);
    },
  });

  return (
    <Modal opened onClose={onClose} title={t('newPartnership.title')} size="lg">
      <form {...formProps} data-testid="new-partnership-form">
        <Stack>
          <FormRefusal error={refusal} />
          <TextInput
            label={t('newPartnership.name')}
            description={t('newPartnership.nameHelp')}
            required
            data-testid="new-partnership-name"
            {...form.getInputProps('name')}
          />
          <OrganisationSelect
            label={t('newPartnership.lead')}
            description={t('newPartnership.leadHelp')}
            testId="new-partnership-lead"
            value={form.values.leadOrganisationId}
            onChange={(organisationId) => form.setFieldValue('leadOrganisationId', organisationId)}
            error={form.errors.leadOrganisationId}
          />
          <Accordion variant="contained">
            <Accordion.Item value="settings">
              <Accordion.Control data-testid="new-partnership-settings">
                {t('newPartnership.settings')}
              </Accordion.Control>
              <Accordion.Panel>
                <Text size="sm" c="dimmed" mb="sm">
                  {t('newPartnership.settingsHelp')}
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  {settingNames.map((name) => (
                    <NumberField
                      key={name}
                      rule={settingRule(name)}
                      label={t(`settings.${name}`)}
                      placeholder={t('newPartnership.default', { value: defaults[name] })}
                      data-testid={`new-partnership-setting-${name}`}
                      {...form.getInputProps(`settings.${name}`)}
                    />
                  ))}
                </SimpleGrid>
              </Accordion.Panel>
            </Accordion.Item>
          </Accordion>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {common('actions.cancel')}
            </Button>
            <Button type="submit" loading={pending} data-testid="new-partnership-submit">
              {t('newPartnership.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
