// Where a build's time and memory go: wall and CPU time (every thread of the process, tile workers
// included) and resident memory at the end of each phase, with the process's peak so far.

export interface BuildPhase {
  name: string;
  ms: number;
  cpuMs: number;
  /** Resident memory when the phase ended, and the highest it has been since the process started. */
  rssMB: number;
  peakMB: number;
}

/** Memory in MiB, as GNU time and bench:scale report peak RSS, so the figures compare directly. */
const MIB = 1024 * 1024;

export class PhaseClock {
  readonly phases: BuildPhase[] = [];
  private at = performance.now();
  private cpu = process.cpuUsage();

  /** Ends the current phase under `name` and starts the next. */
  mark(name: string): void {
    const now = performance.now();
    const cpu = process.cpuUsage(this.cpu);
    this.phases.push({
      name,
      ms: Math.round(now - this.at),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      rssMB: Math.round(process.memoryUsage.rss() / MIB),
      peakMB: Math.round(process.resourceUsage().maxRSS / 1024),
    });
    this.at = now;
    this.cpu = process.cpuUsage();
  }
}

/** One line per phase, for the build's console summary. */
export const describePhases = (phases: readonly BuildPhase[]) =>
  phases.map((p) => `${p.name} ${(p.ms / 1000).toFixed(1)} s (CPU ${(p.cpuMs / 1000).toFixed(1)} s), RSS ${p.rssMB} MB, peak ${p.peakMB} MB`);
