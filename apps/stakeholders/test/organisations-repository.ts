import type { Connection } from 'mongoose';
import { OrganisationRecord, OrganisationSchema } from '../src/organisations/organisation.schema';
import { OrganisationsRepository } from '../src/organisations/organisations.repository';

/** The service's organisations repository on a connection of the test's own, with its indexes declared. */
export async function createOrganisationsRepository(connection: Connection): Promise<OrganisationsRepository> {
  const repository = new OrganisationsRepository(connection.model(OrganisationRecord.name, OrganisationSchema), connection);
  await repository.onModuleInit();
  return repository;
}
