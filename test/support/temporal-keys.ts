import { parseKeyring } from '../../config/keyring';
import { signingClientOptions, uiCodecs, workerDataConverter, type TemporalKeys } from '../../temporal/data-converter';

/**
 * The payload and actor keys of every test client and worker, as the API and the worker share
 * theirs in production: everything the tests write to Temporal is encrypted and signed.
 */
const key = (fill: string) => Buffer.alloc(32, fill).toString('base64');
export const TEST_TEMPORAL_KEYS: TemporalKeys = {
  payload: parseKeyring(`test-p1:${key('p')}`, 'test payload keys', { bytes: 32 }),
  actor: parseKeyring(`test-a1:${key('a')}`, 'test actor keys'),
};

/** A client like the API's. On the time-skipping server pass its clock, or signatures look old. */
export const testClientOptions = (now?: () => number | Promise<number>) =>
  signingClientOptions(TEST_TEMPORAL_KEYS, now ? { now } : {});
export const testWorkerDataConverter = () => workerDataConverter(TEST_TEMPORAL_KEYS);
export const testUiCodecs = () => uiCodecs(TEST_TEMPORAL_KEYS);
