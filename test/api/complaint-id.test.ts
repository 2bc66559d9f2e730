import { COMPLAINT_ID_SHAPE, complaintId, dayOf, dealerCode, keyedSuffix, randomSuffix } from '../../api/complaint-id';

describe('complaint ids', () => {
  it('read CL-<DEALER>-<YYYYMMDD>-<6 Crockford base32>, dated in the policy time zone', () => {
    // 2026-03-01 17:30 UTC is already 2 March in Shanghai
    const at = Date.parse('2026-03-01T17:30:00Z');
    expect(dayOf(at, 'Asia/Shanghai')).toBe('20260302');
    expect(dayOf(at, 'UTC')).toBe('20260301');
    const id = complaintId('SH-PUDONG-01', dayOf(at, 'Asia/Shanghai'), '7K3QX9');
    expect(id).toBe('CL-SHPUDONG01-20260302-7K3QX9');
    expect(id).toMatch(COMPLAINT_ID_SHAPE);
  });

  it('keep only capitals and digits of the dealer, at most 12', () => {
    expect(dealerCode('demo-01')).toBe('DEMO01');
    expect(dealerCode('a.very:long_dealer-name-2')).toBe('AVERYLONGDEA');
    expect(dealerCode('---')).toBe('X');
  });

  it('never use I, L, O or U, so nothing reads as 1 or 0', () => {
    const suffixes = Array.from({ length: 500 }, randomSuffix);
    for (const s of suffixes) expect(s).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(new Set(suffixes).size).toBeGreaterThan(495);
  });

  it('derive the same suffix from the same idempotency key, and another from another key', () => {
    expect(keyedSuffix('scope', 'key-1')).toBe(keyedSuffix('scope', 'key-1'));
    expect(keyedSuffix('scope', 'key-1')).not.toBe(keyedSuffix('scope', 'key-2'));
    expect(keyedSuffix('scope', 'key-1')).not.toBe(keyedSuffix('other', 'key-1'));
  });
});
