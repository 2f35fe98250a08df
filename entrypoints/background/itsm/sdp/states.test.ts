// The status / approval / stage tables, one row per name.
import { describe, expect, it } from 'vitest';
import { approvalOf, changeApproval, changeState, isImplementationStage, levelFromApprovals, requestApproval, requestState } from './states';

describe('request states', () => {
  it.each([
    ['Open', 'open'], ['Assigned', 'in-progress'], ['In Progress', 'in-progress'], ['Onhold', 'in-progress'],
    ['On  Hold', 'in-progress'], ['Resolved', 'resolved'], ['CLOSED', 'closed'], ['Cancelled', 'cancelled'],
    ['Canceled', 'cancelled'], ['Awaiting Vendor', 'open'],
  ] as const)('%s → %s', (name, state) => {
    expect(requestState({ name })).toBe(state);
  });

  it('falls back to internal_name (renamed or translated statuses)', () => {
    expect(requestState({ name: 'Geschlossen', internal_name: 'Closed' })).toBe('closed');
    expect(requestState({ name: 'En attente', internal_name: 'Onhold' })).toBe('in-progress');
  });

  it('overrides win over the defaults, by name or internal name, any case', () => {
    const overrides = { ONHOLD: 'resolved', 'awaiting vendor': 'cancelled' } as const;
    expect(requestState({ name: 'Onhold' }, overrides)).toBe('resolved');
    expect(requestState({ name: 'Awaiting Vendor' }, overrides)).toBe('cancelled');
    expect(requestState({ name: 'Parked', internal_name: 'onhold' }, overrides)).toBe('resolved');
    expect(requestState({ name: 'Open' }, overrides)).toBe('open');
  });
});

describe('change states', () => {
  const impl = { name: 'Implementation', implementation: true };
  const planning = { name: 'Planning', implementation: false };
  it.each([
    ['Completed', impl, 'closed'], ['Closed', planning, 'closed'], ['Canceled', impl, 'cancelled'],
    ['Cancelled', planning, 'cancelled'], ['Rejected', planning, 'cancelled'], ['In Progress', impl, 'in-progress'],
    ['Scheduled', impl, 'in-progress'], ['Planning In Progress', planning, 'open'],
  ] as const)('%s in %o → %s', (name, stage, state) => {
    expect(changeState({ name }, stage, `${stage.name} / ${name}`)).toBe(state);
  });

  it('Close stage closes; no stage and no status → open', () => {
    expect(changeState({ name: 'Review Done' }, { name: 'Close', implementation: false }, 'Close / Review Done')).toBe('closed');
    expect(changeState(undefined, undefined, '')).toBe('open');
  });

  it('overrides by status name or by the "Stage / Status" raw state', () => {
    expect(changeState({ name: 'Scheduled' }, impl, 'Implementation / Scheduled', { scheduled: 'open' })).toBe('open');
    expect(changeState({ name: 'On Hold' }, impl, 'Implementation / On Hold', { 'implementation / on hold': 'resolved' })).toBe('resolved');
    expect(changeState({ name: 'Completed' }, impl, 'Implementation / Completed', { completed: 'resolved' })).toBe('resolved');
  });

  it('implementation stage by internal_name or name, any case', () => {
    expect(isImplementationStage({ name: 'Implementation' })).toBe(true);
    expect(isImplementationStage({ name: 'Build', internal_name: 'IMPLEMENTATION' })).toBe(true);
    expect(isImplementationStage({ name: 'Planning', internal_name: 'planning' })).toBe(false);
    expect(isImplementationStage({ name: 'Implementation review' })).toBe(false);
  });

  it('connector implementationStates replace the default stage list, any case; empty keeps the default', () => {
    const configured = ['Build & Deploy', ' release '];
    expect(isImplementationStage({ name: 'build  &  deploy' }, configured)).toBe(true);
    expect(isImplementationStage({ name: 'Go live', internal_name: 'RELEASE' }, configured)).toBe(true);
    expect(isImplementationStage({ name: 'Implementation', internal_name: 'implementation' }, configured)).toBe(false);
    expect(isImplementationStage({ name: 'Implementation' }, [])).toBe(true);
    expect(isImplementationStage({ name: '', internal_name: null }, [''])).toBe(false);
  });
});

describe('approvals', () => {
  it.each([
    ['Approved', 'approved'], ['APPROVED', 'approved'], ['Pending Approval', 'pending'], ['Approval Pending', 'pending'],
    ['To Be Sent', 'pending'], ['Rejected', 'rejected'], ['Denied', 'rejected'], ['Not Configured', 'not-required'],
    ['Something new', 'unknown'], [null, undefined], ['  ', undefined],
  ] as const)('approvalOf(%s) → %s', (name, approval) => {
    expect(approvalOf(name)).toBe(approval);
  });

  it('requests: absent → not-required; unknown stays unknown', () => {
    expect([requestApproval(undefined), requestApproval(null), requestApproval('Weird')]).toEqual(['not-required', 'not-required', 'unknown']);
  });

  it.each([
    ['Approved', ['pending'], 'approved'],
    ['Rejected', ['approved'], 'rejected'],
    ['Pending Approval', ['approved', 'approved'], 'approved'],
    [null, ['approved', 'rejected'], 'rejected'],
    [null, ['approved', 'pending'], 'pending'],
    [null, ['approved', 'unknown'], 'pending'],
    ['Pending Approval', [], 'pending'],
    ['Not Configured', [], 'not-required'],
    [null, [], 'unknown'],
  ] as const)('change %s with levels %o → %s', (status, levels, approval) => {
    expect(changeApproval(status, [...levels])).toBe(approval);
  });

  it('a level from its approvers: all approved, any rejected, else pending; none → unknown', () => {
    expect([
      levelFromApprovals(['approved', 'approved']),
      levelFromApprovals(['approved', 'rejected']),
      levelFromApprovals(['approved', 'pending']),
      levelFromApprovals([]),
    ]).toEqual(['approved', 'rejected', 'pending', 'unknown']);
  });
});
