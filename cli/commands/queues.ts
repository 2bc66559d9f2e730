import { Argument, Command } from 'commander';
import { QUEUE_NAMES, type QueueName } from '../../api/vocabulary';
import { contextOf } from '../context';
import { renderList, renderQueueCounts } from '../render';
import { listPages } from './complaints';
import { positiveInt } from './parse';

interface QueueCounts {
  queues: { name: QueueName; description: string; count: number }[];
}

/** `ladder queue`: counts per queue; `ladder queue NAME`: that queue's complaints, earliest deadline first. */
export function queueCommand(): Command {
  return new Command('queue')
    .description(
      'your work queues: without a name, how many complaints wait in each; with one, those complaints, earliest deadline first',
    )
    .addArgument(new Argument('[name]', 'the queue').choices(QUEUE_NAMES))
    .option('--dealer <id>', 'one dealer only')
    .option('--page-size <n>', 'complaints per page (1–200)', positiveInt('--page-size'))
    .option('--page-token <token>', 'the next page, from a previous listing')
    .option('--all', 'follow every page (each page is sorted on its own)')
    .action(
      async (
        name: QueueName | undefined,
        flags: { dealer?: string; pageSize?: number; pageToken?: string; all?: boolean },
        command: Command,
      ) => {
        const ctx = contextOf(command);
        const client = ctx.client();
        if (!name) {
          const qs = flags.dealer ? `?${new URLSearchParams({ dealerId: flags.dealer })}` : '';
          const { body } = await client.get<QueueCounts>(`/v1/queues${qs}`);
          ctx.print(body, (b) => renderQueueCounts(b.queues, ctx.style));
          return;
        }
        const page = await listPages(
          client,
          `/v1/queues/${name}`,
          { dealerId: flags.dealer, pageSize: flags.pageSize },
          flags,
        );
        ctx.print({ queue: name, ...page }, (b) => renderList(b.items, b.nextPageToken, ctx.now(), ctx.style));
      },
    );
}
