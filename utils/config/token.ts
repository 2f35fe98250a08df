/**
 * Shape check for a pasted PAM360 auth token, before it is stored. PAM360 does not publish a
 * token format (research: tokens seen are hex groups with dashes), so this only refuses what
 * cannot be a token: empty, whitespace inside, quotes or other punctuation from a bad paste.
 */
export type TokenCheck = { ok: true; token: string } | { ok: false; message: string };

export function checkToken(input: string): TokenCheck {
  const token = input.trim();
  if (!token) return { ok: false, message: 'Paste the auth token from PAM360.' };
  if (/\s/.test(token)) return { ok: false, message: 'The token contains spaces or line breaks; paste it again as one piece.' };
  if (token.length < 16 || token.length > 256) {
    return { ok: false, message: 'This does not look like a PAM360 auth token (expected 16–256 characters).' };
  }
  if (!/^[A-Za-z0-9._~+/=-]+$/.test(token)) {
    return { ok: false, message: 'The token has characters a PAM360 auth token does not have; paste it again.' };
  }
  return { ok: true, token };
}
