import {
  Alert,
  Badge,
  Button,
  CloseButton,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { stakeholderRoles, stakeholderScoreSchema, type StakeholderMapView } from '@mitra/contracts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '#shared/api';
import { numberRules } from '#shared/format';
import { FormRefusal, NumberField, refusedNumberErrors, useCommandForm } from '#shared/forms';
import { useStakeholderMap } from '#shared/partnerships';
import { useSaveStakeholderMap } from '../api/partnerships-api';
import {
  blankRow,
  changedSince,
  missingOrganisations,
  rowsOfMap,
  stakeholderMapInput,
  type StakeholderEditorValues,
} from '../model/stakeholder-editor';
import { optionWithTestId } from './option-test-ids';
import { OrganisationSelect } from './OrganisationSelect';
import { usePartnershipsT } from './use-partnerships-t';

// The contract's 1 (low) … 5 (high) scale: a 7 is refused with the range, never clamped to 5.
const score = {
  rule: numberRules.whole(stakeholderScoreSchema.minValue ?? 1, stakeholderScoreSchema.maxValue ?? undefined),
  w: 84,
};

/**
 * The coordinator's editor of the whole map: every stakeholder with its role, interest and influence.
 * Saving writes the next version on top of the one read; if someone saved first, the service answers
 * 409 and the editor offers to reload their version.
 */
export function StakeholderMapEditor({
  partnershipId,
  view,
  onClose,
}: {
  partnershipId: string;
  view: StakeholderMapView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('partnerships');
  const { t: common } = useTranslation();
  const translate = usePartnershipsT();
  const save = useSaveStakeholderMap(partnershipId);
  const map = useStakeholderMap(partnershipId);
  const [basedOn, setBasedOn] = useState(view);
  const input = (values: StakeholderEditorValues) => stakeholderMapInput(values, basedOn?.map.version ?? 0);
  const { form, formProps, pending, refusal, clearRefusal } = useCommandForm<
    StakeholderEditorValues,
    StakeholderMapView
  >({
    initialValues: { entries: rowsOfMap(view?.map) },
    validate: (values) => ({
      ...refusedNumberErrors(values, common('numbers.refused')),
      ...Object.fromEntries(
        missingOrganisations(values).map((path) => [path, translate('fieldErrors.required')]),
      ),
      // A save that would store nothing new says so, rather than closing the editor unseen.
      ...(changedSince(basedOn?.map, values)
        ? {}
        : { entries: t(basedOn ? 'mapEditor.unchanged' : 'mapEditor.emptyRefused') }),
    }),
    sentWith: input,
    send: (values, idempotencyKey) => save.mutateAsync({ input: input(values), idempotencyKey }),
    // The api names `entries.1.organisationId`; the service `map.entries.1.organisationId`.
    fieldPrefix: 'map.',
    onSaved: (saved) => {
      notifications.show({
        color: saved.check.passed ? 'green' : 'orange',
        message: t(saved.check.passed ? 'mapEditor.savedPassed' : 'mapEditor.savedFailed', {
          version: saved.map.version,
        }),
      });
      onClose();
    },
  });
  const conflict = refusal instanceof ApiError && refusal.status === 409;

  const reload = async () => {
    const fresh = (await map.refetch()).data ?? null;
    setBasedOn(fresh);
    form.setValues({ entries: rowsOfMap(fresh?.map) });
    form.clearErrors();
    clearRefusal();
  };

  return (
    <Paper withBorder p="md" data-testid="stakeholder-editor" data-based-on={basedOn?.map.version ?? 0}>
      <form {...formProps}>
        <Stack gap="sm">
          <div>
            <Title order={2} size="h4">
              {t('mapEditor.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('mapEditor.help', { version: basedOn?.map.version ?? 0 })}
            </Text>
          </div>
          {conflict ? (
            <Alert
              color="orange"
              title={t('mapEditor.conflictTitle')}
              data-form-error
              data-testid="stakeholder-conflict"
            >
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{t('mapEditor.conflict')}</Text>
                <Button
                  size="xs"
                  variant="light"
                  color="orange"
                  onClick={() => void reload()}
                  data-testid="stakeholder-reload"
                >
                  {t('mapEditor.reload')}
                </Button>
              </Stack>
            </Alert>
          ) : (
            <FormRefusal error={refusal} />
          )}
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="xs" data-testid="stakeholder-editor-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('stakeholders.table.name')}</Table.Th>
                  <Table.Th>{t('stakeholders.table.role')}</Table.Th>
                  <Table.Th>{t('stakeholders.table.interest')}</Table.Th>
                  <Table.Th>{t('stakeholders.table.influence')}</Table.Th>
                  <Table.Th>{t('mapEditor.note')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('mapEditor.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {form.values.entries.map((row, index) => (
                  <Table.Tr
                    key={row.key}
                    data-testid="stakeholder-editor-row"
                    data-organisation-id={row.organisationId}
                    data-organisation-name={row.organisationName}
                  >
                    <Table.Td miw={280}>
                      <Stack gap={4}>
                        <OrganisationSelect
                          ariaLabel={t('mapEditor.organisation', { number: index + 1 })}
                          testId={`stakeholder-organisation-${index}`}
                          value={row.organisationId || null}
                          onChange={(organisationId) =>
                            form.setFieldValue(`entries.${index}.organisationId`, organisationId ?? '')
                          }
                          onPicked={(organisation) => {
                            form.setFieldValue(`entries.${index}.organisationName`, organisation?.name ?? '');
                            form.setFieldValue(`entries.${index}.sector`, organisation?.sector);
                          }}
                          error={form.errors[`entries.${index}.organisationId`]}
                        />
                        {row.sector && (
                          <Badge
                            variant="light"
                            color="gray"
                            size="sm"
                            data-testid={`stakeholder-sector-${index}`}
                          >
                            {t(`sectors.${row.sector}`)}
                          </Badge>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t('stakeholders.table.role')}
                        w={160}
                        allowDeselect={false}
                        data={stakeholderRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
                        renderOption={optionWithTestId(`stakeholder-role-${index}`)}
                        data-testid={`stakeholder-role-${index}`}
                        data-value={row.role}
                        {...form.getInputProps(`entries.${index}.role`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberField
                        aria-label={t('stakeholders.table.interest')}
                        {...score}
                        data-testid={`stakeholder-interest-${index}`}
                        {...form.getInputProps(`entries.${index}.interest`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberField
                        aria-label={t('stakeholders.table.influence')}
                        {...score}
                        data-testid={`stakeholder-influence-${index}`}
                        {...form.getInputProps(`entries.${index}.influence`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t('mapEditor.note')}
                        data-testid={`stakeholder-note-${index}`}
                        {...form.getInputProps(`entries.${index}.note`)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <CloseButton
                        aria-label={t('mapEditor.remove')}
                        onClick={() => form.removeListItem('entries', index)}
                        data-testid={`stakeholder-remove-${index}`}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {form.values.entries.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('mapEditor.empty')}
            </Text>
          )}
          {typeof form.errors.entries === 'string' && (
            <Text size="sm" c="red" data-form-error data-testid="stakeholder-editor-error">
              {form.errors.entries}
            </Text>
          )}
          <Group justify="space-between">
            <Button
              variant="light"
              onClick={() => {
                form.insertListItem('entries', blankRow());
                form.clearFieldError('entries');
              }}
              data-testid="stakeholder-add"
            >
              {t('mapEditor.add')}
            </Button>
            <Group>
              <Button variant="default" onClick={onClose} data-testid="stakeholder-cancel">
                {common('actions.cancel')}
              </Button>
              <Button type="submit" loading={pending} disabled={conflict} data-testid="stakeholder-save">
                {t('mapEditor.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
