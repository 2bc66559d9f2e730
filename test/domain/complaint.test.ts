import { IntakeSchema, maskPhone } from '../../domain/complaint';
import { intake } from './fixtures';

const issuesOf = (input: unknown) =>
  (IntakeSchema.safeParse(input).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('taking a complaint in', () => {
  it('accepts a complete intake', () => {
    expect(IntakeSchema.parse(intake)).toEqual(intake);
  });

  it('accepts a VIN alone, in lower case, and stores it upper-cased', () => {
    const parsed = IntakeSchema.parse({ ...intake, vehicle: { vin: 'lsvaa4180e2123456' } });
    expect(parsed.vehicle).toEqual({ vin: 'LSVAA4180E2123456' });
  });

  it('needs the plate or the VIN', () => {
    expect(issuesOf({ ...intake, vehicle: {} })).toEqual(['vehicle: give the plate, the VIN or both']);
  });

  it('refuses a VIN that is not 17 characters or contains I, O or Q', () => {
    expect(issuesOf({ ...intake, vehicle: { vin: 'LSVAA4180E212345' } })).toEqual([
      'vehicle.vin: expected a 17-character VIN without I, O or Q',
    ]);
    expect(issuesOf({ ...intake, vehicle: { vin: 'LSVAA4180E212345O' } })).toHaveLength(1);
  });

  it('accepts phone numbers with a country code, spaces and dashes', () => {
    for (const phone of ['13812345678', '+86 138-1234-5678', '021-5888 1234']) {
      expect(IntakeSchema.safeParse({ ...intake, customer: { name: '刘先生', phone } }).success).toBe(true);
    }
  });

  it('refuses phone numbers with letters or too few or too many digits', () => {
    expect(issuesOf({ ...intake, customer: { name: '刘先生', phone: '138-CALL-ME' } })).toEqual([
      'customer.phone: expected digits, an optional leading +, spaces or dashes',
    ]);
    expect(issuesOf({ ...intake, customer: { name: '刘先生', phone: '12345' } })).toEqual([
      'customer.phone: expected 7 to 20 digits',
    ]);
    expect(issuesOf({ ...intake, customer: { name: '刘先生', phone: '1'.repeat(21) } })).toEqual([
      'customer.phone: expected 7 to 20 digits',
    ]);
  });

  it('names each bad field separately', () => {
    const issues = issuesOf({
      ...intake,
      channel: 'carrier_pigeon',
      category: 'vibes',
      severity: 'extreme',
      description: '  ',
      dealerId: '',
    });
    expect(issues.map((i) => i.split(':')[0])).toEqual(
      expect.arrayContaining(['dealerId', 'channel', 'category', 'description', 'severity']),
    );
    expect(issues).toContain('description: description must not be empty');
  });

  it('refuses a description over 4,000 characters', () => {
    expect(issuesOf({ ...intake, description: 'x'.repeat(4001) })).toEqual([
      'description: must be at most 4000 characters',
    ]);
  });

  it('needs to know who received it, with a known role (首问责任)', () => {
    expect(issuesOf({ ...intake, receivedBy: { id: 'x', role: 'intern' } })[0]).toMatch(/^receivedBy.role: /);
    expect(issuesOf({ ...intake, receivedBy: undefined })[0]).toMatch(/^receivedBy: /);
  });

  it('accepts an explicit starting stage and a staff self-report flag', () => {
    const parsed = IntakeSchema.parse({ ...intake, startingStage: 'deadlock', reportedByStaff: true });
    expect(parsed).toMatchObject({ startingStage: 'deadlock', reportedByStaff: true });
    expect(issuesOf({ ...intake, startingStage: 'panic' })[0]).toMatch(/^startingStage: /);
  });
});

describe('masking a customer phone number', () => {
  it('keeps the first 3 and last 4 digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('keeps the + and hides the middle of an international number', () => {
    expect(maskPhone('+86 138-1234-5678')).toBe('+861******5678');
  });

  it('shows fewer digits of a short number, never the whole of it', () => {
    expect(maskPhone('58881234')).toBe('58***234');
    expect(maskPhone('5888123')).toBe('58***23');
    for (const phone of ['1234567', '12345678', '123456789', '1234567890']) {
      expect(maskPhone(phone)).not.toContain(phone);
      expect(maskPhone(phone)).toMatch(/\*{3,}/);
    }
  });
});
