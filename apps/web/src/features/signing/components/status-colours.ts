import type { AgreementStatus } from '@mitra/contracts';

export const agreementStatusColour: Record<AgreementStatus, string> = {
  draft: 'gray',
  open: 'blue',
  effective: 'teal',
  declined: 'red',
  expired: 'orange',
};
