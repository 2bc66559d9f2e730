import type { LiveFeed } from './live';
import type { Client } from '@temporalio/client';
import type { Policy } from '../domain/policy';
import type { PageTokens } from './complaints';
import type { CustomerKeyer } from './customer-keys';
import type { StaffDirectory } from './staff-directory';

/** Reachability checks for GET /v1/health; each resolves when its system answers. */
export interface HealthProbes {
  temporal(): Promise<void>;
  kafka(): Promise<void>;
}

/** What the routes share: injected by buildApp, so tests can build an app in-process. */
export interface RouteContext {
  client: Client;
  namespace: string;
  taskQueue: string;
  /** The policy in force now, looked up on each read: read it once per intake. */
  readonly policy: Policy;
  staff: StaffDirectory;
  health: HealthProbes;
  pageTokens: PageTokens;
  /** Hashes customers' phones and names for intake and search. */
  customerKeys: CustomerKeyer;
  now: () => number;
  randomSuffix: () => string;
  /** Changes as they happen, for GET /v1/live; absent when the API runs without Kafka. */
  live?: LiveFeed;
}
