import { Command, Option } from 'commander';
import type { ListItem } from '../../api/complaints';
import { COMPLAINT_STATUSES, type ComplaintState } from '../../domain/complaint';
import { CATEGORIES, CHANNELS, SEVERITIES, STAGES } from '../../domain/ladder';
import { contextOf } from '../context';
import { intakeBody, type IntakeFlags } from '../intake';
import { renderActionResult, renderComplaint, renderList } from '../render';
import { formatTime } from '../text';
import { positiveInt } from './parse';

interface ComplaintBody {
  complaint: ComplaintState;
}
interface ListBody {
  items: ListItem[];
  nextPageToken: string | null;
}
interface HealthBody {
  status: 'ok' | 'degraded';
  temporal: string;
  kafka: string;
}

export const complaintPath = (id: string) => `/v1/complaints/${encodeURIComponent(id)}`;

export function openCommand(): Command {
  return new Command('open')
    .description('open a complaint (intake); you are recorded as the staff member who received it')
    .option('--file <intake.json>', 'read the intake from a JSON file (flags override its fields)')
    .option('--dealer <id>', 'dealer id')
    .option('--customer-name <name>', "customer's name")
    .option('--phone <phone>', "customer's phone")
    .option('--plate <plate>', 'licence plate')
    .option('--vin <vin>', 'VIN (17 characters)')
    .option('--ro <number>', 'repair-order number')
    .addOption(new Option('--channel <channel>', 'how it came in').choices(CHANNELS))
    .addOption(new Option('--category <category>', 'what it is about').choices(CATEGORIES))
    .addOption(new Option('--severity <severity>').choices(SEVERITIES))
    .option('--description <text>', 'what the customer says happened')
    .addOption(new Option('--stage <stage>', 'starting stage (default: from the channel)').choices(STAGES))
    .option('--reported-by-staff', 'staff found the failure before the customer raised it (latent)')
    .option('--idempotency-key <key>', 'retrying with the same key returns the same complaint')
    .action(async (flags: IntakeFlags & { idempotencyKey?: string }, command: Command) => {
      const ctx = contextOf(command);
      const body = intakeBody(flags);
      const headers: Record<string, string> = flags.idempotencyKey ? { 'idempotency-key': flags.idempotencyKey } : {};
      const { status, body: answer } = await ctx.client().post<ComplaintBody>('/v1/complaints', body, headers);
      ctx.print(answer, (a) => {
        const verb = status === 200 ? 'Already opened (same Idempotency-Key):' : 'Opened';
        return `${verb} ${renderActionResult(a.complaint, ctx.now(), ctx.style)}`;
      });
    });
}

export function listCommand(): Command {
  return new Command('list')
    .description("list complaints you may see (your dealers'), newest first")
    .addOption(new Option('--stage <stage>').choices(STAGES))
    .addOption(new Option('--status <status>').choices(COMPLAINT_STATUSES))
    .option('--dealer <id>', 'one dealer only')
    .option('--owner <staffId>', 'complaints this staff member owns (首问责任)')
    .option('--page-size <n>', 'complaints per page (1–200)', positiveInt('--page-size'))
    .option('--page-token <token>', 'the next page, from a previous list')
    .option('--all', 'follow every page')
    .action(async (flags: { stage?: string; status?: string; dealer?: string; owner?: string; pageSize?: number; pageToken?: string; all?: boolean }, command: Command) => {
      const ctx = contextOf(command);
      const client = ctx.client();
      const items: ListItem[] = [];
      let pageToken = flags.pageToken;
      let next: string | null;
      do {
        const query = new URLSearchParams();
        if (flags.stage) query.set('stage', flags.stage);
        if (flags.status) query.set('status', flags.status);
        if (flags.dealer) query.set('dealerId', flags.dealer);
        if (flags.owner) query.set('owner', flags.owner);
        if (flags.pageSize) query.set('pageSize', String(flags.pageSize));
        if (pageToken) query.set('pageToken', pageToken);
        const qs = query.toString();
        const { body } = await client.get<ListBody>(`/v1/complaints${qs ? `?${qs}` : ''}`);
        items.push(...body.items);
        next = body.nextPageToken;
        pageToken = next ?? undefined;
      } while (flags.all && next);
      ctx.print({ items, nextPageToken: next }, (b) => renderList(b.items, b.nextPageToken, ctx.now(), ctx.style));
    });
}

export function showCommand(): Command {
  return new Command('show')
    .description('show a complaint: the ladder, its clocks, remedies and audit trail')
    .argument('<complaintId>')
    .action(async (id: string, _flags: unknown, command: Command) => {
      const ctx = contextOf(command);
      const { body } = await ctx.client().get<ComplaintBody>(complaintPath(id));
      ctx.print(body, (b) => renderComplaint(b.complaint, ctx.now(), ctx.style));
    });
}

export function healthCommand(): Command {
  return new Command('health')
    .description('whether the API can reach Temporal and Kafka (no token needed)')
    .action(async (_flags: unknown, command: Command) => {
      const ctx = contextOf(command);
      const client = ctx.client();
      const { status, body } = await client.get<HealthBody>('/v1/health', { accept: [503] });
      ctx.print(body, (b) => {
        const mark = (v: string) => (v === 'ok' ? ctx.style.green(v) : ctx.style.red(v));
        return `API ${client.baseUrl}: ${mark(b.status)} at ${formatTime(ctx.now())}\n  temporal  ${mark(b.temporal)}\n  kafka     ${mark(b.kafka)}`;
      });
      if (status !== 200) process.exitCode = 1;
    });
}
