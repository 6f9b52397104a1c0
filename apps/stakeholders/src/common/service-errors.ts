import { ErrorCode, MitraError, type RefusalCode, type RefusalParams } from '@mitra/contracts';

/** Refuses an action the acting user may not take; reading what one may not see is a 404 instead. */
export function ensureAllowed(allowed: boolean, action: string): void {
  if (!allowed) throw new MitraError(ErrorCode.Forbidden, `You may not ${action}.`);
}

export type StakeholdersRefusal = Extract<RefusalCode, `stakeholders.${string}`>;

/** A refusal of the registry's rules: its code, the values its sentence needs, and the English message for logs. */
export function conflict(
  code: StakeholdersRefusal,
  params: RefusalParams | undefined,
  message: string,
): MitraError {
  return MitraError.refused(ErrorCode.Conflict, code, params, message);
}
