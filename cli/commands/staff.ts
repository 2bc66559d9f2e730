import { Command, Option } from 'commander';
import { addStaff, StaffDirectoryError } from '../../api/staff-directory';
import { ROLES } from '../../domain/staff';
import { CliFailure, EXIT } from '../failure';
import { contextOf } from '../context';

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((d) => d.trim()).filter(Boolean)];

/**
 * `ladder staff add` writes the staff file directly, no API call: the API re-reads the file when
 * it changes. The token is printed once; the file keeps only its salted hash.
 */
export function staffCommand(): Command {
  const staff = new Command('staff').description('staff administration (works on the staff file, offline)');
  staff
    .command('add')
    .description('add a staff member and print their API token, once')
    .requiredOption('--id <id>', 'staff id: letters, digits, "-" or "_"')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>').choices(ROLES).makeOptionMandatory())
    .requiredOption('--dealer <id>', 'dealer scope; repeat or comma-separate for several, "*" for all', collect)
    .addOption(new Option('--staff-file <file>', 'the staff directory file').env('STAFF_FILE').default('.stack/staff.json'))
    .action((o: { id: string; name: string; role: string; dealer: string[]; staffFile: string }, command: Command) => {
      const ctx = contextOf(command);
      let added;
      try {
        added = addStaff({ id: o.id, name: o.name, role: o.role as (typeof ROLES)[number], dealers: o.dealer }, o.staffFile);
      } catch (err) {
        if (err instanceof StaffDirectoryError) throw new CliFailure(err.message, EXIT.failed, { error: 'staff_directory', message: err.message });
        throw err;
      }
      const { token, staff: member } = added;
      ctx.print({ staff: member, token, staffFile: o.staffFile }, () =>
        [
          `Added ${member.name} (${member.id}, ${member.role}) for ${member.dealers.join(', ')} to ${o.staffFile}.`,
          'Token, shown only now (the staff file keeps its hash); use it as LADDER_TOKEN or --token:',
          token,
        ].join('\n'),
      );
    });
  return staff;
}
