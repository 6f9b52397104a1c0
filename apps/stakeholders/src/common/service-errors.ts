import { ErrorCode, MitraError } from '@mitra/contracts';

/** Refuses an action the acting user may not take; reading what one may not see is a 404 instead. */
export function ensureAllowed(allowed: boolean, action: string): void {
  if (!allowed) throw new MitraError(ErrorCode.Forbidden, `You may not ${action}.`);
}

export function conflict(message: string): MitraError {
  return new MitraError(ErrorCode.Conflict, message);
}
