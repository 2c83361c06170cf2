// The atlas database schema, written by the build and read by the API. Bump SCHEMA_VERSION
// whenever a table changes, so an old database file is rebuilt rather than misread.

export const SCHEMA_VERSION = 9;

export const SCHEMA = `
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- The sources manifest (geodata/sources.json) with the checksum of each file as loaded.
CREATE TABLE sources (
  id TEXT PRIMARY KEY, file TEXT NOT NULL, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL,
  title TEXT NOT NULL, vintage TEXT NOT NULL, publisher TEXT NOT NULL, licence TEXT NOT NULL,
  licence_url TEXT NOT NULL, attribution TEXT NOT NULL, official_download TEXT NOT NULL,
  feeds TEXT NOT NULL, caveat TEXT
);

CREATE TABLE layers (
  id TEXT PRIMARY KEY, ord INTEGER NOT NULL, title TEXT NOT NULL, description TEXT NOT NULL,
  source_id TEXT NOT NULL REFERENCES sources(id), feature_count INTEGER NOT NULL,
  population_method TEXT NOT NULL, historical INTEGER NOT NULL,
  min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL
);

CREATE TABLE districts (code TEXT PRIMARY KEY, name TEXT NOT NULL);

-- One row per area of every layer. geometry is RFC 7946 GeoJSON at 6 decimals, the last column: a large
-- value spills to overflow pages, and SQLite reads a column stored after it only by walking its whole
-- chain, so reading every area's attributes at start (geometry before them) read the whole geometry.
CREATE TABLE areas (
  id INTEGER PRIMARY KEY,
  layer TEXT NOT NULL REFERENCES layers(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  district_code TEXT NOT NULL REFERENCES districts(code),
  geometry_type TEXT NOT NULL,
  geometry_source TEXT,
  min_lon REAL NOT NULL, min_lat REAL NOT NULL, max_lon REAL NOT NULL, max_lat REAL NOT NULL,
  label_lon REAL NOT NULL, label_lat REAL NOT NULL,
  centroid_lon REAL NOT NULL, centroid_lat REAL NOT NULL,
  population INTEGER,
  category TEXT CHECK (category IN ('laa_target', 'social_capital', 'general')),
  category_extent TEXT CHECK (category_extent IN ('whole', 'part')),
  -- Share of residents the category certainly reaches (union over Output Areas); null when only an unspecified part.
  category_share REAL,
  -- 1 when category_share is a lower bound: an unspecified part of other residents may be reached too.
  category_share_at_least INTEGER NOT NULL DEFAULT 0,
  imd_decile INTEGER, imd_rank INTEGER, imd_score REAL,
  cni_score REAL, cni_rank INTEGER, left_behind INTEGER,
  geometry TEXT NOT NULL,
  UNIQUE (layer, code)
);
CREATE INDEX areas_code ON areas (code);

-- Spatial index over area bounding boxes; id = areas.id. Point look-ups test these candidates exactly.
CREATE VIRTUAL TABLE area_rtree USING rtree (id, min_lon, max_lon, min_lat, max_lat);

CREATE TABLE services (
  id TEXT PRIMARY KEY, ord INTEGER NOT NULL, short_name TEXT NOT NULL, gis_key TEXT NOT NULL, name TEXT NOT NULL,
  key_text TEXT NOT NULL, description TEXT NOT NULL
);

-- Appendix One rows: one row per (table, category), services as a JSON array of ids.
CREATE TABLE rules (
  table_name TEXT NOT NULL, category TEXT NOT NULL, row_label TEXT NOT NULL, services TEXT NOT NULL,
  PRIMARY KEY (table_name, category)
);

-- Every place listed in Appendix One, verbatim, with what it was resolved to.
CREATE TABLE appendix_entries (
  id INTEGER PRIMARY KEY, table_name TEXT NOT NULL, category TEXT NOT NULL, listed_as TEXT NOT NULL,
  extent TEXT NOT NULL, layer TEXT, codes TEXT NOT NULL, areas TEXT NOT NULL, method TEXT NOT NULL, note TEXT NOT NULL
);

-- How each resolution method is trusted (geodata/methods.csv).
CREATE TABLE methods (method TEXT PRIMARY KEY, confidence TEXT, lower_confidence INTEGER NOT NULL, description TEXT NOT NULL);

-- Provision inferred from the strategy text, not listed (geodata/provision.csv): services as a JSON array.
CREATE TABLE provisions (id TEXT PRIMARY KEY, kind TEXT NOT NULL, label TEXT NOT NULL, services TEXT NOT NULL, evidence TEXT NOT NULL);

-- Which entries apply to which area, how much of it (share of residents), through which source areas, and how sure.
CREATE TABLE area_designations (
  area_id INTEGER NOT NULL REFERENCES areas(id),
  entry_id INTEGER NOT NULL REFERENCES appendix_entries(id),
  extent TEXT NOT NULL CHECK (extent IN ('whole', 'part')),
  share REAL,
  via TEXT NOT NULL,
  method TEXT NOT NULL,
  confidence TEXT NOT NULL CHECK (confidence IN ('listed', 'resolved', 'inferred')),
  PRIMARY KEY (area_id, entry_id, confidence)
) WITHOUT ROWID;

-- Inferred provision reaching each area (countywide SCAT, RCC work in all other communities).
CREATE TABLE area_provisions (
  area_id INTEGER NOT NULL REFERENCES areas(id),
  provision_id TEXT NOT NULL REFERENCES provisions(id),
  services TEXT NOT NULL,
  extent TEXT NOT NULL CHECK (extent IN ('whole', 'part')),
  share REAL,
  PRIMARY KEY (area_id, provision_id)
) WITHOUT ROWID;

-- Each area's services: extent null = not available; share = residents certainly reached (union over Output Areas);
-- withheld_unparished = a listing ticks it, but residents there have no parish council.
CREATE TABLE area_services (
  area_id INTEGER NOT NULL REFERENCES areas(id),
  service TEXT NOT NULL REFERENCES services(id),
  extent TEXT CHECK (extent IN ('whole', 'part')),
  share REAL,
  withheld_unparished INTEGER NOT NULL,
  -- 1 when share is a lower bound ("at least"): an unspecified part of other residents may be reached too.
  share_at_least INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (area_id, service)
) WITHOUT ROWID;

-- The parishes and wards each LSOA covers, by share of its residents (Output Areas by best-fit parish and centroid ward).
CREATE TABLE lsoa_places (
  lsoa TEXT NOT NULL,
  layer TEXT NOT NULL CHECK (layer IN ('parishes', 'wards')),
  code TEXT NOT NULL,
  share REAL NOT NULL,
  PRIMARY KEY (lsoa, layer, code)
) WITHOUT ROWID;

-- Each area's residents by IMD 2025 decile (JSON array, decile 1 first), from its Output Areas' LSOAs.
CREATE TABLE area_imd_mix (
  layer TEXT NOT NULL,
  code TEXT NOT NULL,
  mix TEXT NOT NULL,
  PRIMARY KEY (layer, code)
) WITHOUT ROWID;

-- Census 2021 Output Areas, the blocks every figure is built from, kept so that a custom area (POST /api/profile)
-- is built the same way: its Output Areas are those whose population-weighted centroid it holds. areas is the JSON
-- array of the area holding the Output Area in each layer (LAYERS order). services has one letter per service
-- (SERVICE_IDS order) and categories one per category (CATEGORIES order): a = reaches all its residents, s = some
-- (an unspecified part), - = none; withheld has 1 per service a listing ticks here but withholds (no parish council).
CREATE TABLE output_areas (
  code TEXT PRIMARY KEY, lsoa TEXT NOT NULL, district_code TEXT NOT NULL, population INTEGER NOT NULL,
  lon REAL NOT NULL, lat REAL NOT NULL, areas TEXT NOT NULL,
  services TEXT NOT NULL, withheld TEXT NOT NULL, categories TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE postcodes (key TEXT PRIMARY KEY, postcode TEXT NOT NULL, lon REAL NOT NULL, lat REAL NOT NULL) WITHOUT ROWID;

-- The built-in group registers (GEODATA_DIR/groups, sources of this build), checked and placed at build
-- time: groups is the JSON array of located groups, each with its area code in every layer (LAYERS order).
CREATE TABLE builtin_registers (
  ord INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, source TEXT NOT NULL, file TEXT NOT NULL,
  left_out INTEGER NOT NULL, groups TEXT NOT NULL
);
`;
