import type { ComboboxItem, ComboboxLikeRenderOptionInput } from '@mantine/core';

/** A select's options as the tests pick them in any language: `<testId>-option-<value>`. */
export const optionWithTestId =
  (testId: string) =>
  ({ option }: ComboboxLikeRenderOptionInput<ComboboxItem>) => (
    <span data-testid={`${testId}-option-${option.value}`}>{option.label}</span>
  );
