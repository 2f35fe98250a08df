// The state / approval tables, one row per value, and the override rules.
import { describe, expect, it } from 'vitest';
import { approvalOf, approverRowOf, DEFAULT_STATES, isImplementation, stateOf } from './states';
import { SN_TABLES } from './tables';

describe('default state tables', () => {
  it.each([
    ['incident', '1', 'New', 'open'], ['incident', '2', 'In Progress', 'in-progress'], ['incident', '3', 'On Hold', 'in-progress'],
    ['incident', '6', 'Resolved', 'resolved'], ['incident', '7', 'Closed', 'closed'], ['incident', '8', 'Canceled', 'cancelled'],
    ['change_request', '-5', 'New', 'open'], ['change_request', '-4', 'Assess', 'open'], ['change_request', '-3', 'Authorize', 'open'],
    ['change_request', '-2', 'Scheduled', 'in-progress'], ['change_request', '-1', 'Implement', 'in-progress'],
    ['change_request', '0', 'Review', 'in-progress'], ['change_request', '3', 'Closed', 'closed'], ['change_request', '4', 'Canceled', 'cancelled'],
    ['sc_req_item', '-5', 'Pending', 'in-progress'], ['sc_req_item', '1', 'Open', 'open'], ['sc_req_item', '2', 'Work in Progress', 'in-progress'],
    ['sc_req_item', '3', 'Closed Complete', 'closed'], ['sc_req_item', '4', 'Closed Incomplete', 'closed'], ['sc_req_item', '7', 'Closed Skipped', 'closed'],
    ['sc_task', '-5', 'Pending', 'in-progress'], ['sc_task', '1', 'Open', 'open'], ['sc_task', '2', 'Work in Progress', 'in-progress'],
    ['sc_task', '3', 'Closed Complete', 'closed'], ['sc_task', '4', 'Closed Incomplete', 'closed'], ['sc_task', '7', 'Closed Skipped', 'closed'],
    ['problem', '101', 'New', 'open'], ['problem', '102', 'Assess', 'open'], ['problem', '103', 'Root Cause Analysis', 'in-progress'],
    ['problem', '104', 'Fix in Progress', 'in-progress'], ['problem', '106', 'Resolved', 'resolved'], ['problem', '107', 'Closed', 'closed'],
    ['problem', '1', 'Open', 'open'], ['problem', '2', 'Known Error', 'in-progress'], ['problem', '3', 'Pending Change', 'in-progress'],
    ['problem', '4', 'Closed/Resolved', 'closed'],
  ] as const)('%s %s (%s) → %s', (table, value, label, state) => {
    expect(stateOf(table, { value, label }, true)).toBe(state);
    // The label alone (a renumbered state) finds the same row.
    expect(stateOf(table, { value: '999', label: label.toUpperCase() }, true)).toBe(state);
    expect(DEFAULT_STATES[table][value]?.label).toBe(label);
  });

  it('every table has a table; unknown states are open; inactive is never open or in progress', () => {
    expect(Object.keys(DEFAULT_STATES).sort()).toEqual([...SN_TABLES].sort());
    expect(stateOf('incident', { value: '42', label: 'Awaiting Vendor' }, true)).toBe('open');
    expect(stateOf('incident', { value: '42', label: 'Awaiting Vendor' }, undefined)).toBe('open');
    expect(stateOf('incident', { value: '42', label: 'Awaiting Vendor' }, false)).toBe('closed');
    expect(stateOf('incident', { value: '2', label: 'In Progress' }, false)).toBe('closed');
    expect(stateOf('incident', { value: '6', label: 'Resolved' }, false)).toBe('resolved');
    expect(stateOf('change_request', { value: '4', label: 'Canceled' }, false)).toBe('cancelled');
  });

  it('overrides: table:value, table:label, value, label; blank parts never match', () => {
    const o = { 'INCIDENT:3': 'resolved', 'change_request:Review': 'closed', '-5': 'cancelled', 'work in progress': 'open' } as const;
    expect(stateOf('incident', { value: '3', label: 'On Hold' }, true, o)).toBe('resolved');
    expect(stateOf('change_request', { value: '3', label: 'Closed' }, true, o)).toBe('closed');
    expect(stateOf('change_request', { value: '0', label: 'Review' }, true, o)).toBe('closed');
    expect(stateOf('sc_task', { value: '-5', label: 'Pending' }, true, o)).toBe('cancelled');
    expect(stateOf('sc_req_item', { value: '2', label: 'Work in Progress' }, true, o)).toBe('open');
    expect(stateOf('incident', { value: '', label: '' }, true, { 'incident:': 'closed', '': 'closed' })).toBe('open');
  });
});

