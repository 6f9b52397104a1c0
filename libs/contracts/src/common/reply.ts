import { z } from 'zod';

/**
 * A record as a service sends it back. The fields it names are checked; fields it does not name pass through,
 * so a service upgraded before its callers may add one. Its type names only the declared fields:
 * `z.looseObject`'s `[k: string]: unknown` would make `keyof` every string and `Omit` lose every field.
 */
export const replyObject = <S extends z.core.$ZodLooseShape>(shape: S) =>
  z.looseObject(shape) as unknown as z.ZodObject<S, z.core.$strip>;

/**
 * `true` when `A` and `B` are one type: each assignable to the other, and (TypeScript lets an object without an
 * optional field stand for one with it) the same fields, at every depth.
 */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? SameFields<A, B> : false) : false;
type SameFields<A, B> = [A] extends [readonly (infer E)[]]
  ? [B] extends [readonly (infer F)[]]
    ? SameFields<E, F>
    : false
  : [A] extends [object]
    ? [keyof A] extends [keyof B]
      ? [keyof B] extends [keyof A]
        ? false extends {
            [K in keyof A & keyof B]-?: SameFields<NonNullable<A[K]>, NonNullable<B[K]>>;
          }[keyof A & keyof B]
          ? false
          : true
        : false
      : false
    : true;

/**
 * A reply schema that restates a type defined elsewhere (what an input schema outputs, an interface):
 * it compiles only while the two agree both ways, so neither changes without the other.
 */
export const restating =
  <T>() =>
  <S extends z.ZodType>(schema: S & (SameType<z.output<S>, T> extends true ? unknown : never)): S =>
    schema;
