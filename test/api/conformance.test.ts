import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createLiveFeed, type LiveFeed } from '../../api/live';
import { createEventLog } from '../../kafka';
import { startAnalytics } from '../support/real-stack';
import { requireEnv } from '../support/stack';
import { testUiCodecs } from '../support/temporal-keys';
import { ROLE_IDS, startApi, type ApiHarness } from './harness';

/**
 * schemathesis (PyPI, pinned in infra/versions.env, installed into .stack/venv by
 * scripts/install.sh) against the API on a real port: every operation of /v1/openapi.json,
 * --checks all, every phase including the stateful one, which walks intake's links to the
 * actions, with a token per role. The document is the contract: a failure is a bug in it or in a
 * handler. The few things schemathesis cannot know are configured in conformance.toml and
 * conformance_hooks.py, each with its reason.
 */
const ROOT = path.resolve(__dirname, '../..');
const SCHEMATHESIS = path.join(ROOT, '.stack/venv/bin/schemathesis');
/** Test cases per operation and phase; the run takes a minute or two on two cores. */
const MAX_EXAMPLES = process.env.CONFORMANCE_MAX_EXAMPLES ?? '30';
/** Fixed, so a red run is reproducible; set CONFORMANCE_SEED to explore. */
const SEED = process.env.CONFORMANCE_SEED ?? '20260301';
const RUN_MS = 8 * 60_000;

describe('the OpenAPI document against the running API (schemathesis)', () => {
  let api: ApiHarness;
  let analytics: Awaited<ReturnType<typeof startAnalytics>>;
  let live: LiveFeed;
  let baseUrl: string;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-conformance-'));

  beforeAll(async () => {
    const eventLog = createEventLog(
      { brokers: requireEnv('KAFKA_BROKERS').split(','), clientId: `conformance-${randomUUID()}` },
      pino({ level: 'silent' }),
    );
    analytics = await startAnalytics(eventLog);
    live = createLiveFeed(eventLog, pino({ level: 'silent' }));
    // Every route wired as in production (reports, live changes, the codec), so none answers 503.
    // Failed sign-ins are held back by design, and the fuzzer sends them on purpose (ignored_auth):
    // no hold-back here, so the run keeps to its budget; auth-limits.test.ts tests the limiter.
    api = await startApi({
      analyticsUrl: analytics.url,
      live,
      codecs: testUiCodecs(),
      authFailures: { limit: 1_000_000, windowMs: 60_000, maxDelayMs: 0 },
    });
    await api.app.listen({ host: '127.0.0.1', port: 0 });
    baseUrl = `http://127.0.0.1:${(api.app.server.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await live?.close();
    await analytics?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'finds no failure with --checks all, every phase and a token per role',
    async () => {
      if (!existsSync(SCHEMATHESIS)) {
        throw new Error(
          `${SCHEMATHESIS} is missing: run \`bash scripts/install.sh\` (npm test does), which pip-installs schemathesis into .stack/venv`,
        );
      }
      writeFileSync(path.join(dir, 'schemathesis.toml'), configFor(api, dir));
      const args = [
        '--config-file',
        path.join(dir, 'schemathesis.toml'),
        'run',
        `${baseUrl}/v1/openapi.json`,
        '--checks',
        'all',
        '--phases',
        'examples,coverage,fuzzing,stateful',
        '--max-examples',
        MAX_EXAMPLES,
        '--seed',
        SEED,
        // One worker: the venv's CPython 3.11.7 can fail ast.parse in concurrent threads
        // ("AST constructor recursion depth mismatch"), which hypothesis calls to describe lambdas.
        '--workers',
        '1',
        '--generation-database',
        'none',
        '--no-color',
      ];
      const started = Date.now();
      const { code, output } = await run(SCHEMATHESIS, args, { cwd: dir, timeoutMs: RUN_MS - 30_000 });
      const seconds = Math.round((Date.now() - started) / 1000);
      if (code !== 0)
        throw new Error(
          `schemathesis exited ${code} after ${seconds} s (seed ${SEED}, --max-examples ${MAX_EXAMPLES}):\n${output}`,
        );
      const summary = output
        .split('\n')
        .filter((l) => /Operations:|Scenarios:|API Links:|generated|passed|in [\d.]+s =/.test(l));
      process.stdout.write(
        `schemathesis: ${seconds} s, seed ${SEED}, --max-examples ${MAX_EXAMPLES}\n${summary.join('\n')}\n`,
      );
    },
    RUN_MS,
  );
});

/**
 * conformance.toml, with what only this run knows: the hooks' path, a token per role (least
 * privileged first: schemathesis moves an operation on to the next identity when it answers 401
 * or 403), and the test data it cannot guess (the dealer the tokens serve, its staff ids).
 */
function configFor(api: ApiHarness, dir: string): string {
  const users: { name: string; token: string }[] = (Object.keys(ROLE_IDS) as (keyof typeof ROLE_IDS)[]).map((role) => ({
    name: role,
    token: api.tokens[role],
  }));
  users.push({ name: 'other_dealer', token: api.otherDealerToken });
  const wfc = path.join(dir, 'auth.json');
  writeFileSync(
    wfc,
    JSON.stringify({
      schemaVersion: '0.1.0',
      auth: users.map(({ name, token }) => ({
        name,
        fixedHeaders: [{ name: 'Authorization', value: `Bearer ${token}` }],
      })),
    }),
  );
  const staffIds = Object.values(api.tokens).map((token) => token.split('.')[0]);
  return [
    `hooks = ${JSON.stringify(path.join(__dirname, 'conformance_hooks.py'))}`,
    readFileSync(path.join(__dirname, 'conformance.toml'), 'utf8'),
    `[dictionaries.dealers]\nvalues = ${JSON.stringify([api.dealer])}`,
    `[dictionaries.colleagues]\nvalues = ${JSON.stringify(staffIds)}`,
    '[parameters]',
    '"body.dealerId" = { dictionary = "dealers", probability = 0.9 }',
    '"query.dealerId" = { dictionary = "dealers", probability = 0.5 }',
    '"body.owner" = { dictionary = "colleagues", probability = 0.5 }',
    '[[operations]]\ninclude-operation-id = "handOver"\nparameters = { "body.to" = { dictionary = "colleagues", probability = 0.9 } }',
    // The other dealer's manager is a peer who must never see this dealer's complaints (object_level_authorization).
    `[auth.wfc]\npath = ${JSON.stringify(wfc)}\npeers = ["customer_service", "other_dealer"]`,
    '',
  ].join('\n');
}

function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; timeoutMs: number },
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, COLUMNS: '160' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), opts.timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
