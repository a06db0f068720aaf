import { createTheme, DEFAULT_THEME, type CSSVariablesResolver } from '@mantine/core';

/**
 * Indigo at shade 8 (#3b5bdb) under white text is 5.7:1 and its hover shade 9 is 6.8:1, both
 * above WCAG AA's 4.5:1; links use the same shade on white.
 */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: 8,
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
});

const { colors } = DEFAULT_THEME;

/** Mantine's default dimmed text (gray 6, 3.3:1) and error red (red 6, 3.3:1) fail AA on white. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': colors.gray[7],
    '--mantine-color-error': colors.red[9],
    '--mantine-color-placeholder': colors.gray[7],
  },
  dark: {},
});

/** Badge colours whose white text passes AA (4.5:1 or more). */
export const statusColor = {
  done: 'teal.9',
  active: 'indigo.8',
  waiting: 'gray.7',
  problem: 'red.9',
} as const;
