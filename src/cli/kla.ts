#!/usr/bin/env node
/**
 * `kla`: the command line over the same domain code as the app. Run with
 *   npm run --silent kla -- <command> ...
 * (tsx runs the TypeScript directly: no build step.)
 *
 * Exit status: 0 ok; 1 the command ran but found problems; 2 bad input or usage.
 * Each command lives in ./commands/<name>.ts and is registered in COMMANDS.
 */
import { fileURLToPath } from 'node:url';
import { UsageError, type Command, type Io } from './common';
import { score } from './commands/score';
import { classifyCommand } from './commands/classify';
import { checkCommand } from './commands/check';
import { verify } from './commands/verify';
import { province } from './commands/province';

const COMMANDS: Record<string, { run: Command; usage: string }> = {
  score: { run: score, usage: 'kla score <answers.json | file.kla> [--rules <rules.json>]   score {"<code>": points} or the answers in an exchange file; prints JSON' },
  classify: { run: classifyCommand, usage: 'kla classify <file>... [--top N] [--explain]   group/indicator of .txt/.md/.pdf/.docx; JSON lines' },
  check: { run: checkCommand, usage: 'kla check <folder>   subfolders named after groups/indicators; flags misfiled files; JSON lines' },
  province: { run: province, usage: 'kla province <folder> [--json]   every city .kla of a folder side by side: score, predicate, groups, questions without evidence' },
  verify: { run: verify, usage: 'kla verify <file.kla> [--passphrase <p>]   check an exchange file; prints JSON, exit 1 if refused' },
};

const usage = () => `Usage:\n${Object.values(COMMANDS).map((c) => `  ${c.usage}`).join('\n')}\nExit status: 0 ok, 1 problems found, 2 bad input.`;

export async function main(argv: string[], io: Io = { out: (s) => process.stdout.write(s + '\n'), err: (s) => process.stderr.write(s + '\n') }): Promise<number> {
  const [cmd, ...args] = argv;
  if (!cmd || cmd === '-h' || cmd === '--help') {
    io.out(usage());
    return cmd ? 0 : 2;
  }
  const c = COMMANDS[cmd];
  try {
    if (!c) throw new UsageError(`unknown command "${cmd}"\n${usage()}`);
    return await c.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`kla: ${e.message}`);
      return 2;
    }
    io.err(`kla: unexpected error: ${(e as Error).stack ?? e}`);
    return 2;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  // exitCode, not process.exit(): exit() would cut output still queued for a pipe (at 64 KiB)
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
