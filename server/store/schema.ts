// The atlas database schema: each table's DDL (in its file under tables/) in the order the tables are
// created. Bump SCHEMA_VERSION whenever a table changes, so an old database file is rebuilt rather than misread.
import { APPENDIX_ENTRIES_DDL, RULES_DDL } from './tables/appendix.ts';
import { AREA_ATTRIBUTES_DDL } from './tables/area-attributes.ts';
import { AREAS_DDL } from './tables/areas.ts';
import { BUILTIN_REGISTERS_DDL } from './tables/builtin-registers.ts';
import { DISTRICTS_DDL } from './tables/districts.ts';
import { IMD_MIX_DDL } from './tables/imd-mix.ts';
import { LAYERS_DDL } from './tables/layers.ts';
import { LSOA_PLACES_DDL } from './tables/lsoa-places.ts';
import { META_DDL } from './tables/meta.ts';
import { OUTPUT_AREAS_DDL } from './tables/output-areas.ts';
import { POSTCODES_DDL } from './tables/postcodes.ts';
import { METHODS_DDL, PROVISIONS_DDL } from './tables/provision-key.ts';
import { SERVICES_DDL } from './tables/services.ts';
import { SOURCES_DDL } from './tables/sources.ts';

export const SCHEMA_VERSION = 9;

/** Every table but the tiles' (tables/tiles.ts), which the build creates when it starts cutting them. */
export const SCHEMA = [
  META_DDL,
  SOURCES_DDL,
  LAYERS_DDL,
  DISTRICTS_DDL,
  AREAS_DDL,
  SERVICES_DDL,
  RULES_DDL,
  APPENDIX_ENTRIES_DDL,
  METHODS_DDL,
  PROVISIONS_DDL,
  AREA_ATTRIBUTES_DDL,
  LSOA_PLACES_DDL,
  IMD_MIX_DDL,
  OUTPUT_AREAS_DDL,
  POSTCODES_DDL,
  BUILTIN_REGISTERS_DDL,
].join('');
