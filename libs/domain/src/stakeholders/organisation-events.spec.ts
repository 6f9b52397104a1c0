import { domainEventSchema, organisationEventTypes, type OrganisationInput } from '@mitra/contracts';
import { changedOrganisationFields, organisationEvent } from './organisation-events';

const forum: OrganisationInput = {
  name: 'Forum CSR Kota Bandung',
  sector: 'business',
  region: { province: 'Jawa Barat', regency: 'Kota Bandung' },
  contacts: [{ name: 'Rudi', email: 'rudi@forumcsr.id' }],
  resources: [{ kind: 'funds' }],
  vulnerableGroups: [],
};
const at = '2026-06-01T03:00:00.000Z';

describe('organisation events', () => {
  it('raises registered for the first version, with an id that a republish repeats', () => {
    const event = organisationEvent({ organisationId: '64a0000000000000000000aa', version: 1, organisation: forum, at, by: 'coord-1', actor: { userId: 'coord-1', role: 'coordinator' } });

    expect(domainEventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      eventId: `${organisationEventTypes.registered}:64a0000000000000000000aa:1`,
      type: 'stakeholders.organisation.registered',
      occurredAt: at,
      organisationIds: ['64a0000000000000000000aa'],
      data: { organisationId: '64a0000000000000000000aa', version: 1, name: forum.name, sector: 'business', region: forum.region, by: 'coord-1' },
    });
    expect(event.data).not.toHaveProperty('changedFields');
  });

  it('raises updated for a later version, naming the fields that changed', () => {
    const after: OrganisationInput = { ...forum, contacts: [{ email: 'rudi@forumcsr.id', name: 'Rudi' }], resources: [{ kind: 'funds' }, { kind: 'network' }], vulnerableGroups: ['poor'] };
    const event = organisationEvent({ organisationId: '64a0000000000000000000aa', version: 3, organisation: after, previous: forum, at, by: 'admin-1' });

    expect(event).toMatchObject({ eventId: `${organisationEventTypes.updated}:64a0000000000000000000aa:3`, type: 'stakeholders.organisation.updated' });
    expect(event.data.changedFields).toEqual(['resources', 'vulnerableGroups']);
    expect(event).not.toHaveProperty('actor');
  });

  it('finds no change between equal records, whatever the key order', () => {
    const reordered = { vulnerableGroups: [], resources: [{ kind: 'funds' as const }], contacts: forum.contacts, region: { regency: 'Kota Bandung', province: 'Jawa Barat' }, sector: forum.sector, name: forum.name };
    expect(changedOrganisationFields(forum, reordered)).toEqual([]);
    expect(changedOrganisationFields(forum, { ...forum, name: 'Forum TJSL Kota Bandung' })).toEqual(['name']);
  });
});
