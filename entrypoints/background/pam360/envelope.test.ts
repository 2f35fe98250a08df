import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import authFailed from './fixtures/auth-failed.json';
import hostNotAllowed from './fixtures/host-not-allowed.json';
import regenerate from './fixtures/regenerate-token.json';
import { bodyPreview, failureError, isSuccess, parseDetails, readEnvelope } from './envelope';
import { Pam360Error } from './errors';
import type { Envelope } from './schemas';

const meta = { httpStatus: 200, contentType: 'application/json' };
const env = (result: Record<string, unknown>, extra: Record<string, unknown> = {}): Envelope => {
  const read = readEnvelope(JSON.stringify({ operation: { result, ...extra } }), meta);
  if (read instanceof Pam360Error) throw read;
  return read;
};

describe('isSuccess', () => {
  it.each([
    [{ status: 'Success' }, true],
    [{ status: 'success' }, true],
    [{ status: 'SUCCESS' }, true],
    [{ status: 'true', statusCode: 20000 }, true],
    [{ status: 'true', statusCode: '20000' }, true],
    [{ status: 'Success', statusCode: 20001 }, true],
    [{ status: 'true', statusCode: 40000 }, false],
    [{ status: 'Success', statusCode: '50010' }, false],
    [{ status: 'true', statusCode: 200 }, true],
    [{ status: 'Success', statusCode: '204' }, true],
    [{ status: 'true', statusCode: 2000 }, false],
    [{ status: 'true', statusCode: 400 }, false],
    [{ status: 'Failed' }, false],
    [{ status: 'false' }, false],
    [{ status: '' }, false],
  ])('%j → %s', (result, expected) => {
    expect(isSuccess(env(result))).toBe(expected);
  });

  it('accepts the regenerate-token style envelope ("true" + 20000)', () => {
    expect(isSuccess(env(regenerate.operation.result))).toBe(true);
  });
});

describe('readEnvelope', () => {
  it('keeps unknown keys and coerces totalRows', () => {
    const read = readEnvelope('{"operation":{"result":{"status":"Success"},"totalRows":"12","extra":1}}', meta);
    expect(read).toMatchObject({ totalRows: 12, extra: 1 });
  });

  it.each([
    ['<!DOCTYPE html><html><head><title>Sign in</title></head><body>Please sign in</body></html>', /^not JSON \(HTTP 200, content-type text\/html\): "<!DOCTYPE html><html><head><title>Sign in/],
    ['{"operation":{"result":{"status":"Succ', /^not JSON/],
    ['', /^empty answer \(HTTP 200/],
    ['{"status":"ok"}', /^not a PAM360 answer .*: operation: /],
    ['{"operation":{"result":{}}}', /operation\.result\.status: /],
  ])('%j → unexpected', (text, detail) => {
    const read = readEnvelope(text, { httpStatus: 200, contentType: 'text/html' });
    expect(read).toBeInstanceOf(Pam360Error);
    expect((read as Pam360Error).kind).toBe('unexpected');
    expect((read as Pam360Error).detail).toMatch(detail);
  });

  it('previews at most ~120 characters, whitespace collapsed', () => {
    const preview = bodyPreview(`<html>\n\n   ${'x'.repeat(500)}`);
    expect(preview).toBe(`<html> ${'x'.repeat(113)}…`);
  });
});

describe('failureError', () => {
  it('maps the two authentication texts before any operation mapping', () => {
    const always = () => 'ticket-rejected' as const;
    expect(failureError(env(authFailed.operation.result), 200, always).kind).toBe('bad-token');
    expect(failureError(env(hostNotAllowed.operation.result), 200, always).kind).toBe('host-not-allowed');
  });

  it("uses the operation's mapper, else 'failed', keeping PAM360's message verbatim", () => {
    const failed = failureError(env({ status: 'Failed', message: 'Something odd.' }), 200);
    expect([failed.kind, failed.pamMessage, failed.httpStatus]).toEqual(['failed', 'Something odd.', undefined]);
    const mapped = failureError(env({ status: 'Failed', message: 'x' }), 404, () => 'not-found');
    expect([mapped.kind, mapped.httpStatus]).toEqual(['not-found', 404]);
  });

  it('treats a "true" status with a non-2xxxx statusCode as a failure', () => {
    const error = failureError(env({ status: 'true', statusCode: 40000, message: 'Bad input' }), 200);
    expect(error.kind).toBe('failed');
    expect(error.detail).toBe('status "true", statusCode 40000');
  });
});

describe('parseDetails', () => {
  it('reports the zod issue path as unexpected', () => {
    const schema = z.object({ list: z.array(z.object({ id: z.string() })) });
    expect(() => parseDetails(schema, { list: [{ id: 1 }] }, 'OP')).toThrowError(
      expect.objectContaining({ kind: 'unexpected', detail: expect.stringMatching(/^OP: Details\.list\.0\.id: /) }),
    );
  });
});
