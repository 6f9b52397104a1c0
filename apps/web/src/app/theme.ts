import { Badge, createTheme, type MantineColorsTuple } from '@mantine/core';

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
  },
});
