import { customerKeyer } from '../../api/customer-keys';
import { visibilityQuery } from '../../api/complaints';
import { literal, searchClause, wellEncoded } from '../../api/search';
import { indexedCode } from '../../workflows/search-attributes';

const keys = customerKeyer(Buffer.from('a lookup key of at least 32 bytes!'));

/** What stays of a query once its quoted strings are blanked: its structure. */
const structure = (query: string) => query.replace(/'[^'\\]*'/g, "''");

describe('visibility queries built from what callers send', () => {
  it('searches one text as a complaint id, and as the hash of a plate, VIN, RO number, customer name or phone', () => {
    const q = searchClause('cl-shpudong01-20260302-7k3qx9', keys);
    expect(q).toContain(`WorkflowId = 'CL-SHPUDONG01-20260302-7K3QX9'`);
    expect(searchClause('沪a 12345', keys)).toBe(
      `(VehiclePlate = '${keys.plate('沪A12345')}' OR VehicleVin = '${keys.vin('沪A12345')}' OR RepairOrderNo = '${keys.repairOrder('沪A12345')}' OR CustomerKeys = '${keys.name('沪a 12345')}')`,
    );
    // What intake stores for the same plate, typed another way, is what the search looks for.
    expect(keys.ofIntake({ customer: { name: 'x', phone: '1' }, vehicle: { plate: '沪a 12345' } })).toContain(
      keys.plate('沪A12345'),
    );
    expect(searchClause('沪a 12345', keys)).not.toContain('12345');
    expect(searchClause('138-0013-8000', keys)).toContain(`CustomerPhoneHash = '${keys.phone('13800138000')}'`);
    expect(searchClause('刘先生', keys)).toContain(`CustomerKeys = '${keys.name('刘先生')}'`);
  });

  it('indexes and searches plates, VINs and RO numbers in capitals without spaces, full-width folded', () => {
    expect(indexedCode(' 沪a 12345 ')).toBe('沪A12345');
    expect(indexedCode('ＲＯ-2026-0001')).toBe('RO-2026-0001');
  });

  it.each([
    "' OR '1'='1",
    "x' OR WorkflowType != '",
    'back\\slash',
    'double " quote',
    "O'Brien",
    '`tick`',
    "\\' OR 1=1 --",
  ])('never lets %j change the query’s structure', (text) => {
    const query = visibilityQuery({ dealers: ['D1'], clauses: [searchClause(text, keys)] });
    // Only hashes (plain hex) are searched for text that cannot sit inside quotes.
    expect(structure(query)).toBe(
      `WorkflowType = '' AND ExecutionStatus != '' AND DealerId IN ('') AND (VehiclePlate = '' OR VehicleVin = '' OR RepairOrderNo = '' OR CustomerKeys = '')`,
    );
  });

  it('refuses to quote a value that could end its string, instead of escaping it', () => {
    for (const bad of ["a'b", 'a\\b', 'a"b', 'a\nb', 'a`b']) expect(() => literal(bad)).toThrow(/refusing/);
    expect(literal('沪A12345')).toBe(`'沪A12345'`);
  });

  it('keeps the existing filters and the dealer scope alongside a search', () => {
    const query = visibilityQuery({
      stage: 'deadlock',
      status: 'open',
      owner: 'sa-1',
      dealers: ['D1', 'D2'],
      clauses: ['(X)'],
    });
    expect(query).toBe(
      "WorkflowType = 'complaint' AND ExecutionStatus != 'ContinuedAsNew' AND ComplaintStage = 'deadlock' AND ComplaintStatus = 'open' AND ExecutionStatus = 'Running' AND ComplaintOwner = 'sa-1' AND DealerId IN ('D1', 'D2') AND (X)",
    );
    expect(visibilityQuery({ status: 'terminated' })).toContain(`ExecutionStatus = 'Terminated'`);
  });

  it('tells malformed percent-encoding in q from a search for the characters "%FF"', () => {
    expect(wellEncoded('/v1/complaints?q=%E6%B2%AA', 'q')).toBe(true);
    expect(wellEncoded('/v1/complaints?q=%25FF', 'q')).toBe(true);
    expect(wellEncoded('/v1/complaints?q=%FF', 'q')).toBe(false);
    expect(wellEncoded('/v1/complaints?stage=x&q=%ED%A0%80', 'q')).toBe(false);
    expect(wellEncoded('/v1/complaints?q=ok&pageToken=%FF', 'q')).toBe(true);
  });
});
