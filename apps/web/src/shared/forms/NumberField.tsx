import { useState } from 'react';
import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  formatNumber,
  parseNumber,
  type NumberLanguage,
  type NumberRefusal,
  type NumberRule,
} from '#shared/format';
import { useLanguage } from '#shared/i18n';
import { usePointerRelease } from './pointer-release';

/** What the form holds: a number, '' when empty, NaN while the text is refused (so the form's validation blocks sending). */
export type NumberFieldValue = number | '';

export interface NumberFieldProps extends Omit<
  TextInputProps,
  'value' | 'onChange' | 'defaultValue' | 'type'
> {
  value?: NumberFieldValue | null;
  onChange?: (value: NumberFieldValue) => void;
  rule?: NumberRule;
}

/** True for what a NumberField hands the form while its text is refused. */
export const isRefusedNumber = (value: unknown): boolean =>
  typeof value === 'number' && !Number.isFinite(value);

const other = (language: NumberLanguage): NumberLanguage => (language === 'id' ? 'en' : 'id');
const same = (a: unknown, b: unknown) =>
  Object.is(a, b) || ((a === '' || a == null) && (b === '' || b == null));

function read(text: string, language: NumberLanguage, rule: NumberRule): NumberFieldValue {
  const parsed = parseNumber(text, language, rule);
  return parsed.ok ? (parsed.value ?? '') : Number.NaN;
}

function useRefusalText(text: string, language: NumberLanguage, rule: NumberRule) {
  const { t } = useTranslation();
  return (refusal: NumberRefusal): string => {
    // The hint shows what was typed as the other language would read it: `12.5` → "12,5?".
    const elsewhere = parseNumber(text, other(language), {
      ...rule,
      min: undefined,
      max: undefined,
      integer: false,
    });
    const decimal = formatNumber(elsewhere.ok && elsewhere.value !== null ? elsewhere.value : 12.5, language);
    const grouped = formatNumber(1_250_000, language);
    const bound = (value: number | undefined) =>
      value === undefined ? '' : formatNumber(value, language, rule);
    const min = 'min' in refusal ? bound(refusal.min) : '';
    const max = 'max' in refusal ? bound(refusal.max) : '';
    return t(`numbers.${refusal.kind}`, { decimal, grouped, min, max });
  };
}

/**
 * The one number and money input of the web. It reads what is typed in the UI language's way
 * (`parseNumber`), never corrects it (no clamping, no dropped minus sign, no guessed separator), and
 * says why it refuses: the form gets NaN meanwhile and refuses to send.
 */
export function NumberField({ value, onChange, rule = {}, error, onBlur, ...props }: NumberFieldProps) {
  const language = useLanguage();
  const show = (shown: NumberFieldValue | null | undefined) =>
    typeof shown === 'number' && Number.isFinite(shown) ? formatNumber(shown, language, rule) : '';
  const [state, setState] = useState(() => ({ text: show(value), value, language, blurred: false }));
  const pointer = usePointerRelease();
  // The form changed the value (reset, a report loaded) or the language changed: show the value anew,
  // unless the text still reads as it (or is a refused text the user is correcting).
  if (!same(state.value, value) || state.language !== language) {
    const keep =
      same(read(state.text, language, rule), value) ||
      (isRefusedNumber(value) && state.language === language);
    setState({ ...state, text: keep ? state.text : show(value), value, language });
  }
  const parsed = parseNumber(state.text, language, rule);
  const describe = useRefusalText(state.text, language, rule);
  const refusal = parsed.ok ? null : describe(parsed.refusal);
  const nonNegative = (rule.min ?? -1) >= 0;

  return (
    <TextInput
      inputMode={nonNegative ? (rule.integer ? 'numeric' : 'decimal') : 'text'}
      autoComplete="off"
      leftSection={rule.money ? 'Rp' : undefined}
      rightSection={rule.percent ? '%' : undefined}
      {...props}
      value={state.text}
      error={refusal && (state.blurred || error) ? refusal : error}
      onChange={(event) => {
        const text = event.currentTarget.value;
        const next = read(text, language, rule);
        setState({ text, value: next, language, blurred: false });
        onChange?.(next);
      }}
      onBlur={(event) => {
        // Shown the language's way once it is read (`1250000` → `1.250.000`); the value is unchanged.
        const text = parsed.ok && parsed.value !== null ? show(parsed.value) : state.text;
        setState({ ...state, text });
        // The hint pushes down what is below: not while a press on it (the submit button) is under way.
        pointer.after(() => setState((current) => ({ ...current, blurred: true })));
        onBlur?.(event);
      }}
    />
  );
}
