import { parsePolicy } from '../../domain/policy';
import { apiTestPolicy, startApi, type ApiHarness } from './harness';

describe('GET /v1/me: what the dashboard needs to show limits, times and dealers', () => {
  let h: ApiHarness;
  beforeAll(async () => {
    h = await startApi();
  });
  afterAll(() => h?.stop());

  it('gives the caller’s cap, every role’s cap, the policy’s limits, and the dealers they may file under', async () => {
    const res = await h.call('GET', '/v1/me', { as: 'advisor' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      role: 'advisor',
      compensationCap: 500,
      currency: 'CNY',
      compensationCaps: {
        advisor: 500,
        customer_service: 1000,
        service_manager: 5000,
        technical_manager: 5000,
        general_manager: null,
      },
      limits: apiTestPolicy.limits,
      // A round-the-clock policy has no zone of its own: the dashboard shows the viewer's clock.
      timeZone: null,
      knownDealers: [h.dealer],
    });
  });

  it('lists every dealer the directory and the roster name for an all-dealers caller, never "*"', async () => {
    const res = await h.call('GET', '/v1/me', { as: { token: h.allDealersToken } });
    expect(res.body.dealers).toEqual(['*']);
    expect(res.body.knownDealers).toEqual(expect.arrayContaining([h.dealer, h.otherDealer]));
    expect(res.body.knownDealers).not.toContain('*');
  });
});

describe('GET /v1/me under a business-hours policy', () => {
  let h: ApiHarness;
  const policy = parsePolicy({
    version: 'api-test-zone',
    calendar: { mode: 'business_hours', timeZone: 'Asia/Shanghai' },
    roster: { 'BJ-ROSTER-01': {} },
  });
  beforeAll(async () => {
    h = await startApi({ policy });
  });
  afterAll(() => h?.stop());

  it('gives the calendar’s time zone, and roster dealers among the known ones', async () => {
    expect((await h.call('GET', '/v1/me')).body.timeZone).toBe('Asia/Shanghai');
    expect((await h.call('GET', '/v1/me', { as: { token: h.allDealersToken } })).body.knownDealers).toContain(
      'BJ-ROSTER-01',
    );
  });
});
