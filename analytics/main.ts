import { loadEnv } from '../config/env';
import { kafkaSettings } from '../config/kafka';
import { createLogger } from '../config/logger';
import { createEventLog } from '../kafka';
import { startReader } from './reader';
import { createAnalyticsServer } from './server';

/** The analytics process: rebuild projections from offset 0, then follow the stream and serve reports. */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = createLogger('analytics', env.LOG_LEVEL);
  const eventLog = createEventLog(kafkaSettings(env, 'analytics'), log.child({ component: 'kafka' }));
  const reader = await startReader({ eventLog, log });
  const server = createAnalyticsServer(reader);
  server.listen(env.ANALYTICS_PORT, env.API_HOST, () => log.info({ port: env.ANALYTICS_PORT }, 'analytics listening'));

  const shutdown = async () => {
    server.close();
    await reader.stop();
    log.info('analytics stopped');
    process.exit(0);
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
