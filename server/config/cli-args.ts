// Command-line arguments for every operator command (build, import, export, synthetic data): --help
// prints the usage and exits 0; an unknown flag, a missing value or a wrong number of operands prints
// what is wrong and the usage, and exits 2, before the command touches anything.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CliSpec<O extends Options> {
  /** The usage text, first line "usage: …", shown on --help and after any mistake. */
  usage: string;
  options: O;
  /** How many operands (arguments that are not flags) the command takes. */
  operands: { min: number; max: number };
}

/** Stops the command with a usage error: the problem, then the usage, on stderr; exit status 2. */
export function usageError(problem: string, usage: string): never {
  console.error(`${problem}\n${usage}`);
  process.exit(2);
}

/** Parses argv strictly: unknown flags are refused (Node's parseArgs names them), --help/-h prints the usage. */
export function parseCli<O extends Options>(spec: CliSpec<O>, argv: string[] = process.argv.slice(2)) {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(spec.usage);
    process.exit(0);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: spec.options, allowPositionals: true, strict: true });
  } catch (err) {
    return usageError((err as Error).message, spec.usage);
  }
  const { min, max } = spec.operands;
  const extra = parsed.positionals.slice(max);
  if (parsed.positionals.length < min) usageError(`missing ${min === 1 ? 'an operand' : `operands (${min} needed)`}`, spec.usage);
  if (extra.length) usageError(`unexpected ${extra.length > 1 ? 'operands' : 'operand'}: ${extra.join(' ')}`, spec.usage);
  return parsed;
}
