import { z } from 'zod';
import {
  bidiControls,
  controlCharacters,
  controlCharactersButLineFeedAndTab,
  loneSurrogate,
  textReasons,
  textTooLong,
  textTooShort,
  type TextOptions,
} from './text-rules';

export type { TextOptions } from './text-rules';

/**
 * The one schema of names, titles and free text in every contract. It refuses control characters
 * (but line feed and tab where `multiline`), bidirectional embeddings/overrides/isolates and lone
 * surrogates, each with its own reason; then trims and NFC-normalises, so the same words are
 * stored, compared and hashed as the same text, and measures the length of the result.
 */
export function textSchema({ max, min = 1, minMessage, multiline = false }: TextOptions) {
  const control = multiline ? controlCharactersButLineFeedAndTab : controlCharacters;
  return z
    .string()
    .refine((text) => !loneSurrogate.test(text), {
      message: textReasons.loneSurrogate,
      params: { code: 'text.lone_surrogate' },
    })
    .refine((text) => !control.test(text), {
      message: multiline ? textReasons.controlCharactersMultiline : textReasons.controlCharacters,
      params: { code: 'text.control_characters' },
    })
    .refine((text) => !bidiControls.test(text), {
      message: textReasons.bidiControls,
      params: { code: 'text.bidi_controls' },
    })
    .transform((text) => text.normalize('NFC').trim())
    .pipe(z.string().min(min, textTooShort(min, minMessage)).max(max, textTooLong(max)));
}

/** Up to 300 characters is a name or title and stays on one line; longer is prose and may break lines. */
export const boundedText = (max: number) => textSchema({ max, multiline: max > 300 });

/** Why a decision was taken (returned, paused, reversed, withdrawn…): a sentence, not a word. */
export const reasonSchema = textSchema({
  min: 10,
  minMessage: 'must give a reason of at least 10 characters',
  max: 2000,
  multiline: true,
});
