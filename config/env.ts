import path from 'node:path';
import { z } from 'zod';
import { COMPLAINT_TASK_QUEUE } from '../temporal/vocabulary';

/**
 * The one configuration object of every process, read once from the environment at start-up.
 * Nothing deeper in the code reads process.env.
 */
const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const list = z
  .string()
  .min(1)
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

export const EnvSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(COMPLAINT_TASK_QUEUE),
  /** TLS to Temporal Cloud or a self-hosted cluster: mTLS cert/key files, or an API key. */
  TEMPORAL_TLS: flag,
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),

  KAFKA_BROKERS: list.default(['127.0.0.1:9092']),
  KAFKA_CLIENT_ID: z.string().min(1).default('complaint-ladder'),
  KAFKA_SSL: flag,
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  KAFKA_REPLICATION_FACTOR: positiveInt(1),

  /** The dealership's policy file (clocks, calendar, caps, roster); see config/policies/. */
  POLICY_FILE: z.string().min(1).default('config/policies/default.json'),
  /**
   * Every policy version loaded so far and a fingerprint of its content, so a file edited without a
   * new version is refused. Default: policy-registry.json in STACK_DATA_DIR (or .stack/).
   */
  POLICY_REGISTRY_FILE: z.string().min(1).optional(),
  /** One stack's data folder (scripts/lib.sh); only the defaults of the files above use it. */
  STACK_DATA_DIR: z.string().min(1).optional(),

  WORKER_MAX_CACHED_WORKFLOWS: positiveInt(500),
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: positiveInt(40),
  WORKER_MAX_CONCURRENT_ACTIVITIES: positiveInt(100),
  WORKFLOW_BUNDLE_PATH: z.string().default('dist/workflow-bundle.js'),

  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The staff directory: ids, roles, dealer scopes and salted token hashes (never tokens). */
  STAFF_FILE: z.string().min(1).default('.stack/staff.json'),
  /**
   * The secret under which customers' phones and names are hashed for search (api/customer-keys.ts).
   * Unset: read from LADDER_LOOKUP_KEY_FILE, which is made on first start. Keep it: a new key
   * cannot find complaints opened under the old one by phone or name.
   */
  LADDER_LOOKUP_KEY: z.preprocess(
    (v) => (v === '' ? undefined : v), // docker compose passes an unset variable as ""
    z.string().min(32, 'expected at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
  ),
  /** Default: lookup-key in STACK_DATA_DIR (or .stack/). */
  LADDER_LOOKUP_KEY_FILE: z.string().min(1).optional(),
  /** Request bodies above this many bytes get 413. */
  API_BODY_LIMIT_BYTES: positiveInt(64 * 1024),
  /** Failed bearer tokens one client may present per window before it gets 429. */
  AUTH_FAILURE_LIMIT: positiveInt(10),
  AUTH_FAILURE_WINDOW_SECONDS: positiveInt(60),
  /** The analytics process serves its reports here; the API proxies /v1/analytics to it. */
  ANALYTICS_PORT: z.coerce.number().int().min(1).max(65535).default(3100),
  ANALYTICS_URL: z.string().url().default('http://127.0.0.1:3100'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema> & { POLICY_REGISTRY_FILE: string; LADDER_LOOKUP_KEY_FILE: string };

export class ConfigError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.KAFKA_SASL_MECHANISM && !(env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD)) {
    throw new ConfigError('invalid environment:\n  KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM');
  }
  if (Boolean(env.TEMPORAL_TLS_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_KEY_PATH)) {
    throw new ConfigError('invalid environment:\n  TEMPORAL_TLS_CERT_PATH/TEMPORAL_TLS_KEY_PATH: give both or neither');
  }
  const dataDir = env.STACK_DATA_DIR ?? '.stack';
  return {
    ...env,
    POLICY_REGISTRY_FILE: env.POLICY_REGISTRY_FILE ?? path.join(dataDir, 'policy-registry.json'),
    LADDER_LOOKUP_KEY_FILE: env.LADDER_LOOKUP_KEY_FILE ?? path.join(dataDir, 'lookup-key'),
  };
}
