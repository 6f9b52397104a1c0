/* What the text of every contract refuses; shared by `textSchema` and the workflow's checks (`payload-checks`). */

/** C0 and C1 control characters (DEL included); a multi-line field allows line feed and tab among them. */
export const controlCharacters = /[\u0000-\u001F\u007F-\u009F]/;
export const controlCharactersButLineFeedAndTab = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
/** Embeddings, overrides and isolates: they make text read differently from what it holds ("Trojan Source"). */
export const bidiControls = /[\u202A-\u202E\u2066-\u2069]/;
export const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const textReasons = {
  loneSurrogate: 'must not contain a lone surrogate (broken UTF-16)',
  controlCharacters: 'must not contain control characters or line breaks',
  controlCharactersMultiline: 'must not contain control characters other than line feed and tab',
  bidiControls: 'must not contain bidirectional override or isolate characters',
};

export const textTooShort = (min: number, minMessage?: string) =>
  minMessage ?? (min === 1 ? 'is required' : `must be at least ${min} characters`);
export const textTooLong = (max: number) => `must be at most ${max} characters`;

export interface TextOptions {
  max: number;
  /** 1 unless given: an empty text is "required"; 0 allows it. */
  min?: number;
  /** The message for a text shorter than `min`, when "must be at least N characters" does not say it. */
  minMessage?: string;
  /** Allows line feeds and tabs (descriptions, reasons, narratives); names and titles stay on one line. */
  multiline?: boolean;
}
