import { AgreementsContracts } from './agreements/contracts';
import type { Contract } from './common/contract';
import { FundingContracts } from './funding/contracts';
import { MonitoringContracts, PublicationContracts } from './monitoring/contracts';
import { StakeholdersContracts } from './stakeholders/contracts';

/** Every command and query the services answer. */
export const serviceContracts: readonly Contract[] = [
  AgreementsContracts,
  FundingContracts,
  MonitoringContracts,
  PublicationContracts,
  StakeholdersContracts,
].flatMap((contracts) => Object.values(contracts) as Contract[]);

const bySubject = new Map(serviceContracts.map((contract) => [contract.subject, contract]));

export function contractOfSubject(subject: string): Contract | undefined {
  return bySubject.get(subject);
}
