import {
  CATEGORIES,
  CHANNELS,
  LADDER,
  SEVERITIES,
  STAGES,
  isAtLeast,
  isHigherStage,
  nextStage,
  stageIndex,
  startingStage,
} from '../../domain/ladder';
import { ROLES, isSupervisor, roleTier } from '../../domain/staff';

describe('the escalation ladder', () => {
  it('has six rungs from latent (潜伏) to public action (公开行动), in order', () => {
    expect(STAGES).toEqual(['latent', 'objection', 'complaint', 'formal_complaint', 'deadlock', 'public_action']);
    expect(STAGES.map((s) => LADDER[s].label.zh)).toEqual(['潜伏', '异议', '抱怨', '投诉', '僵局', '公开行动']);
    STAGES.forEach((s, i) => {
      expect(stageIndex(s)).toBe(i);
    });
  });

  it('climbs one rung at a time and has nowhere to go above public action', () => {
    expect(nextStage('latent')).toBe('objection');
    expect(nextStage('complaint')).toBe('formal_complaint');
    expect(nextStage('deadlock')).toBe('public_action');
    expect(nextStage('public_action')).toBeNull();
  });

  it('never moves a complaint down: every next rung is higher than the one before', () => {
    for (const stage of STAGES) {
      const next = nextStage(stage);
      if (next) {
        expect(isHigherStage(next, stage)).toBe(true);
        expect(isHigherStage(stage, next)).toBe(false);
      }
      expect(isHigherStage(stage, stage)).toBe(false);
    }
  });

  it('tells whether a complaint has reached at least a given rung', () => {
    expect(isAtLeast('deadlock', 'formal_complaint')).toBe(true);
    expect(isAtLeast('formal_complaint', 'formal_complaint')).toBe(true);
    expect(isAtLeast('complaint', 'formal_complaint')).toBe(false);
  });

  it('gives each rung the owner tier of seed 003: tier 1 up to complaint, tier 2 at formal complaint, tier 3 above', () => {
    expect(STAGES.map((s) => LADDER[s].ownerTier)).toEqual([1, 1, 1, 2, 3, 3]);
    expect(LADDER.latent.owners).toEqual(['advisor']);
    expect(LADDER.deadlock.owners).toContain('general_manager');
    expect(LADDER.formal_complaint.owners).toEqual(['customer_service', 'service_manager', 'technical_manager']);
  });

  it('lists the SPEC channels, categories and severities', () => {
    expect(CHANNELS).toEqual(['on_site', 'phone', 'follow_up_call', 'letter', 'online', 'regulator', 'media']);
    expect(CATEGORIES).toHaveLength(10);
    expect(SEVERITIES).toEqual(['low', 'medium', 'high', 'critical']);
  });
});

describe('where a new complaint starts', () => {
  it('starts at objection when a customer raises it on site, by phone or online', () => {
    expect(startingStage({ channel: 'on_site' })).toBe('objection');
    expect(startingStage({ channel: 'phone' })).toBe('objection');
    expect(startingStage({ channel: 'online' })).toBe('objection');
    expect(startingStage({ channel: 'follow_up_call' })).toBe('objection');
  });

  it('starts latent when staff report a failure the customer has not raised yet', () => {
    expect(startingStage({ channel: 'on_site', reportedByStaff: true })).toBe('latent');
  });

  it('starts as a formal complaint when the customer writes a letter or goes to the regulator', () => {
    expect(startingStage({ channel: 'letter' })).toBe('formal_complaint');
    expect(startingStage({ channel: 'regulator' })).toBe('formal_complaint');
  });

  it('starts at public action when the media is involved', () => {
    expect(startingStage({ channel: 'media' })).toBe('public_action');
  });

  it('does not let a staff self-report make a letter or the media look smaller', () => {
    expect(startingStage({ channel: 'media', reportedByStaff: true })).toBe('public_action');
    expect(startingStage({ channel: 'letter', reportedByStaff: true })).toBe('formal_complaint');
  });

  it('uses the stage named at intake over anything the channel implies', () => {
    expect(startingStage({ channel: 'phone', explicit: 'deadlock' })).toBe('deadlock');
    expect(startingStage({ channel: 'media', explicit: 'complaint' })).toBe('complaint');
  });
});

describe('staff roles', () => {
  it('puts advisors and customer service in tier 1, service and technical managers in tier 2, the GM in tier 3', () => {
    expect(ROLES.map(roleTier)).toEqual([1, 1, 2, 2, 3]);
  });

  it('treats the three managers as supervisors and front-line staff as not', () => {
    expect(ROLES.filter(isSupervisor)).toEqual(['service_manager', 'technical_manager', 'general_manager']);
  });
});
