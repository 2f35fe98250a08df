import { describe, expect, it } from 'vitest';
import { checkServerUrl, originPattern } from './url';

describe('checkServerUrl', () => {
  it.each([
    ['https://pam360.example.com:8282', 'https://pam360.example.com:8282'],
    ['https://pam360.example.com:8282/', 'https://pam360.example.com:8282'],
    ['  https://PAM360.Example.com  ', 'https://pam360.example.com'],
    ['http://127.0.0.1:8282', 'http://127.0.0.1:8282'],
    ['http://localhost:9000/', 'http://localhost:9000'],
    ['http://[::1]:8282', 'http://[::1]:8282'],
  ])('accepts %s as %s', (input, origin) => {
    const result = checkServerUrl(input);
    expect(result.ok && result.origin).toBe(origin);
  });

  it.each([
    ['', 'Enter the server URL'],
    ['pam360.example.com', 'This is not a URL'],
    ['javascript:alert(1)', 'Only https:// URLs are allowed (got javascript:)'],
    ['data:text/html,hi', 'Only https:// URLs are allowed (got data:)'],
    ['file:///etc/passwd', 'Only https:// URLs are allowed (got file:)'],
    ['ftp://pam360.example.com', 'Only https:// URLs are allowed (got ftp:)'],
    ['http://pam360.example.com:8282', 'Use https://'],
    ['http://10.0.0.5:8282', 'Use https://'],
    ['https://admin:pw@pam360.example.com', 'Leave user name and password out'],
    ['https://pam360.example.com/PassTrixMain.cc', 'Enter only the server address'],
    ['https://pam360.example.com/?a=1', 'Enter only the server address'],
  ])('refuses %j', (input, message) => {
    const result = checkServerUrl(input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(message);
  });
});

describe('originPattern', () => {
  it('drops the port (Firefox rejects ports in match patterns)', () => {
    expect(originPattern('https://pam360.example.com:8282')).toBe('https://pam360.example.com/*');
    expect(originPattern('http://127.0.0.1:40123')).toBe('http://127.0.0.1/*');
  });
});
