// Colour-blind-safe palettes: Okabe–Ito for categories, ColorBrewer schemes marked colour-blind
// safe for ordered classes. tests/client/palettes.unit.test.ts checks them under simulated CVD.

/** Okabe & Ito (2008), "Color Universal Design". */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/**
 * Neutral fills. "Not listed" is a mid grey so it stands apart from the pale General yellow for
 * every kind of colour vision; "not available" is lighter because it covers most of the county.
 */
export const NEUTRAL = { notListed: '#A0A0A0', unavailable: '#DCDCDC', zero: '#EDEDED', outline: '#4D4D4D' } as const;

export const CATEGORY_COLOURS = {
  laa_target: OKABE_ITO.vermillion,
  social_capital: OKABE_ITO.blue,
  // Okabe–Ito yellow mixed 60:40 with white: General is the baseline most parishes share, so it stays quiet.
  general: '#F6EF8E',
} as const;

export const SERVICE_COLOUR = OKABE_ITO.bluishGreen;

/** ColorBrewer YlGnBu, 5 classes (low → high). */
export const YL_GN_BU_5 = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;

/** ColorBrewer RdYlBu, 10 classes: dark red for the most deprived decile through to dark blue. */
export const RD_YL_BU_10 = ['#a50026', '#d73027', '#f46d43', '#fdae61', '#fee090', '#e0f3f8', '#abd9e9', '#74add1', '#4575b4', '#313695'] as const;

/** ColorBrewer BuPu, 5 classes (low → high need). */
export const BU_PU_5 = ['#edf8fb', '#b3cde3', '#8c96c6', '#8856a7', '#810f7c'] as const;

/** The first n colours of a 5-class sequential scheme, spread so few classes still span light to dark. */
export function spread<T>(scheme: readonly T[], n: number): T[] {
  if (n >= scheme.length) return [...scheme];
  if (n <= 1) return [scheme[Math.floor(scheme.length / 2)]];
  return Array.from({ length: n }, (_, i) => scheme[Math.round((i * (scheme.length - 1)) / (n - 1))]);
}
