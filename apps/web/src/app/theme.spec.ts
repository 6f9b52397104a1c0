import { mergeMantineTheme, DEFAULT_THEME } from '@mantine/core';
import { contrastRatio, cssVariablesResolver, minimumTextContrast, theme } from './theme';

const white = '#ffffff';

describe('the light colour scheme', () => {
  const merged = mergeMantineTheme(DEFAULT_THEME, theme);
  const light = cssVariablesResolver(merged).light as Record<string, string>;

  it('writes dimmed text readably on white', () => {
    expect(contrastRatio(light['--mantine-color-dimmed']!, white)).toBeGreaterThanOrEqual(
      minimumTextContrast,
    );
  });

  it.each(Object.keys(merged.colors))('writes white readably on filled %s, and %s on white', (name) => {
    expect(contrastRatio(light[`--mantine-color-${name}-filled`]!, white)).toBeGreaterThanOrEqual(
      minimumTextContrast,
    );
  });

  it.each(Object.keys(merged.colors))('writes light %s badges and buttons readably, hovered too', (name) => {
    const shades = merged.colors[name]!;
    for (const background of [shades[1], shades[2]])
      expect(contrastRatio(light[`--mantine-color-${name}-light-color`]!, background)).toBeGreaterThanOrEqual(
        minimumTextContrast,
      );
  });
});
