import { z } from 'zod';
import { textSchema } from '../common/text';
import { replyObject } from '../common/reply';
import { languages } from '../agreements/fields';

export const sdgGoalSchema = replyObject({
  /** "1" … "17". */
  code: z.string(),
  nameId: z.string(),
  nameEn: z.string(),
  titleId: z.string(),
  titleEn: z.string(),
});
export type SdgGoal = z.infer<typeof sdgGoalSchema>;

export const sdgTargetSchema = replyObject({
  /** "1.1", "1.a". */
  code: z.string(),
  goal: z.string(),
  /** Bahasa Indonesia (own translation, see the catalogue's README) and the UN's English. */
  titleId: z.string(),
  titleEn: z.string(),
});
export type SdgTarget = z.infer<typeof sdgTargetSchema>;

export const sdgIndicatorSchema = replyObject({
  /** "1.1.1". */
  code: z.string(),
  target: z.string(),
  goal: z.string(),
  /** Bahasa Indonesia (own translation, see the catalogue's README) and the UN's English. */
  titleId: z.string(),
  titleEn: z.string(),
});
export type SdgIndicator = z.infer<typeof sdgIndicatorSchema>;

export const sdgGoalCodeSchema = z.string().regex(/^(?:[1-9]|1[0-7])$/, 'must be a goal number from 1 to 17');
export const sdgTargetCodeSchema = z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}$/, 'must be a target code such as 1.1 or 1.a');
export const sdgIndicatorCodeSchema = z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}\.\d{1,2}$/, 'must be an indicator code such as 1.1.1');
const searchTextSchema = textSchema({ max: 100 });
/** The language whose titles `q` searches; Bahasa Indonesia unless `en`. */
const searchLanguageSchema = z.enum(languages).optional();

export const sdgTargetSearchParamsSchema = z.strictObject({
  goal: sdgGoalCodeSchema.optional(),
  q: searchTextSchema.optional(),
  language: searchLanguageSchema,
});
export type SdgTargetSearchParams = z.infer<typeof sdgTargetSearchParamsSchema>;

/** `target` is a code prefix ("1", "1.1"): every indicator whose code starts with it. */
export const sdgIndicatorSearchParamsSchema = z.strictObject({
  target: z.string().regex(/^\d{1,2}(?:\.[0-9a-z]{0,2})?$/, 'must be a goal or target code such as 1 or 1.1').optional(),
  q: searchTextSchema.optional(),
  language: searchLanguageSchema,
});
export type SdgIndicatorSearchParams = z.infer<typeof sdgIndicatorSearchParamsSchema>;

// The catalogue is the UN's public list: read by anyone, the public annual report's readers included.
export const listSdgGoalsQuerySchema = z.strictObject({});
export const listSdgTargetsQuerySchema = sdgTargetSearchParamsSchema;
export const listSdgIndicatorsQuerySchema = sdgIndicatorSearchParamsSchema;
