import { isIP } from 'node:net';
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
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

const metricsPort = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** What Fastify's trustProxy (proxy-addr) accepts: an address, a CIDR, or a named range. */
function isProxyAddress(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  if (/^\d{1,3}$/.test(prefix)) return Number(prefix) <= (family === 4 ? 32 : 128);
  return isIP(prefix) === family; // a netmask
}

/** The stack folder `npm start` uses unless STACK_DATA_DIR says otherwise (scripts/lib.sh). */
export const MAIN_STACK_DATA_DIR = path.join('.stack', 'data', 'main');

/**
 * The staff file the running stack reads: STAFF_FILE, else staff.json in STACK_DATA_DIR, else in
 * the main stack's folder, as scripts/main.sh sets it. `ladder staff` writes the same file.
 */
export function staffFileOf(source: { STAFF_FILE?: string | undefined; STACK_DATA_DIR?: string | undefined }): string {
  return source.STAFF_FILE || path.join(source.STACK_DATA_DIR || MAIN_STACK_DATA_DIR, 'staff.json');
}

export const EnvSchema = z.object({
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(COMPLAINT_TASK_QUEUE),
  /** TLS to Temporal Cloud or a self-hosted cluster: mTLS cert/key files, or an API key. */
  TEMPORAL_TLS: flag,
  TEMPORAL_TLS_CERT_PATH: z.string().optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().optional(),
  /** The CA (PEM) that signed the server's certificate, for a cluster with a private CA. */
  TEMPORAL_TLS_CA_PATH: z.string().optional(),
  TEMPORAL_API_KEY: z.string().optional(),

  KAFKA_BROKERS: list.default(['127.0.0.1:9092']),
  KAFKA_CLIENT_ID: z.string().min(1).default('complaint-ladder'),
  /** TLS to the brokers; implied by any of the PEM files below (a private CA, a client certificate for mTLS). */
  KAFKA_SSL: flag,
  KAFKA_SSL_CA_PATH: z.string().optional(),
  KAFKA_SSL_CERT_PATH: z.string().optional(),
  KAFKA_SSL_KEY_PATH: z.string().optional(),
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
  /** The staff directory: ids, roles, dealer scopes and salted token hashes (never tokens). Default: staffFileOf. */
  STAFF_FILE: z.string().min(1).optional(),
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
  /**
   * Failed bearer tokens one client may present per window before its failed ones get 429. A
   * valid token is never refused; failed ones are answered more slowly, up to the max delay.
   */
  AUTH_FAILURE_LIMIT: positiveInt(10),
  AUTH_FAILURE_WINDOW_SECONDS: positiveInt(60),
  AUTH_FAILURE_MAX_DELAY_MS: z.coerce.number().int().min(0).max(60_000).default(2000),
  /**
   * Proxies whose X-Forwarded-For names the client (addresses, CIDRs, or loopback / linklocal /
   * uniquelocal), comma-separated. Default none: the client is the socket's peer.
   */
  LADDER_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((s) =>
      (s ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .refine(
      (entries) => entries.every(isProxyAddress),
      'expected addresses or CIDRs (e.g. 10.0.0.5,192.168.0.0/16), or loopback',
    ),
  /**
   * Shared by the stack's own processes: the API proves itself to the analytics process with it,
   * and the worker signs webhook deliveries with it (activities/webhook-signature.ts). Unset: read
   * from LADDER_INTERNAL_SECRET_FILE, made on first start.
   */
  LADDER_INTERNAL_SECRET: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.string().min(32, 'expected at least 32 characters (e.g. `openssl rand -hex 32`)').optional(),
  ),
  /** Default: internal-secret in STACK_DATA_DIR (or .stack/). */
  LADDER_INTERNAL_SECRET_FILE: z.string().min(1).optional(),
  /**
   * AES-256-GCM keys for every Temporal payload, `id:<base64 of 32 bytes>` comma-separated: the
   * first encrypts, all decrypt (docs/temporal-security.md). Unset: LADDER_PAYLOAD_KEYS_FILE,
   * made on first start. Never drop a key while histories it wrote are kept.
   */
  LADDER_PAYLOAD_KEYS: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  /** Default: payload-keys in STACK_DATA_DIR (or .stack/). */
  LADDER_PAYLOAD_KEYS_FILE: z.string().min(1).optional(),
  /**
   * HMAC keys (32+ bytes) with which the API signs the actor of every start and Update and the
   * worker checks it, same shape and rotation. Unset: LADDER_ACTOR_KEYS_FILE, made on first start.
   */
  LADDER_ACTOR_KEYS: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(1).optional()),
  /** Default: actor-keys in STACK_DATA_DIR (or .stack/). */
  LADDER_ACTOR_KEYS_FILE: z.string().min(1).optional(),
  /** Origins (e.g. the Temporal UI's) allowed to call the codec endpoint /v1/codec from a browser. */
  LADDER_CODEC_CORS_ORIGINS: z
    .string()
    .optional()
    .transform((s) =>
      (s ?? '')
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .refine(
      (origins) => origins.every((o) => /^https?:\/\/[^/\s]+$/.test(o)),
      'expected origins such as http://127.0.0.1:8233, comma-separated',
    ),
  /** The analytics process serves its reports here, on loopback by default; the API proxies /v1/analytics to it. */
  ANALYTICS_HOST: z.string().default('127.0.0.1'),
  ANALYTICS_PORT: z.coerce.number().int().min(1).max(65535).default(3100),
  ANALYTICS_URL: z.string().url().default('http://127.0.0.1:3100'),
  /** Each process's Prometheus GET /metrics on a port of its own (metrics/registry.ts); 0 turns one off. */
  METRICS_HOST: z.string().default('127.0.0.1'),
  API_METRICS_PORT: metricsPort(9461),
  WORKER_METRICS_PORT: metricsPort(9462),
  ANALYTICS_METRICS_PORT: metricsPort(9463),
  /** The Temporal SDK's own exporter, on 127.0.0.1; the worker's /metrics serves its lines too. */
  TEMPORAL_SDK_METRICS_PORT: metricsPort(9464),
  /** OTLP/HTTP base URL (e.g. http://collector:4318): spans go to <url>/v1/traces. Unset: no tracing. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .string()
    .optional()
    .transform((v) => v || undefined) // empty, as compose passes an unset one: off
    .refine(
      (v) => v === undefined || /^https?:\/\/[^/\s]+(\/\S*)?$/.test(v),
      'expected an http(s) URL such as http://127.0.0.1:4318',
    ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof EnvSchema> & {
  POLICY_REGISTRY_FILE: string;
  LADDER_LOOKUP_KEY_FILE: string;
  LADDER_INTERNAL_SECRET_FILE: string;
  STAFF_FILE: string;
} & {
  LADDER_PAYLOAD_KEYS_FILE: string;
  LADDER_ACTOR_KEYS_FILE: string;
};

export class ConfigError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  if (env.KAFKA_SASL_MECHANISM && !(env.KAFKA_SASL_USERNAME && env.KAFKA_SASL_PASSWORD)) {
    throw new ConfigError(
      'invalid environment:\n  KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD: required with KAFKA_SASL_MECHANISM',
    );
  }
  if (Boolean(env.TEMPORAL_TLS_CERT_PATH) !== Boolean(env.TEMPORAL_TLS_KEY_PATH)) {
    throw new ConfigError('invalid environment:\n  TEMPORAL_TLS_CERT_PATH/TEMPORAL_TLS_KEY_PATH: give both or neither');
  }
  if (Boolean(env.KAFKA_SSL_CERT_PATH) !== Boolean(env.KAFKA_SSL_KEY_PATH)) {
    throw new ConfigError('invalid environment:\n  KAFKA_SSL_CERT_PATH/KAFKA_SSL_KEY_PATH: give both or neither');
  }
  const dataDir = env.STACK_DATA_DIR ?? '.stack';
  return {
    ...env,
    POLICY_REGISTRY_FILE: env.POLICY_REGISTRY_FILE ?? path.join(dataDir, 'policy-registry.json'),
    LADDER_LOOKUP_KEY_FILE: env.LADDER_LOOKUP_KEY_FILE ?? path.join(dataDir, 'lookup-key'),
    LADDER_INTERNAL_SECRET_FILE: env.LADDER_INTERNAL_SECRET_FILE ?? path.join(dataDir, 'internal-secret'),
    LADDER_PAYLOAD_KEYS_FILE: env.LADDER_PAYLOAD_KEYS_FILE ?? path.join(dataDir, 'payload-keys'),
    LADDER_ACTOR_KEYS_FILE: env.LADDER_ACTOR_KEYS_FILE ?? path.join(dataDir, 'actor-keys'),
    STAFF_FILE: staffFileOf(env),
  };
}
