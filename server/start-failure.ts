// Turns a start-up failure over a file (a folder where a database should be, a locked, read-only or
// unreachable file, a full disk) into one line saying what, where and what to do, for a supervisor's log.
import { statSync } from 'node:fs';

/** A start-up step failed in a way that was explained; main prints `line` and exits 1. */
export class StartFailure extends Error {
  constructor(readonly line: string) {
    super(line);
  }
}

const isFolder = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** One line for a failure of `what` (e.g. "the registers database") at `path`, set by the `setting` environment variable. */
export function explainFileFailure(err: unknown, what: string, path: string, setting: string): string {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const why = (() => {
    if (isFolder(path)) return `${path} is a folder, not a database file; move it aside or set ${setting} to a file path`;
    if (/^SQLITE_(BUSY|LOCKED)/.test(code)) return `${path} is locked by another process (another server or an import running on it); stop that process, or give this server its own file with ${setting}`;
    if (/^SQLITE_FULL|^ENOSPC/.test(code)) return `the disk holding ${path} is full; free some space and restart`;
    if (/^SQLITE_READONLY|^EACCES|^EPERM|^EROFS/.test(code)) return `${path} (or its folder) is read-only for this user; make it writable or set ${setting} to a writable path`;
    if (/^SQLITE_CANTOPEN|^ENOENT|^ENOTDIR/.test(code)) return `${path} cannot be opened (its folder is missing or not accessible); create the folder or set ${setting}`;
    if (/^SQLITE_(CORRUPT|NOTADB)/.test(code)) return `${path} is damaged (${(err as Error).message}); move it aside and restart`;
    return `${path}: ${(err as Error)?.message ?? String(err)}`;
  })();
  return `[atlas] cannot start: ${what}: ${why}`;
}

/** Runs one start-up step over a file, turning its failure into a StartFailure with one clear line. */
export function overFile<T>(what: string, path: string, setting: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    // A build's own failure (a missing or bad source file) already says what and where.
    if (err instanceof StartFailure || (err as Error)?.name === 'BuildError') throw err;
    throw new StartFailure(explainFileFailure(err, what, path, setting));
  }
}
