import path from 'node:path';
import { loadEnv, staffFileOf } from '../../config/env';

describe('the auth settings of the environment', () => {
  it('names the staff file the running stack reads, the same for the API and `ladder staff`', () => {
    expect(loadEnv({}).STAFF_FILE).toBe(path.join('.stack', 'data', 'main', 'staff.json'));
    expect(loadEnv({ STACK_DATA_DIR: '/data/test' }).STAFF_FILE).toBe('/data/test/staff.json');
    expect(loadEnv({ STACK_DATA_DIR: '/data/test', STAFF_FILE: '/etc/ladder/staff.json' }).STAFF_FILE).toBe(
      '/etc/ladder/staff.json',
    );
    expect(staffFileOf({ STAFF_FILE: '', STACK_DATA_DIR: '' })).toBe(loadEnv({}).STAFF_FILE);
  });

  it('trusts no proxy unless told, and takes addresses, CIDRs and named ranges', () => {
    expect(loadEnv({}).LADDER_TRUSTED_PROXIES).toEqual([]);
    expect(loadEnv({ LADDER_TRUSTED_PROXIES: '' }).LADDER_TRUSTED_PROXIES).toEqual([]);
    expect(
      loadEnv({ LADDER_TRUSTED_PROXIES: ' 10.0.0.5, 192.168.0.0/16 ,fd00::/8,loopback,10.1.0.0/255.255.0.0' })
        .LADDER_TRUSTED_PROXIES,
    ).toEqual(['10.0.0.5', '192.168.0.0/16', 'fd00::/8', 'loopback', '10.1.0.0/255.255.0.0']);
  });

  it('refuses a trusted proxy that is not an address, naming the setting', () => {
    for (const bad of ['proxy.internal', '10.0.0.0/33', '10.0.0.1/8/8', '*', '10.0.0.0/ffff::']) {
      expect(() => loadEnv({ LADDER_TRUSTED_PROXIES: bad })).toThrow(
        /LADDER_TRUSTED_PROXIES: expected addresses or CIDRs/,
      );
    }
  });

  it('caps how long a failed sign-in is held back, 2 s unless told', () => {
    expect(loadEnv({}).AUTH_FAILURE_MAX_DELAY_MS).toBe(2000);
    expect(loadEnv({ AUTH_FAILURE_MAX_DELAY_MS: '0' }).AUTH_FAILURE_MAX_DELAY_MS).toBe(0);
    expect(() => loadEnv({ AUTH_FAILURE_MAX_DELAY_MS: '-1' })).toThrow(/AUTH_FAILURE_MAX_DELAY_MS/);
  });
});

describe('the observability settings of the environment', () => {
  it('serves metrics on loopback ports 9461–9464 unless told, 0 turning one off', () => {
    expect(loadEnv({})).toMatchObject({
      METRICS_HOST: '127.0.0.1',
      API_METRICS_PORT: 9461,
      WORKER_METRICS_PORT: 9462,
      ANALYTICS_METRICS_PORT: 9463,
      TEMPORAL_SDK_METRICS_PORT: 9464,
    });
    expect(loadEnv({ WORKER_METRICS_PORT: '0' }).WORKER_METRICS_PORT).toBe(0);
    expect(() => loadEnv({ API_METRICS_PORT: '65536' })).toThrow(/API_METRICS_PORT/);
  });

  it('traces only with an http(s) OTLP endpoint, an empty one meaning off', () => {
    expect(loadEnv({}).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(loadEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(loadEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).OTEL_EXPORTER_OTLP_ENDPOINT).toBe(
      'http://collector:4318',
    );
    expect(() => loadEnv({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT: expected an http\(s\) URL/,
    );
  });
});
