/** Request/reply subjects of the agreements service. */
export enum AgreementsSubject {
  ListTemplates = 'agreements.template.list',
  CreateAgreement = 'agreements.agreement.create',
  GetAgreement = 'agreements.agreement.get',
  ListAgreements = 'agreements.agreement.list',
  ReviseAgreement = 'agreements.agreement.revise',
  AmendAgreement = 'agreements.agreement.amend',
  AmendMembership = 'agreements.agreement.amend-membership',
  GetVersion = 'agreements.version.get',
  DiffVersions = 'agreements.version.diff',
  VerifyVersion = 'agreements.version.verify',
  RenderVersionPdf = 'agreements.version.pdf',
  OpenSigning = 'agreements.signing.open',
  Sign = 'agreements.signing.sign',
  Decline = 'agreements.signing.decline',
  EnrolKey = 'agreements.key.enrol',
  GetKey = 'agreements.key.get',
}
