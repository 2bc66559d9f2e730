import { Argument, Command, Option } from 'commander';
import { CONTACT_METHODS, PAUSE_REASONS } from '../../domain/actions';
import { DEFECT_AREAS } from '../../domain/closing';
import type { ComplaintState } from '../../domain/complaint';
import { STAGES } from '../../domain/ladder';
import { REMEDY_TYPES } from '../../domain/remedy';
import { contextOf } from '../context';
import { usageError } from '../failure';
import { readJsonFile } from '../intake';
import { renderActionResult } from '../render';
import { complaintPath } from './complaints';
import { amount } from './parse';

/**
 * One command per staff or supervisor action, each a POST under /v1/complaints/:id/. The API
 * answers with the complaint after the action; the summary shows where it now stands.
 */
async function act(
  command: Command,
  id: string,
  path: string,
  body: Record<string, unknown>,
  hint?: (state: ComplaintState) => string | undefined,
): Promise<void> {
  const ctx = contextOf(command);
  const { body: answer } = await ctx.client().post<{ complaint: ComplaintState }>(`${complaintPath(id)}/${path}`, body);
  ctx.print(answer, (a) => {
    const extra = hint?.(a.complaint);
    return renderActionResult(a.complaint, ctx.now(), ctx.style) + (extra ? `\n  ${extra}` : '');
  });
}

/** After a proposal: the remedy's id, and the command that moves it on. */
function nextForRemedy(id: string) {
  return (state: ComplaintState) => {
    const remedy = state.remedies[state.remedies.length - 1];
    if (!remedy) return undefined;
    const next =
      remedy.status === 'awaiting_approval'
        ? `ladder approve ${id} ${remedy.remedyId}`
        : `ladder decide ${id} ${remedy.remedyId} accept|decline`;
    return `remedy ${remedy.remedyId} is ${remedy.status.replace('_', ' ')}; next: ${next}`;
  };
}

/** Leaves out flags that were not given, so the API applies its own defaults. */
const given = (fields: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));

const complaintArg = () => new Argument('<complaintId>', 'the complaint id, e.g. CL-DEMO01-20260302-7K3QX9');