describe('implementation states', () => {
  it.each([
    ['-2', 'Scheduled', true], ['-1', 'Implement', true], ['0', 'Review', false], ['-3', 'Authorize', false],
    ['-4', 'Assess', false], ['-5', 'New', false], ['3', 'Closed', false], ['4', 'Canceled', false], ['17', 'implement', true],
  ] as const)('%s (%s) → %s', (value, label, implementation) => {
    expect(isImplementation({ value, label })).toBe(implementation);
  });

  it('connector implementationStates replace the default: value or label, any case, bare or table-qualified', () => {
    const configured = ['Review', 'CHANGE_REQUEST:-3'];
    expect(isImplementation({ value: '0', label: 'Review' }, configured)).toBe(true);
    expect(isImplementation({ value: '0', label: 'REVIEW' }, configured)).toBe(true);
    expect(isImplementation({ value: '-3', label: 'Authorize' }, configured)).toBe(true);
    // The default list no longer applies.
    expect(isImplementation({ value: '-1', label: 'Implement' }, configured)).toBe(false);
    expect(isImplementation({ value: '-2', label: 'Scheduled' }, configured)).toBe(false);
    // A table prefix only matches its own table; a bare value matches any.
    expect(isImplementation({ value: '-3', label: 'Authorize' }, configured, 'incident')).toBe(false);
    expect(isImplementation({ value: '7', label: 'Deploying' }, ['change_request:deploying', '42'])).toBe(true);
    expect(isImplementation({ value: '42', label: '' }, ['change_request:deploying', '42'])).toBe(true);
    // Empty list: the default; blank parts never match.
    expect(isImplementation({ value: '-1', label: 'Implement' }, [])).toBe(true);
    expect(isImplementation({ value: '', label: '' }, ['change_request:', ''])).toBe(false);
  });
});

describe('approval', () => {
  it.each([
    ['incident', 'approved', '', 'approved'], ['incident', 'requested', '', 'pending'], ['incident', 'rejected', '', 'rejected'],
    ['incident', 'cancelled', '', 'rejected'], ['incident', 'not_required', '', 'not-required'], ['incident', 'not requested', '', 'not-required'],
    ['incident', '', '', 'not-required'], ['incident', 'duplicate', '', 'unknown'], ['incident', 'on hold', '', 'unknown'],
    ['sc_req_item', 'not requested', '', 'not-required'], ['sc_req_item', 'requested', '', 'pending'],
    ['change_request', 'approved', 'normal', 'approved'], ['change_request', 'not requested', 'normal', 'pending'],
    ['change_request', 'not requested', 'emergency', 'pending'], ['change_request', 'not requested', 'Standard', 'not-required'],
    ['change_request', '', 'normal', 'unknown'], ['change_request', 'Rejected', 'normal', 'rejected'], ['change_request', 'not_required', '', 'not-required'],
  ] as const)('%s %j (type %j) → %s', (table, value, type, approval) => {
    expect(approvalOf(table, value, type)).toBe(approval);
  });

  it.each([
    ['approved', 'approved'], ['requested', 'pending'], ['not requested', 'pending'], ['rejected', 'rejected'],
    ['not_required', undefined], ['cancelled', undefined], ['duplicate', undefined], ['later', 'unknown'],
  ] as const)('approver row %s → %s', (value, approval) => {
    expect(approverRowOf(value)).toBe(approval);
  });
});
