import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { testWorkflowBundle } from '../support/stack';
import { testWorkerDataConverter } from '../support/temporal-keys';

/**
 * Histories recorded from real runs of every released workflow version (test/replay/histories,
 * written by the end-to-end test with RECORD_HISTORIES=<name>). Replaying them against today's
 * code fails on any non-deterministic change: guard such changes with patched()/deprecatePatch().
 */
const dir = path.resolve(__dirname, '../replay/histories');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));

describe('replaying recorded complaint histories', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('replays %s without non-determinism', async (file) => {
    const history = historyFromJSON(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    // Through the worker's codec, as in production: older histories hold plain payloads, which it passes on.
    await Worker.runReplayHistory(
      { workflowBundle: testWorkflowBundle(), dataConverter: testWorkerDataConverter() },
      history,
      file,
    );
  });
});
