// Reads the LSOA context indicators: English Indices of Deprivation 2025 and the
// Community Needs Index 2023. Every row must name an LSOA the boundary layer holds.
import { join } from 'node:path';
import { z } from 'zod';
import { readCsv } from '../formats/csv.ts';
import { BuildError } from '../formats/build-error.ts';

export interface LsoaContext {
  imdDecile: number;
  imdRank: number;
  imdScore: number;
  cniScore: number | null;
  cniRank: number | null;
  leftBehind: boolean | null;
}

const lsoaCode = z.string().regex(/^E01\d{6}$/, 'expected an LSOA code (E01…)');
const imdSchema = z.object({
  lsoa21_code: lsoaCode,
  IMD_decile: z.coerce.number().int().min(1).max(10),
  IMD_rank: z.coerce.number().int().positive(),
  IMD_score: z.coerce.number(),
});
const cniSchema = z.object({
  lsoa21_code: lsoaCode,
  'Community Needs Index 2023 Score': z.coerce.number(),
  'Community Needs Index 2023 Rank': z.coerce.number(),
  'Left Behind Area?': z.enum(['True', 'False']),
});

function keyed<T extends { lsoa21_code: string }>(rows: { line: number; value: T }[], file: string, known: ReadonlySet<string>) {
  const out = new Map<string, T>();
  for (const { line, value } of rows) {
    if (!known.has(value.lsoa21_code)) throw new BuildError(file, `line ${line}`, `LSOA ${value.lsoa21_code} is not in the LSOA layer`);
    if (out.has(value.lsoa21_code)) throw new BuildError(file, `line ${line}`, `LSOA ${value.lsoa21_code} appears twice`);
    out.set(value.lsoa21_code, value);
  }
  for (const code of known) if (!out.has(code)) throw new BuildError(file, null, `has no row for LSOA ${code}`);
  return out;
}

export function readLsoaContext(geodataDir: string, imdFile: string, cniFile: string, lsoaCodes: ReadonlySet<string>): Map<string, LsoaContext> {
  const imd = keyed(readCsv(join(geodataDir, imdFile), imdSchema, imdFile), imdFile, lsoaCodes);
  const cni = keyed(readCsv(join(geodataDir, cniFile), cniSchema, cniFile), cniFile, lsoaCodes);
  const out = new Map<string, LsoaContext>();
  for (const code of lsoaCodes) {
    const i = imd.get(code)!;
    const c = cni.get(code)!;
    out.set(code, {
      imdDecile: i.IMD_decile,
      imdRank: i.IMD_rank,
      imdScore: i.IMD_score,
      cniScore: c['Community Needs Index 2023 Score'],
      cniRank: Math.round(c['Community Needs Index 2023 Rank']),
      leftBehind: c['Left Behind Area?'] === 'True',
    });
  }
  return out;
}
