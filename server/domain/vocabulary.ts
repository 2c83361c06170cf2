// The words of the Stronger Communities strategy (seed 000, Appendix One) as types:
// categories, tables, extents and the seven service ids.

/** Ordered from highest to lowest: an area takes the highest category among its designations. */
export const CATEGORIES = ['laa_target', 'social_capital', 'general'] as const;
export type Category = (typeof CATEGORIES)[number];

/** Appendix One has two tables: one for parishes, one for urban (unparished) areas. */
export const APPENDIX_TABLES = ['parish', 'urban'] as const;
export type AppendixTable = (typeof APPENDIX_TABLES)[number];

export const EXTENTS = ['whole', 'part'] as const;
export type Extent = (typeof EXTENTS)[number];

/** Column order of the seed table: NW, RCC CDO, Neigh Man., PC, Faith, Local Voice, SCAT. */
export const SERVICE_IDS = ['nw', 'rcc_cdo', 'neigh_man', 'pc', 'faith', 'local_voice', 'scat'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  laa_target: 'LAA target area',
  social_capital: 'Social capital area',
  general: 'General',
};

/** Shares at or above this count as the whole area (they differ from 1 only by float rounding). */
export const WHOLE = 0.999;

/** The source document every category, service and designation cites, by its title (the page, the API and print all name it so). */
export const APPENDIX_ONE = 'Appendix One of the Leicestershire LAA Stronger Communities delivery plan (2008–11)';
