import { canonicalize, sha256Hex } from '@mitra/domain';

/** The digest of a command's input: the same key sent again with other input is told apart by it. */
export const commandHash = (type: string, input: unknown) => sha256Hex(canonicalize({ type, input }));
