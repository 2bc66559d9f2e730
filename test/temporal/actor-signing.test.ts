import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { parseKeyring } from '../../config/keyring';
import { ACTOR_UNVERIFIED, ACTOR_VERIFIED } from '../../temporal/actor-proof';
import { actorSigningCodec, SIGNATURE_KEY_ID_METADATA, SIGNATURE_METADATA } from '../../temporal/actor-signing';

const b64 = (fill: string) => Buffer.alloc(32, fill).toString('base64');
const a1 = parseKeyring(`a1:${b64('a')}`, 'LADDER_ACTOR_KEYS');
const rotated = parseKeyring(`a2:${b64('b')},a1:${b64('a')}`, 'LADDER_ACTOR_KEYS');
const otherKey = parseKeyring(`a1:${b64('x')}`, 'LADDER_ACTOR_KEYS');
const api = actorSigningCodec(a1, { sign: true, verify: false });
const worker = (keys = a1) => actorSigningCodec(keys, { sign: true, verify: true });

const input = {
  actor: { id: 'demo-gm', role: 'general_manager' },
  method: 'phone',
  summary: 'called',
  proof: { workflowId: 'CL-1', update: 'logContact', updateId: 'u1', signedAt: 1 },
};
const payload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value)!;
const value = (p: Payload) => defaultPayloadConverter.fromPayload<Record<string, unknown>>(p);
const roundTrip = async (sent: Payload, keys = a1) => (await worker(keys).decode(await api.encode([sent])))[0]!;

describe('signed actors: the codec signs what the API sends and the worker checks it', () => {
  it('signs a payload that carries a proof, and the worker marks it verified with the key id', async () => {
    const [signed] = await api.encode([payload(input)]);
    expect(signed!.metadata?.[SIGNATURE_KEY_ID_METADATA]).toEqual(Buffer.from('a1'));
    expect(signed!.metadata?.[SIGNATURE_METADATA]).toHaveLength(32);
    const decoded = await roundTrip(payload(input));
    expect(value(decoded)).toEqual({ ...input, [ACTOR_VERIFIED]: 'a1' });
    expect(decoded.metadata).not.toHaveProperty(SIGNATURE_METADATA);
  });

  it('leaves payloads without a proof unsigned (results, memos, activity inputs)', async () => {
    const [sent] = await api.encode([payload({ dealerId: 'D1', sequence: 3 })]);
    expect(sent!.metadata).not.toHaveProperty(SIGNATURE_METADATA);
  });

  it('marks an input whose bytes were changed after signing as unverified, saying so', async () => {
    const [signed] = await api.encode([payload(input)]);
    const forged = payload({ ...input, actor: { id: 'demo-gm', role: 'general_manager', name: 'x' } });
    const [decoded] = await worker().decode([{ ...forged, metadata: { ...forged.metadata, ...pick(signed!) } }]);
    expect(value(decoded!)).toMatchObject({
      [ACTOR_UNVERIFIED]: 'the signature under key id "a1" does not match the input',
    });
    expect(value(decoded!)).not.toHaveProperty(ACTOR_VERIFIED);
  });

  it('marks a signature under a key the worker lacks (or another key of the same id) as unverified, naming the id', async () => {
    expect(value(await roundTrip(payload(input), parseKeyring(`a9:${b64('c')}`, 'k')))[ACTOR_UNVERIFIED]).toBe(
      'unknown actor key id "a1": the worker\'s actor keys are a9 (LADDER_ACTOR_KEYS)',
    );
    expect(value(await roundTrip(payload(input), otherKey))[ACTOR_UNVERIFIED]).toMatch(/does not match/);
  });

  it('still verifies what a retired key signed, once a new key signs (rotation)', async () => {
    expect(value(await roundTrip(payload(input), rotated))[ACTOR_VERIFIED]).toBe('a1');
    const [byNew] = await actorSigningCodec(rotated, { sign: true, verify: false }).encode([payload(input)]);
    expect(value((await worker(rotated).decode([byNew!]))[0]!)[ACTOR_VERIFIED]).toBe('a2');
  });

  it('strips a verdict a sender wrote into an unsigned input, however its name is escaped', async () => {
    for (const raw of [
      JSON.stringify({ ...input, [ACTOR_VERIFIED]: 'a1' }),
      JSON.stringify({ ...input, [ACTOR_UNVERIFIED]: 'x' }),
      JSON.stringify({ ...input }).replace(/}$/, ',"actor\\u0056erified":"a1"}'),
    ]) {
      const sent: Payload = { metadata: { encoding: Buffer.from('json/plain') }, data: Buffer.from(raw) };
      const decoded = value((await worker().decode([sent]))[0]!);
      expect(decoded).not.toHaveProperty(ACTOR_VERIFIED);
      expect(decoded).not.toHaveProperty(ACTOR_UNVERIFIED);
      expect(decoded.summary).toBe('called');
    }
  });

  it('passes an unsigned input with nothing to strip through as it came', async () => {
    const sent = payload({ actor: { id: 'sa-1', role: 'advisor' } });
    expect((await worker().decode([sent]))[0]).toBe(sent);
  });
});

const pick = (p: Payload) => ({
  [SIGNATURE_KEY_ID_METADATA]: p.metadata![SIGNATURE_KEY_ID_METADATA]!,
  [SIGNATURE_METADATA]: p.metadata![SIGNATURE_METADATA]!,
});
