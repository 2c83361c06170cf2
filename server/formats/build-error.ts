// A source file the build (pipeline or built-in registers) cannot use, named with where the problem is
// (file, feature or line) and what it is, so the person running the build can fix it without reading code.

export class BuildError extends Error {
  constructor(
    readonly file: string,
    readonly where: string | null,
    readonly problem: string,
  ) {
    super(`${file}${where ? `: ${where}` : ''}: ${problem}`);
    this.name = 'BuildError';
  }
}

/** First zod issue as "field "x": message", the form every build error uses. */
export function describeIssue(issue: { path: PropertyKey[]; message: string }): string {
  const field = issue.path.map(String).join('.');
  return field ? `field "${field}": ${issue.message}` : issue.message;
}
