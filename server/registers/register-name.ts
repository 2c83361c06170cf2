// Register names and the errors a register operation can end in. Names go into URLs and the
// comma-separated `registers=` parameter, so they are short lower-case slugs.
import type { ImportReport } from './import-report.ts';

export const REGISTER_NAME = /^[a-z0-9][a-z0-9_-]{0,47}$/;

/** A refused register operation: an HTTP status for the API, the detail for people, the report when there is one. */
export class RegisterError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly report: ImportReport | null = null,
    /** Set when trying again later may succeed (the Retry-After of the HTTP answer). */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(detail);
    this.name = 'RegisterError';
  }
}

export function checkRegisterName(name: string | undefined, builtin: readonly string[]): string {
  const n = (name ?? '').trim();
  if (n === '') throw new RegisterError(400, 'Bad request', 'register name is required (the "register" parameter or form field, or --register NAME)');
  if (!REGISTER_NAME.test(n))
    throw new RegisterError(400, 'Bad request', `register name "${n}" must be 1–48 lower-case letters, digits, "-" or "_", starting with a letter or digit`);
  if (builtin.includes(n)) throw new RegisterError(409, 'Built-in register', `"${n}" is a built-in register loaded from GEODATA_DIR; choose another name`);
  return n;
}
