export enum StakeholdersSubject {
  CreateOrganisation = 'stakeholders.organisation.create',
  GetOrganisation = 'stakeholders.organisation.get',
}
