import { Writable } from 'node:stream';
import pino from 'pino';
import { complaintFields, temporalLogger } from '../../config/temporal-runtime';

describe('Temporal SDK logs through pino', () => {
  it('writes SDK lines as pino lines at their level, with the complaint id of the workflow', () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const log = temporalLogger(pino({ level: 'debug' }, sink));
    log.warn('Workflow task failed', { sdkComponent: 'workflow', workflowId: 'CL-D1-20261202-ABC123', runId: 'r1' });
    log.log('DEBUG', 'Activity completed', { workflowId: 'CL-D1-20261202-ABC123' });
    log.trace('too fine', {});
    log.info('Worker state changed', { sdkComponent: 'worker', state: 'RUNNING' });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        msg: 'Workflow task failed',
        complaintId: 'CL-D1-20261202-ABC123',
        workflowId: 'CL-D1-20261202-ABC123',
        sdkComponent: 'workflow',
      }),
      expect.objectContaining({ level: 20, msg: 'Activity completed', complaintId: 'CL-D1-20261202-ABC123' }),
      expect.objectContaining({ level: 30, msg: 'Worker state changed', state: 'RUNNING' }),
    ]);
    expect(lines[2]).not.toHaveProperty('complaintId');
  });

  it("takes core's workflow_id too, and never a non-string", () => {
    expect(complaintFields({ workflow_id: 'CL-1' })).toMatchObject({ complaintId: 'CL-1' });
    expect(complaintFields({ workflowId: 42 })).not.toHaveProperty('complaintId');
  });
});