export function actionCommands(): Command[] {
  return [
    new Command('ack')
      .alias('acknowledge')
      .description('acknowledge the complaint: the first response at this stage (meets respond-by)')
      .addArgument(complaintArg())
      .option('--note <text>')
      .action((id: string, o: { note?: string }, cmd: Command) => act(cmd, id, 'acknowledge', given({ note: o.note }))),

    new Command('contact')
      .description('log a contact with the customer (meets respond-by)')
      .addArgument(complaintArg())
      .addOption(new Option('--method <method>').choices(CONTACT_METHODS).makeOptionMandatory())
      .requiredOption('--summary <text>', 'what was said')
      .action((id: string, o: { method: string; summary: string }, cmd: Command) =>
        act(cmd, id, 'contacts', { method: o.method, summary: o.summary }),
      ),

    new Command('propose')
      .description("propose a remedy; over your compensation cap it waits for a manager's approval")
      .addArgument(complaintArg())
      .addOption(new Option('--type <type>').choices(REMEDY_TYPES).makeOptionMandatory())
      .option('--amount <amount>', "in the policy's currency (default 0)", amount)
      .requiredOption('--description <text>', 'what the customer is offered')
      .action((id: string, o: { type: string; amount?: number; description: string }, cmd: Command) =>
        act(
          cmd,
          id,
          'remedies',
          given({ type: o.type, amount: o.amount, description: o.description }),
          nextForRemedy(id),
        ),
      ),

    new Command('approve')
      .description("approve a remedy that is over its proposer's cap")
      .addArgument(complaintArg())
      .argument('<remedyId>')
      .action((id: string, remedyId: string, _o: unknown, cmd: Command) =>
        act(cmd, id, `remedies/${encodeURIComponent(remedyId)}/approve`, {}),
      ),

    new Command('decide')
      .description("record the customer's decision on a proposed remedy")
      .addArgument(complaintArg())
      .argument('<remedyId>')
      .addArgument(new Argument('<decision>').choices(['accept', 'decline']))
      .option('--note <text>')
      .action((id: string, remedyId: string, decision: string, o: { note?: string }, cmd: Command) =>
        act(cmd, id, `remedies/${encodeURIComponent(remedyId)}/decision`, given({ decision, note: o.note })),
      ),

    new Command('escalate')
      .description('climb to a higher stage now')
      .addArgument(complaintArg())
      .addOption(new Option('--to <stage>').choices(STAGES).makeOptionMandatory())
      .addOption(
        new Option('--driver <who>', 'customer: they went over our heads; supervisor: we chose to')
          .choices(['customer', 'supervisor'])
          .makeOptionMandatory(),
      )
      .requiredOption('--reason <text>')
      .action((id: string, o: { to: string; driver: string; reason: string }, cmd: Command) =>
        act(cmd, id, 'escalate', { to: o.to, driver: o.driver, reason: o.reason }),
      ),

    new Command('pause')
      .description("pause the complaint's clocks (supervisors)")
      .addArgument(complaintArg())
      .addOption(new Option('--reason <reason>').choices(PAUSE_REASONS).makeOptionMandatory())
      .option('--note <text>')
      .action((id: string, o: { reason: string; note?: string }, cmd: Command) =>
        act(cmd, id, 'pause', given({ reason: o.reason, note: o.note })),
      ),

    new Command('resume')
      .description('resume paused clocks (supervisors)')
      .addArgument(complaintArg())
      .option('--note <text>')
      .action((id: string, o: { note?: string }, cmd: Command) => act(cmd, id, 'resume', given({ note: o.note }))),

    new Command('extend')
      .description('extend the respond-by or resolve-by deadline (supervisors)')
      .addArgument(complaintArg())
      .addOption(new Option('--clock <clock>').choices(['respond', 'resolve']).makeOptionMandatory())
      .requiredOption('--by <duration>', 'e.g. 4h, 1d, 1h30m (business time)')
      .requiredOption('--reason <text>')
      .action((id: string, o: { clock: string; by: string; reason: string }, cmd: Command) =>
        act(cmd, id, 'extend', { clock: o.clock, by: o.by, reason: o.reason }),
      ),

    new Command('resolve')
      .description('resolve: after an accepted remedy, or an upheld-policy decision with a reason (tier 2+)')
      .addArgument(complaintArg())
      .addOption(new Option('--kind <kind>').choices(['remedy_accepted', 'upheld_policy']).default('remedy_accepted'))
      .option('--reason <text>', 'required for upheld_policy')
      .action((id: string, o: { kind: string; reason?: string }, cmd: Command) =>
        act(cmd, id, 'resolve', given({ kind: o.kind, reason: o.reason })),
      ),

    new Command('follow-up')
      .description('record the follow-up call (回访); not satisfied reopens the complaint')
      .addArgument(complaintArg())
      .addOption(
        new Option('--satisfied', 'the customer is satisfied (closed once the closing report is in)').conflicts([
          'notSatisfied',
          'unreachable',
        ]),
      )
      .addOption(
        new Option('--not-satisfied', 'the customer is not satisfied (reopens at the same stage)').conflicts(
          'unreachable',
        ),
      )
      .addOption(new Option('--unreachable', 'nobody answered: another call is planned, up to the policy limit'))
      .option('--customer-called', 'the customer called us before the call was due')
      .option('--note <text>')
      .action(
        (
          id: string,
          o: {
            satisfied?: boolean;
            notSatisfied?: boolean;
            unreachable?: boolean;
            customerCalled?: boolean;
            note?: string;
          },
          cmd: Command,
        ) => {
          if (!o.satisfied && !o.notSatisfied && !o.unreachable)
            throw usageError('say how the call went: --satisfied, --not-satisfied or --unreachable');
          const outcome = o.unreachable ? 'unreachable' : o.satisfied ? 'satisfied' : 'not_satisfied';
          return act(cmd, id, 'follow-up', given({ outcome, customerCalled: o.customerCalled, note: o.note }));
        },
      ),

    new Command('hand-over')
      .description(
        'hand the complaint over to a colleague (首问责任 passes on), with a note of what was promised and what is pending',
      )
      .addArgument(complaintArg())
      .requiredOption('--to <staffId>', 'the colleague who owns it from now on')
      .requiredOption('--note <text>', 'what was promised to the customer, what is pending (交接清楚)')
      .action((id: string, o: { to: string; note: string }, cmd: Command) =>
        act(cmd, id, 'hand-over', { to: o.to, note: o.note }),
      ),

    new Command('take')
      .description('take a complaint whose owner cannot act on its rung: a hand-over to yourself')
      .addArgument(complaintArg())
      .option('--note <text>', 'default: "taken over by <your name>"')
      .action((id: string, o: { note?: string }, cmd: Command) => act(cmd, id, 'take', given({ note: o.note }))),

    new Command('close')
      .description('close with the root cause (and the reflection report from formal_complaint up)')
      .addArgument(complaintArg())
      .addOption(new Option('--root-cause <kind>').choices(['incidental', 'process_defect']).makeOptionMandatory())
      .addOption(new Option('--area <area>', 'where the process defect sits').choices(DEFECT_AREAS))
      .option('--defect <text>', 'what the process defect is')
      .option(
        '--reflection-file <file.json>',
        'the reflection report (反思报告) as JSON: customerThoughts, customerNeeds, wrongBelief, wrongBehaviour, badConsequence, rightBelief, rightBehaviour, goodResult',
      )
      .option(
        '--reason <text>',
        'why it closes without a satisfied follow-up (required once the customer could not be reached)',
      )
      .action(
        (
          id: string,
          o: { rootCause: string; area?: string; defect?: string; reflectionFile?: string; reason?: string },
          cmd: Command,
        ) => {
          if (o.rootCause === 'process_defect' && (!o.area || !o.defect))
            throw usageError('--root-cause process_defect needs --area and --defect');
          if (o.rootCause === 'incidental' && (o.area || o.defect))
            throw usageError('--area and --defect go with --root-cause process_defect');
          const rootCause =
            o.rootCause === 'incidental'
              ? { kind: 'incidental' }
              : { kind: 'process_defect', area: o.area, description: o.defect };
          const reflection = o.reflectionFile ? readJsonFile(o.reflectionFile, 'reflection file') : undefined;
          return act(cmd, id, 'close', given({ rootCause, reflection, reason: o.reason }));
        },
      ),
  ];
}
