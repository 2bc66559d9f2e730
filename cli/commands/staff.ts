import path from 'node:path';
import { Command, Option } from 'commander';
import { staffFileOf } from '../../config/env';
import { addStaff, expiryFrom, revokeStaff, StaffDirectoryError } from '../../api/staff-directory';
import { ROLES } from '../../domain/staff';
import { CliFailure, EXIT, usageError } from '../failure';
import { contextOf } from '../context';

const collect = (value: string, previous: string[] = []) => [
  ...previous,
  ...value
    .split(',')
    .map((d) => d.trim())
    .filter(Boolean),
];

/** By default the file `npm start` hands the API (scripts/main.sh), so a new token works on the running stack. */
const fileOptions = (command: Command) =>
  command
    .addOption(
      new Option('--staff-file <file>', 'the staff directory file (default: staff.json in the stack data folder)').env(
        'STAFF_FILE',
      ),
    )
    .addOption(
      new Option(
        '--stack-data-dir <dir>',
        'the stack whose staff file to use (default: .stack/data/main, as npm start)',
      ).env('STACK_DATA_DIR'),
    );

const fileOf = (o: { staffFile?: string; stackDataDir?: string }) =>
  path.resolve(staffFileOf({ STAFF_FILE: o.staffFile, STACK_DATA_DIR: o.stackDataDir }));

function directoryFailure(err: unknown): never {
  if (err instanceof StaffDirectoryError)
    throw new CliFailure(err.message, EXIT.failed, { error: 'staff_directory', message: err.message });
  throw err;
}

/**
 * `ladder staff add` and `ladder staff revoke` write the staff file directly, no API call: the
 * API re-reads the file when it changes. The token is printed once; the file keeps only its
 * salted hash. Both say which file they wrote, since a file the API does not read helps no one.
 */
export function staffCommand(): Command {
  const staff = new Command('staff').description('staff administration (works on the staff file, offline)');
  const add = staff
    .command('add')
    .description(
      'add a staff member and print their API token, once (an id whose token was revoked or expired gets a new one)',
    )
    .requiredOption('--id <id>', 'staff id: letters, digits, "-" or "_"')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>').choices(ROLES).makeOptionMandatory())
    .requiredOption('--dealer <id>', 'dealer scope; repeat or comma-separate for several, "*" for all', collect)
    .option(
      '--expires <when>',
      'the token stops working after a duration ("90d", "12h") or at an ISO date ("2026-12-31", midnight UTC)',
    );
  fileOptions(add).action(
    (
      o: {
        id: string;
        name: string;
        role: string;
        dealer: string[];
        expires?: string;
        staffFile?: string;
        stackDataDir?: string;
      },
      command: Command,
    ) => {
      const ctx = contextOf(command);
      const file = fileOf(o);
      const now = ctx.now();
      let expiresAt: string | undefined;
      if (o.expires !== undefined) {
        expiresAt = expiryFrom(o.expires, now) ?? undefined;
        if (!expiresAt)
          throw usageError(
            `--expires: expected a duration like "90d" or an ISO date like "2026-12-31", got ${JSON.stringify(o.expires)}`,
          );
      }
      let added: ReturnType<typeof addStaff>;
      try {
        added = addStaff(
          {
            id: o.id,
            name: o.name,
            role: o.role as (typeof ROLES)[number],
            dealers: o.dealer,
            ...(expiresAt ? { expiresAt } : {}),
          },
          file,
          now,
        );
      } catch (err) {
        directoryFailure(err);
      }
      const { token, staff: member, replaced } = added;
      ctx.print(
        {
          staff: member,
          token,
          staffFile: file,
          expiresAt: added.expiresAt ?? null,
          ...(replaced ? { replaced } : {}),
        },
        () =>
          [
            `${replaced ? `Issued a new token (the old one was ${replaced}) for` : 'Added'} ${member.name} (${member.id}, ${member.role}) for ${member.dealers.join(', ')} to ${file}.`,
            added.expiresAt
              ? `The token expires on ${added.expiresAt}.`
              : 'The token does not expire; `ladder staff revoke` ends it.',
            'Token, shown only now (the staff file keeps its hash); use it as LADDER_TOKEN or --token:',
            token,
          ].join('\n'),
      );
    },
  );
  const revoke = staff
    .command('revoke')
    .description("revoke a staff member's token: the API refuses it from the next request, without a restart")
    .argument('<id>', 'staff id');
  fileOptions(revoke).action((id: string, o: { staffFile?: string; stackDataDir?: string }, command: Command) => {
    const ctx = contextOf(command);
    const file = fileOf(o);
    let revoked: ReturnType<typeof revokeStaff>;
    try {
      revoked = revokeStaff(id, file, ctx.now());
    } catch (err) {
      directoryFailure(err);
    }
    const { staff: member, revokedAt, already } = revoked;
    ctx.print({ staff: member, revokedAt, alreadyRevoked: already, staffFile: file }, () =>
      already
        ? `The token of ${member.name} (${member.id}) was already revoked on ${revokedAt} in ${file}.`
        : `Revoked the token of ${member.name} (${member.id}) in ${file}; the API refuses it from now on.`,
    );
  });
  return staff;
}
