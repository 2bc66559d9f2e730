import { Command, Option } from 'commander';
import type { ListItem } from '../../api/complaints';
import { LIST_STATUSES } from '../../api/vocabulary';
import type { ComplaintState } from '../../domain/complaint';
import type { ApiClient } from '../api-client';
import { CATEGORIES, CHANNELS, SEVERITIES, STAGES } from '../../domain/ladder';
import { contextOf } from '../context';
import { intakeBody, type IntakeFlags } from '../intake';
import { renderActionResult, renderComplaint, renderList } from '../render';
import { formatTime } from '../text';
import { positiveInt } from './parse';

interface ComplaintBody {
  complaint: ComplaintState;
}
export interface ListBody {
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

/** GETs `path` with `params`, following nextPageToken while `all`; what `ladder list`, `search` and `queue` print. */
export async function listPages(
  client: ApiClient,
  path: string,
  params: Record<string, string | number | undefined>,
  opts: { all?: boolean | undefined; pageToken?: string | undefined },
): Promise<ListBody> {
  const items: ListItem[] = [];
  let pageToken = opts.pageToken;
  let next: string | null;
  do {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params))
      if (value !== undefined && value !== '') query.set(name, String(value));
    if (pageToken) query.set('pageToken', pageToken);
    const qs = query.toString();
    const { body } = await client.get<ListBody>(`${path}${qs ? `?${qs}` : ''}`);
    items.push(...body.items);
    next = body.nextPageToken;
    pageToken = next ?? undefined;
  } while (opts.all && next);
  return { items, nextPageToken: next };
}

type PageFlags = { pageSize?: number; pageToken?: string; all?: boolean };
const withPaging = (command: Command) =>
  command
    .option('--page-size <n>', 'complaints per page (1–200)', positiveInt('--page-size'))
    .option('--page-token <token>', 'the next page, from a previous list')
    .option('--all', 'follow every page');

export function listCommand(): Command {
  return withPaging(
    new Command('list')
      .description("list complaints you may see (your dealers'), newest first")
      .addOption(new Option('--stage <stage>').choices(STAGES))
      .addOption(
        new Option(
          '--status <status>',
          'terminated, failed, timed_out, canceled: workflows that ended without closing',
        ).choices(LIST_STATUSES),
      )
      .option('--dealer <id>', 'one dealer only')
      .option('--owner <staffId>', 'complaints this staff member owns (首问责任)'),
  ).action(
    async (
      flags: PageFlags & { stage?: string; status?: string; dealer?: string; owner?: string },
      command: Command,
    ) => {
      const ctx = contextOf(command);
      const params = {
        stage: flags.stage,
        status: flags.status,
        dealerId: flags.dealer,
        owner: flags.owner,
        pageSize: flags.pageSize,
      };
      const body = await listPages(ctx.client(), '/v1/complaints', params, flags);
      ctx.print(body, (b) => renderList(b.items, b.nextPageToken, ctx.now(), ctx.style));
    },
  );
}

export function searchCommand(): Command {
  return withPaging(
    new Command('search')
      .description("find complaints by complaint id, plate, VIN, repair-order number, or the customer's name or phone")
      .argument('<text>', 'e.g. 沪A12345, a VIN, RO-2026-0001, 刘先生 or 138-1234-5678')
      .addOption(new Option('--status <status>').choices(LIST_STATUSES))
      .option('--dealer <id>', 'one dealer only'),
  ).action(async (text: string, flags: PageFlags & { status?: string; dealer?: string }, command: Command) => {
    const ctx = contextOf(command);
    const params = { q: text, status: flags.status, dealerId: flags.dealer, pageSize: flags.pageSize };
    const body = await listPages(ctx.client(), '/v1/complaints', params, flags);
    ctx.print(body, (b) => renderList(b.items, b.nextPageToken, ctx.now(), ctx.style));
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
