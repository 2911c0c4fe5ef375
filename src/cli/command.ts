/**
 * What every LifeCircle command shares: option parsing, --help, --quiet, and turning input
 * errors into a message and exit code 2 (anything else is a bug and is thrown).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../io/network.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export const OUTPUT_OPTIONS = { out: { type: 'string' }, quiet: { type: 'boolean' }, help: { type: 'boolean' } } as const;

export async function runCommand<O extends Options>(
  argv: string[], options: O, help: string, log: (s: string) => void,
  body: (args: ReturnType<typeof parseArgs<{ options: O }>>['values'], say: (s: string) => void) => Promise<number>,
): Promise<number> {
  let args: ReturnType<typeof parseArgs<{ options: O }>>['values'];
  try {
    args = parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    console.error(`error: ${(e as Error).message}\n\n${help}`);
    return 2;
  }
  const flags = args as { help?: boolean; quiet?: boolean };
  if (flags.help) { log(help); return 0; }
  try {
    return await body(args, flags.quiet ? () => {} : log);
  } catch (e) {
    if (e instanceof InputError) { console.error(`error: ${e.message}`); return 2; }
    throw e;
  }
}

/** Runs `main` when the module is the script node was started with. */
export function runIfMain(moduleUrl: string, main: (argv: string[]) => Promise<number>): void {
  if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(moduleUrl)) {
    main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
  }
}
