#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { actionCommands } from './commands/actions';
import { healthCommand, listCommand, openCommand, searchCommand, showCommand } from './commands/complaints';
import { queueCommand } from './commands/queues';
import { reportCommand } from './commands/report';
import { staffCommand } from './commands/staff';
import { CliFailure, EXIT } from './failure';
import { positiveInt } from './commands/parse';
import { jsonSafe, terminalSafe } from './safe-text';

/** `ladder`: the complaint ladder from a terminal or a script, over the HTTP API. */
function program(): Command {
  const ladder = new Command('ladder')
    .description('Complaint Ladder: open, follow and act on dealership complaints through the HTTP API')
    .version(version(), '-V, --version')
    .addOption(new Option('--api-url <url>', 'API base URL').env('LADDER_API_URL').default('http://127.0.0.1:3000'))
    .addOption(new Option('--token <token>', 'your staff token (from `ladder staff add`)').env('LADDER_TOKEN'))
    .option('--json', "print the API's JSON answer instead of text (for scripts)")
    .option('--no-color', 'no colour (also off when not a terminal or when NO_COLOR is set)')
    .addOption(
      new Option('--timeout <seconds>', 'give up on the API after this long')
        .default(30)
        .argParser(positiveInt('--timeout')),
    )
    .showHelpAfterError('(run with --help for usage)')
    // Usage errors throw instead of exiting, so main() decides the exit code (2).
    .exitOverride();
  for (const command of [
    openCommand(),
    listCommand(),
    searchCommand(),
    queueCommand(),
    showCommand(),
    ...actionCommands(),
    reportCommand(),
    healthCommand(),
    staffCommand(),
  ]) {
    ladder.addCommand(inherit(command, ladder));
  }
  return ladder;
}

/** Subcommands made with `new Command` do not inherit exitOverride and the help hint on their own. */
function inherit(command: Command, parent: Command): Command {
  command.copyInheritedSettings(parent);
  for (const sub of command.commands) inherit(sub, command);
  return command;
}

function version(): string {
  try {
    return (require('../../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  try {
    await program().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      // commander has printed the problem (or the help/version) already
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof CliFailure) {
      process.stderr.write(
        json
          ? `${jsonSafe(JSON.stringify(err.body ?? { error: 'failed', message: err.message }))}\n`
          : `ladder: ${terminalSafe(err.message)}\n`,
      );
      return err.exitCode;
    }
    process.stderr.write(
      `ladder: unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    return EXIT.failed;
  }
}

void main(process.argv).then((code) => {
  process.exitCode = code;
});
