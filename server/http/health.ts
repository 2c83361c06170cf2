// Whether this instance should get traffic: /api/health answers 503 (so a load balancer or supervisor
// stops routing here) while a database check has found damage or database reads have failed recently.
import { HttpProblem } from './problem.ts';

/** SQLite's codes for a file that cannot be read as a database (damage, I/O, gone), as better-sqlite3 names them. */
const DATABASE_FAILURE = /^SQLITE_(CORRUPT|NOTADB|IOERR|CANTOPEN|FULL|READONLY_DBMOVED)/;
/** A read failure keeps the instance unhealthy this long after it was last seen. */
export const READ_FAILURE_WINDOW_MS = 60_000;

export class HealthWatch {
  private damage: string | null = null;
  private lastFailure: { at: number; what: string } | null = null;
  private failureCount = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** A check (start-up or the background quick_check) found the database damaged: unhealthy until restarted. */
  databaseDamaged(problem: string): void {
    this.damage = problem;
  }

  /** Called with every error a request ended in; database failures are remembered. */
  sawError(err: unknown): void {
    const code = String((err as { code?: unknown } | null)?.code ?? '');
    if (!DATABASE_FAILURE.test(code)) return;
    this.failureCount++;
    this.lastFailure = { at: this.now(), what: code };
  }

  /** Why the instance is unhealthy (empty when healthy); `probe` reads each database once and throws if it cannot. */
  problems(probe: () => void): string[] {
    const found: string[] = [];
    if (this.damage) found.push(`the database check found damage (${this.damage}); restart the server to rebuild it`);
    if (this.lastFailure && this.now() - this.lastFailure.at < READ_FAILURE_WINDOW_MS)
      found.push(`${this.failureCount} database read${this.failureCount === 1 ? '' : 's'} failed, the last ${Math.round((this.now() - this.lastFailure.at) / 1000)} s ago (${this.lastFailure.what})`);
    try {
      probe();
    } catch (err) {
      found.push(`a database read failed (${String((err as { code?: unknown }).code ?? (err as Error).message)})`);
    }
    return found;
  }

  /** Throws the 503 problem /api/health answers with when unhealthy. */
  assertHealthy(probe: () => void): void {
    const problems = this.problems(probe);
    if (problems.length) throw new HttpProblem(503, 'Service unavailable', problems.join('; '), { status_detail: problems });
  }
}
