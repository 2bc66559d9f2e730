/**
 * The payload codec's cost: per payload, the worker's decode (decrypt, check the actor's signature)
 * plus the API's encode (sign, encrypt), and how much bigger each payload gets. The ceiling is the
 * JSON payload converter alone, which every payload pays anyway. In-process, on fresh keys.
 */
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import defaultPolicy from '../config/policies/default.json';
import type { Intake } from '../domain/complaint';
import { parsePolicy } from '../domain/policy';
import { openComplaint } from '../domain/transitions';
import { freshTemporalKeys, signingClientOptions, workerDataConverter } from '../temporal/data-converter';

export interface CodecSample {
  payload: string;
  plainBytes: number;
  encodedBytes: number;
  /** Encode (API) plus decode (worker), per payload. */
  codecMicros: number;
  /** toPayload plus fromPayload, per payload: the ceiling. */
  converterMicros: number;
}

const intake: Intake = {
  dealerId: 'BENCH-01',
  customer: { name: '测试客户', phone: '13800138000' },
  vehicle: { plate: '沪B00000' },
  repairOrderNo: 'RO-BENCH-1',
  channel: 'phone',
  category: 'delivery_delay',
  description: 'The car promised for 17:00 was not ready and nobody called.',
  severity: 'medium',
  receivedBy: { id: 'bench-cs', role: 'customer_service' },
};

export async function benchCodec(iterations = 5000): Promise<CodecSample[]> {
  const { keys } = freshTemporalKeys();
  const encode = signingClientOptions(keys).dataConverter!.payloadCodecs!;
  const decode = workerDataConverter(keys).payloadCodecs!;
  const policy = parsePolicy(defaultPolicy);
  const proof = (update: string) => ({ workflowId: 'CL-BENCH-1', update, updateId: 'u-1', signedAt: Date.now() });
  const samples: Record<string, unknown> = {
    'update input (logContact)': {
      actor: intake.receivedBy,
      method: 'phone',
      summary: 'called the customer back',
      proof: proof('logContact'),
    },
    'start input (intake + policy)': {
      open: { complaintId: 'CL-BENCH-1', intake, startingStage: 'objection', policy, receivedAt: Date.now() },
      proof: proof('workflow.start'),
    },
    'state (query result)': openComplaint('CL-BENCH-1', intake, 'objection', policy, Date.now()).state,
  };
  const out: CodecSample[] = [];
  for (const [name, value] of Object.entries(samples)) {
    const plain = defaultPayloadConverter.toPayload(value)!;
    const through = async (p: Payload) => {
      let ps = [p];
      for (const c of encode) ps = await c.encode(ps);
      const encoded = ps[0]!;
      for (let i = decode.length - 1; i >= 0; i--) ps = await decode[i]!.decode(ps);
      return encoded;
    };
    const encoded = await through(plain);
    for (let i = 0; i < 200; i++) await through(plain); // warm-up
    let start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) await through(plain);
    const codecMicros = Number(process.hrtime.bigint() - start) / 1e3 / iterations;
    start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i++) defaultPayloadConverter.fromPayload(defaultPayloadConverter.toPayload(value)!);
    const converterMicros = Number(process.hrtime.bigint() - start) / 1e3 / iterations;
    const size = (p: Payload) =>
      (p.data?.length ?? 0) +
      Object.entries(p.metadata ?? {}).reduce((n, [k, v]) => n + k.length + (v?.length ?? 0), 0);
    out.push({ payload: name, plainBytes: size(plain), encodedBytes: size(encoded), codecMicros, converterMicros });
  }
  return out;
}
