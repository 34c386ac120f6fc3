import { isValidationError } from '../../src/errors';
import { decodeIdToken } from '../../src/util/jwt';
import { makeJwt } from '../support/fakes';

// The full-length sample id_token from the vendor's QQ/Weibo pages (client-api.md §5), re-encoded.
const vendorPayload = {
  iss: 'Issuer',
  aud: 'Audience',
  exp: 1653484412,
  jti: 'yLRTfWcUdbOOyAilwYSFjg',
  iat: 1653466412,
  nbf: 1653466292,
  sub: 'subject',
  api: '{"name":"","mobile":"+86-15907132852","id":"20220425140138519-BF1B-528B0551B","userName":"louxi","email":"11@qq.com"}',
};

describe('decodeIdToken', () => {
  test('exposes header, claims and the profile parsed from the stringified api claim', () => {
    const decoded = decodeIdToken(makeJwt(vendorPayload, { kid: 'k1', alg: 'RS256' }));
    expect(decoded.header).toEqual({ kid: 'k1', alg: 'RS256' });
    expect(decoded.claims.exp! - decoded.claims.iat!).toBe(18000);
    expect(decoded.profile).toEqual({
      name: '',
      mobile: '+86-15907132852',
      id: '20220425140138519-BF1B-528B0551B',
      userName: 'louxi',
      email: '11@qq.com',
    });
  });

  test('decodes non-ASCII profiles (UTF-8, no TextDecoder) and tolerates a leading space', () => {
    const token = ' ' + makeJwt({ api: JSON.stringify({ name: '竹云用户 🙂' }) });
    expect(decodeIdToken(token).profile.name).toBe('竹云用户 🙂');
  });

  test.each([
    ['a byte that starts nothing', [0xff]],
    ['an overlong slash', [0xc0, 0xaf]],
    ['a UTF-16 surrogate', [0xed, 0xa0, 0x80]],
    ['a sequence cut short', [0xe4, 0xba]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    // Only runs of bytes >= 0x80 are read as UTF-8: a run cut by ASCII must still be refused.
    ['a lead byte whose continuation is ASCII', [0xe4, 0x41, 0x41]],
    ['a lone continuation byte between ASCII', [0x41, 0x80, 0x41]],
    ['two characters, the second cut short by ASCII', [0xe7, 0xab, 0xb9, 0xe4, 0xba, 0x41]],
  ])('refuses a payload with ill-formed UTF-8 (%s) with INVALID_ID_TOKEN, not U+FFFD', (_, bad) => {
    const bytes = Buffer.concat([Buffer.from('{"name":"'), Buffer.from(bad), Buffer.from('"}')]);
    const token = `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${bytes.toString('base64url')}.c2ln`;
    expect(() => decodeIdToken(token)).toThrow(expect.objectContaining({ code: 'INVALID_ID_TOKEN' }));
  });

  test('a `__proto__` key in the api claim, written out or escaped, is dropped from the profile', () => {
    for (const api of ['{"__proto__":{"admin":true},"id":"u1"}', '{"\\u005f_proto__":{"admin":true},"id":"u1"}']) {
      const { profile } = decodeIdToken(makeJwt({ api }));
      expect(Object.keys(profile)).toEqual(['id']);
      expect(Object.getPrototypeOf(profile)).toBe(Object.prototype);
      expect((profile as Record<string, unknown>).admin).toBeUndefined();
    }
  });

  test('a payload too long for any header (1 MB) ends in a decode or INVALID_ID_TOKEN, never a RangeError', () => {
    const token = makeJwt({ api: JSON.stringify({ name: 'x'.repeat(1 << 20) }) });
    try {
      expect(decodeIdToken(token).profile.name).toHaveLength(1 << 20);
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_ID_TOKEN', field: 'id_token' });
    }
  });

  test('a token without an api claim has an empty profile', () => {
    expect(decodeIdToken(makeJwt({ sub: 'x' })).profile).toEqual({});
  });

  test.each([
    ['the documented placeholder', 'eyJ0NiJ9.eyJ1cI6IjIifX0.DeWt4QuZXso'],
    ['two parts', 'abc.def'],
    ['a non-JSON payload', `${Buffer.from('{}').toString('base64url')}.${Buffer.from('nope').toString('base64url')}.x`],
    [
      'a JSON array payload',
      `${Buffer.from('{}').toString('base64url')}.${Buffer.from('[1]').toString('base64url')}.x`,
    ],
    ['a literal ellipsis', 'eyJraWQn0.eyJpc3MiOiJodHR…g1A7jG8O0uw.sig'],
  ])('%s is a validation error that does not quote the token', (_name, token) => {
    let error: unknown;
    try {
      decodeIdToken(token);
    } catch (e) {
      error = e;
    }
    expect(isValidationError(error) && error.code).toBe('INVALID_ID_TOKEN');
    expect((error as Error).message).not.toContain(token);
  });
});
