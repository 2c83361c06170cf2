// The port through which the API asks how many community groups each area holds. The registers
// module implements it (server/registers/group-registers.ts); NO_GROUPS stands in where none are loaded.
import type { Comparison } from '../domain/density.ts';
import type { LayerId } from '../registry/layers.ts';

export interface RegisterSummary {
  name: string;
  rows: number;
  source: string;
  importedAt: string;
  /** Which published density figure this register may be compared with (the Radix paper's); 'none' for partial registers. */
  comparison: Comparison;
  /** Groups placed in one of the county's areas, so counted in the densities (rows less those left uncounted). */
  counted?: number;
}

/** A register as the API names it (snake_case, like every /api answer). */
export const registerSummaryJson = (r: RegisterSummary) => ({ name: r.name, rows: r.rows, counted: r.counted, source: r.source, imported_at: r.importedAt, comparison: r.comparison });

export interface GroupCounts {
  /** The registers that exist, in a stable order. */
  registers(): RegisterSummary[];
  /** Changes whenever any register is imported or replaced; part of every cache key that includes counts. */
  version(): string;
  /** Groups per area code of the layer, counting only the named registers (all when null). Areas with none may be absent. */
  counts(layer: LayerId, registers: readonly string[] | null): ReadonlyMap<string, number>;
  /**
   * The counted groups of the named registers (all when null), each with its point and the area code it
   * counts in per layer (LAYERS order): a custom area counts those in its polygon or its chosen areas.
   */
  counted(registers: readonly string[] | null): readonly CountedGroup[];
  /** Calls the listener (soon after, not during) whenever the counts change: an import or deletion, here or by the CLI. */
  onChange?(listener: () => void): void;
}

export interface CountedGroup {
  point: readonly [number, number];
  placement: readonly (string | null)[];
}

export const NO_GROUPS: GroupCounts = {
  counted: () => [],
  registers: () => [],
  version: () => 'none',
  counts: () => new Map(),
};
