import { z } from 'zod';

/** C0 and C1 control characters (DEL included); a multi-line field allows line feed and tab among them. */
const controlCharacters = /[\u0000-\u001F\u007F-\u009F]/;
const controlCharactersButLineFeedAndTab = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
/** Embeddings, overrides and isolates: they make text read differently from what it holds ("Trojan Source"). */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export interface TextOptions {
  max: number;
  /** 1 unless given: an empty text is "required"; 0 allows it. */
  min?: number;
  /** The message for a text shorter than `min`, when "must be at least N characters" does not say it. */
  minMessage?: string;
  /** Allows line feeds and tabs (descriptions, reasons, narratives); names and titles stay on one line. */
  multiline?: boolean;
}

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
    .refine((text) => !loneSurrogate.test(text), 'must not contain a lone surrogate (broken UTF-16)')
    .refine((text) => !control.test(text), multiline ? 'must not contain control characters other than line feed and tab' : 'must not contain control characters or line breaks')
    .refine((text) => !bidiControls.test(text), 'must not contain bidirectional override or isolate characters')
    .transform((text) => text.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(min, minMessage ?? (min === 1 ? 'is required' : `must be at least ${min} characters`))
        .max(max, `must be at most ${max} characters`),
    );
}

/** Up to 300 characters is a name or title and stays on one line; longer is prose and may break lines. */
export const boundedText = (max: number) => textSchema({ max, multiline: max > 300 });

/** Why a decision was taken (returned, paused, reversed, withdrawn…): a sentence, not a word. */
export const reasonSchema = textSchema({ min: 10, minMessage: 'must give a reason of at least 10 characters', max: 2000, multiline: true });
