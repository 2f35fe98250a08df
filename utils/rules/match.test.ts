import { describe, expect, it } from 'vitest';
import { sameHost, samePerson } from './match';

describe('sameHost', () => {
  it.each([
    ['srv-web-01', 'srv-web-01', true],
    ['SRV-WEB-01', 'srv-web-01', true],
    [' srv-web-01 ', 'srv-web-01', true],
    ['srv-web-01', 'srv-web-01.corp.example.com', true],
    ['srv-web-01.corp.example.com', 'SRV-WEB-01', true],
    ['srv-web-01.corp.example.com.', 'srv-web-01.corp.example.com', true],
    ['srv-web-01.corp.example.com', 'srv-web-01.lab.example.com', false],
    ['srv-web', 'srv-web-01.corp.example.com', false],
    ['corp', 'srv-web-01.corp.example.com', false],
    ['10', '10.0.0.5', false],
    ['10.0.0.5', '10.0.0.5', true],
    ['fe80', 'fe80::1', false],
    ['', '', false],
    ['srv-a', 'srv-b', false],
  ])('%j ~ %j → %s', (a, b, expected) => {
    expect(sameHost(a, b)).toBe(expected);
  });
});

describe('samePerson', () => {
  it('lets the first shared identifier decide', () => {
    expect(samePerson({ name: 'A', login: 'ana' }, { name: 'B', login: 'ANA' })).toBe(true);
    expect(samePerson({ name: 'Ana', login: 'ana', email: 'x@e.com' }, { name: 'Ana', login: 'ana2', email: 'x@e.com' })).toBe(false);
    expect(samePerson({ name: 'A', email: ' Ana@E.com' }, { name: 'B', email: 'ana@e.com ' })).toBe(true);
    expect(samePerson({ name: 'Ana', email: 'a@e.com' }, { name: 'Ana', email: 'b@e.com' })).toBe(false);
    expect(samePerson({ name: 'A', id: '7' }, { name: 'B', id: '7' })).toBe(true);
    expect(samePerson({ name: 'Ana', id: 'a7' }, { name: 'Ana', id: 'A7' })).toBe(false);
  });

  it('falls back to the name when no identifier is shared', () => {
    expect(samePerson({ name: 'Ana Silva', login: 'ana' }, { name: ' ana silva', email: 'a@e.com' })).toBe(true);
    expect(samePerson({ name: 'Ana Silva' }, { name: 'Ana Silvia' })).toBe(false);
    expect(samePerson({ name: '' }, { name: '' })).toBe(false);
  });
});
