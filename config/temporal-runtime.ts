import type { LogLevel, LogMetadata, Logger as TemporalLogger } from '@temporalio/common';
import { makeTelemetryFilterString, Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';

const PINO_LEVEL: Record<LogLevel, 'trace' | 'debug' | 'info' | 'warn' | 'error'> = {
  TRACE: 'trace',
  DEBUG: 'debug',
  INFO: 'info',
  WARN: 'warn',
  ERROR: 'error',
};

/** Our workflow ids are complaint ids; the SDK names them workflowId (TS side) or workflow_id (core). */
export function complaintFields(meta: LogMetadata = {}): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...meta };
  const complaintId = meta.workflowId ?? meta.workflow_id;
  if (typeof complaintId === 'string') fields.complaintId = complaintId;
  return fields;
}

/** The Temporal SDK's Logger over pino: one JSON line shape for SDK, core and our own lines. */
export function temporalLogger(log: Logger): TemporalLogger {
  const write = (level: LogLevel, message: string, meta?: LogMetadata) =>
    log[PINO_LEVEL[level] ?? 'info'](complaintFields(meta), message);
  return {
    log: write,
    trace: (message, meta) => write('TRACE', message, meta),
    debug: (message, meta) => write('DEBUG', message, meta),
    info: (message, meta) => write('INFO', message, meta),
    warn: (message, meta) => write('WARN', message, meta),
    error: (message, meta) => write('ERROR', message, meta),
  };
}

/** pino's level as the SDK's (fatal and silent keep errors only): core logs below it are dropped in Rust. */
const SDK_LEVEL: Record<string, LogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN' };
const sdkLevel = (level: string): LogLevel => (Object.hasOwn(SDK_LEVEL, level) ? SDK_LEVEL[level]! : 'ERROR');

/**
 * The worker's Temporal runtime, installed before any connection: SDK and core logs forwarded into
 * pino, and the SDK's own Prometheus metrics on `metricsAddress` (host:port) when one is given.
 */
export function installTemporalRuntime(log: Logger, metricsAddress?: string): void {
  const level = sdkLevel(log.level);
  Runtime.install({
    logger: temporalLogger(log.child({ component: 'temporal' })),
    telemetryOptions: {
      logging: { filter: makeTelemetryFilterString({ core: level, other: 'ERROR' }), forward: {} },
      ...(metricsAddress ? { metrics: { prometheus: { bindAddress: metricsAddress } } } : {}),
    },
  });
}
