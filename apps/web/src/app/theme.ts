import {
  Badge,
  Code,
  createTheme,
  darken,
  getPrimaryShade,
  luminance,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core';

// Shades around the Mitra teal (#0f6e6e, shade 7).
const mitra: MantineColorsTuple = [
  '#e6f4f4',
  '#c9e6e6',
  '#9fd1d1',
  '#70baba',
  '#48a5a5',
  '#2c9393',
  '#1a8585',
  '#0f6e6e',
  '#0b5a5a',
  '#064545',
];

export const theme = createTheme({
  primaryColor: 'mitra',
  primaryShade: 7,
  colors: { mitra },
  defaultRadius: 'md',
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif",
  components: {
    // A badge is a status word: cut to "TERLAM…" it says nothing.
    Badge: Badge.extend({ styles: { root: { flexShrink: 0, minWidth: 'max-content' } } }),
    // Hashes and keys are one long word: on a phone they wrap rather than widen the page.
    Code: Code.extend({ styles: { root: { overflowWrap: 'anywhere' } } }),
  },
});

/** WCAG 2's contrast ratio of two colours, from 1 to 21. */
export function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (lighter + 0.05) / (darker + 0.05);
}

/** WCAG AA for body text. */
export const minimumTextContrast = 4.5;

/** `color`, darkened in small steps until text in it reaches WCAG AA on `background`. */
export function readableOn(color: string, background: string): string {
  let readable = color;
  for (let amount = 0.05; contrastRatio(readable, background) < minimumTextContrast; amount += 0.05)
    readable = darken(color, amount);
  return readable;
}

/**
 * Mantine's light-scheme colours fall below WCAG AA for many palettes: white on a green badge is
 * 2.8:1, yellow.9 on yellow.1 2.5:1, dimmed grey on white 3.3:1. Each is darkened just enough;
 * the light variant's text is checked against its hover shade, the darker of its two backgrounds.
 */
export const cssVariablesResolver: CSSVariablesResolver = (mantineTheme) => {
  const shade = getPrimaryShade(mantineTheme, 'light');
  const colours = Object.entries(mantineTheme.colors).flatMap(([name, shades]) => {
    const filled = readableOn(shades[shade], '#ffffff');
    return [
      [`--mantine-color-${name}-filled`, filled],
      [`--mantine-color-${name}-filled-hover`, darken(filled, 0.1)],
      [`--mantine-color-${name}-outline`, filled],
      [`--mantine-color-${name}-light-color`, readableOn(shades[9], shades[2])],
    ];
  });
  return {
    variables: {},
    light: { '--mantine-color-dimmed': mantineTheme.colors.gray[7], ...Object.fromEntries(colours) },
    dark: {},
  };
};
