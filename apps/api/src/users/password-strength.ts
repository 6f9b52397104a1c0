import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import * as indonesian from '@zxcvbn-ts/language-id';
import { z } from 'zod';

/** zxcvbn's score from 0 (guessed at once) to 4; 3 stands an offline attack of a slow hash for years. */
export const minimumPasswordScore = 3;

let estimator: ZxcvbnFactory | undefined;
// Here, not in libs/contracts: the dictionaries weigh megabytes, and the contracts go into the
// workflow bundle and the web, neither of which sets a password. Built on first use.
const strength = () =>
  (estimator ??= new ZxcvbnFactory({
    translations: english.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary, ...indonesian.dictionary },
  }));

/**
 * Why a password is too easy to guess (zxcvbn with the common, English and Indonesian
 * dictionaries), or undefined when it is strong enough.
 */
export function passwordWeakness(password: string): string | undefined {
  const result = strength().check(password);
  if (result.score >= minimumPasswordScore) return undefined;
  const hint = result.feedback.warning ?? result.feedback.suggestions[0];
  return `is too easy to guess${hint ? `: ${hint}` : ''}`;
}

/** A new password: 12 to 200 characters and not easy to guess (`passwordWeakness`). */
export const passwordSchema = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(200, 'must be at most 200 characters')
  .superRefine((password, context) => {
    // A length already refused says enough, and spares the estimator a 200 kB guess.
    if (password.length < 12 || password.length > 200) return;
    const weakness = passwordWeakness(password);
    if (weakness)
      context.addIssue({ code: 'custom', message: weakness, params: { code: 'api.password_weak' } });
  });
