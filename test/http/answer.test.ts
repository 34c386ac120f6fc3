/**
 * Answers from the server of any shape (issue 14 points 7–9, 17b): any depth gives data or an
 * IdaasError, `__proto__` keys never become prototypes, every piece of the answer quoted into an
 * error is redacted and capped, and account-center failures keep both documented fields.
 */
import fc from 'fast-check';
import { createClientFor } from '../../src/client';
import { isIdaasError, isServerError } from '../../src/errors';
import { interpretAnswer } from '../../src/http/answer';
import type { TransportRequest, TransportResponse } from '../../src/platform/types';
import { fakeClock, fakePlatform, idTokenFor, jsonResponse } from '../support/fakes';

const BASE = 'https://tenant.example.com';
const SESSION = 'sess-0123456789abcdef0123456789abcdef';

/** `depth` nested arrays, or objects `{"a":…}`, around `leaf`, as JSON text (built without recursion). */
function nested(depth: number, kind: 'array' | 'object', leaf = '" deep "'): string {
  const open = kind === 'array' ? '[' : '{"a":';
  const close = kind === 'array' ? ']' : '}';
  return open.repeat(depth) + leaf + close.repeat(depth);
}

/** A signed-in client whose refresh (and every other call) answers `answer()`. */
function signedIn(answer: (request: TransportRequest) => TransportResponse) {
  const platform = fakePlatform(answer);
  const clock = fakeClock();
  const logger = { warn: jest.fn() };
  const client = createClientFor(platform, { baseUrl: BASE, clientId: 'app', clock, logger });
  // No id_token yet: the first getIdToken() refreshes.
  client.tokens.setSession({ session_token: SESSION, expire: 432000 });
  return { platform, client };
}

describe('7. any depth of JSON gives data or an IdaasError', () => {
  test.each(['array', 'object'] as const)('5,000 levels of %s parse into data, strings trimmed', (kind) => {
    const data = interpretAnswer({ status: 200, headers: {}, body: nested(5000, kind) }, []);
    let cursor: unknown = data;
    for (let level = 0; level < 5000; level++)
      cursor = kind === 'array' ? (cursor as unknown[])[0] : (cursor as { a: unknown }).a;
    expect(cursor).toBe('deep');
  });

  test('an already-parsed body of any depth (a transport that parses) is copied without recursion', () => {
    let body: unknown = ' leaf ';
    for (let level = 0; level < 100_000; level++) body = { a: body };
    let cursor = interpretAnswer({ status: 200, headers: {}, body }, []) as { a: unknown } | string;
    for (let level = 0; level < 100_000; level++) cursor = (cursor as { a: unknown }).a as { a: unknown };
    expect(cursor).toBe('leaf');
  });

  test('a cycle in an already-parsed body stays a cycle, finite', () => {
    const body: Record<string, unknown> = { name: ' x ' };
    body.self = body;
    const data = interpretAnswer({ status: 200, headers: {}, body }, []) as Record<string, unknown>;
    expect(data.name).toBe('x');
    expect(data.self).toBe(data);
  });

  test('getIdToken() on a 10 KB refresh answer nested 5,000 deep rejects an IdaasError, never a RangeError', async () => {
    const body = `{"id_token":${nested(5000, 'array', '1')}}`;
    const { client } = signedIn(() => ({ status: 200, headers: {}, body }));
    const error = await client.getIdToken().catch((e: unknown) => e);
    expect(isIdaasError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(client.tokens.isSignedIn()).toBe(true);
  });

  test('a deep error envelope still maps to its error', async () => {
    const body = `{"error_code":"IDAAS.SDK.COMMON.1008","error_msg":"busy","extra":${nested(5000, 'object')}}`;
    expect(() => interpretAnswer({ status: 400, headers: {}, body }, [])).toThrow(
      expect.objectContaining({ code: 'IDAAS.SDK.COMMON.1008' }),
    );
  });
});

describe('8. __proto__, constructor and prototype keys never become prototypes', () => {
  test('parsed answers are own-property data only', () => {
    const body = '{"__proto__":{"polluted":1},"constructor":{"x":1},"prototype":2}';
    const data = interpretAnswer({ status: 200, headers: {}, body }, []) as Record<string, unknown>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(data.polluted).toBeUndefined();
    expect(Object.keys(data).sort()).toEqual(['constructor', 'prototype']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('a nested `data` string holding __proto__ is parsed without it', () => {
    const body = JSON.stringify({ data: '{"__proto__":{"status":"SUCCESS"}}' });
    const answer = interpretAnswer({ status: 200, headers: {}, body }, []) as { data: Record<string, unknown> };
    expect(answer.data.status).toBeUndefined();
    expect(Object.getPrototypeOf(answer.data)).toBe(Object.prototype);
  });

  test('a refresh answering {"__proto__":{"error_code":"…0023"}} does not sign the user out', async () => {
    const { client } = signedIn(() => ({
      status: 200,
      headers: {},
      body: '{"__proto__":{"error_code":"IDAAS.SDK.PARAM.0023","error_msg":"expired"}}',
    }));
    const signedOut = jest.fn();
    client.tokens.onSignedOut(signedOut);
    await expect(client.getIdToken()).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(signedOut).not.toHaveBeenCalled();
    expect(client.tokens.isSignedIn()).toBe(true);
  });

  test('a refresh answering {"__proto__":{"id_token":…,"session_token":…}} installs no tokens', async () => {
    const forged = idTokenFor(3600);
    const { client } = signedIn(() => ({
      status: 200,
      headers: {},
      body: `{"__proto__":{"id_token":"${forged}","session_token":"forged-session-token-123","expire":600}}`,
    }));
    await expect(client.getIdToken()).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
    expect(client.tokens.getSessionToken()).toBe(SESSION);
    expect(client.tokens.getSessionInfo()?.idTokenExpiresAt).toBeUndefined();
  });

  test('a login answering {"__proto__":{status:SUCCESS,…}} stores nothing', async () => {
    const platform = fakePlatform(() => ({
      status: 200,
      headers: {},
      body: `{"__proto__":{"status":"SUCCESS","session_token":"forged-session-token-123","expire":600}}`,
    }));
    const client = createClientFor(platform, { baseUrl: BASE, clientId: 'app' });
    const { loginWithPassword } = await import('../../src/api/login');
    const result = await loginWithPassword(client, { user_name: 'a', password: 'p' });
    expect(result.status).toBe('UNKNOWN');
    expect(client.tokens.isSignedIn()).toBe(false);
  });
});

describe('9. every piece of the answer quoted into an error is redacted and capped', () => {
  async function failureOf(response: TransportResponse) {
    const { client } = signedIn(() => response);
    // The session-token route carries the session token, so it is this call's secret.
    return client.request('POST /api/v2/sdk/logout', undefined, { credential: 'session' }).catch((e: unknown) => e);
  }

  test("a 502 whose content-type carries the call's session token does not put it in the message", async () => {
    const error = await failureOf({
      status: 502,
      headers: { 'content-type': `text/html; token=${SESSION}` },
      body: '<html>',
    });
    expect(isServerError(error)).toBe(true);
    expect(String((error as Error).message)).not.toContain(SESSION);
    expect((error as Error).message).toContain('[REDACTED]');
  });

  test('a JWT in the content-type is masked too', async () => {
    const jwt = idTokenFor(60);
    const error = await failureOf({ status: 200, headers: { 'content-type': `text/plain; ${jwt}` }, body: 'oops' });
    expect((error as Error).message).not.toContain(jwt);
  });

  test('a 1 MB content-type does not become a 1 MB message', async () => {
    const error = await failureOf({ status: 502, headers: { 'content-type': 'x'.repeat(1 << 20) }, body: '<html>' });
    expect((error as Error).message.length).toBeLessThan(500);
  });

  test.each([
    ['error_code', { error_code: 'E'.repeat(1 << 20), error_msg: 'm' }],
    ['error_msg', { error_code: 'E1', error_msg: `m ${SESSION} ${'m'.repeat(1 << 20)}` }],
    [
      'account-center message and requestId',
      {
        success: false,
        code: 'Operation.Failure',
        message: `x y ${'z'.repeat(1 << 20)}`,
        requestId: 'r'.repeat(1 << 20),
      },
    ],
    ['OAuth description', { error: 'invalid_request', error_description: `${SESSION}${'d'.repeat(1 << 20)}` }],
  ])('a huge %s is capped and redacted in every field the error keeps', async (_name, body) => {
    const error = (await failureOf(jsonResponse(400, body))) as Record<string, unknown>;
    expect(isServerError(error)).toBe(true);
    for (const field of ['message', 'code', 'requestId', 'category']) {
      const value = error[field];
      if (value === undefined) continue;
      expect(String(value).length).toBeLessThan(500);
      expect(String(value)).not.toContain(SESSION);
    }
  });
});

describe('answers of any shape from a transport', () => {
  test.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['no headers, non-JSON body', { status: 200, body: '<html>' }],
    ['a status that is not a number', { status: '200', headers: {}, body: '{}' }],
    [
      'a body getter that throws',
      Object.defineProperty({ status: 200, headers: {} }, 'body', {
        get() {
          throw new Error('boom');
        },
      }),
    ],
  ])('%s resolves data or rejects an IdaasServerError', async (_name, response) => {
    const { client } = signedIn(() => response as TransportResponse);
    const outcome = await client.request('GET /api/v2/sdk/captcha').then(
      () => 'resolved',
      (error: unknown) => (isServerError(error) ? 'server error' : error),
    );
    expect(['resolved', 'server error']).toContain(outcome);
  });
});

describe('17b. account-center failures keep both documented fields', () => {
  test('code is the precise key, category the envelope code (seed 001 §2.2)', () => {
    const body = JSON.stringify({
      success: false,
      code: 'Params.Illegal',
      message: 'Operation.Failure.Unsupport.2fa.Type',
      requestId: '1654681888509$40033cb3-9d4f-4a52-e3a3-447c52c80fb1',
      data: null,
    });
    expect(() => interpretAnswer({ status: 200, headers: {}, body }, [])).toThrow(
      expect.objectContaining({
        code: 'Operation.Failure.Unsupport.2fa.Type',
        category: 'Params.Illegal',
        requestId: '1654681888509$40033cb3-9d4f-4a52-e3a3-447c52c80fb1',
      }),
    );
  });

  test('a prose message keeps the category as code and as category', () => {
    const body = JSON.stringify({
      success: false,
      code: 'Operation.Failure',
      message: 'Something went wrong',
      data: null,
    });
    expect(() => interpretAnswer({ status: 200, headers: {}, body }, [])).toThrow(
      expect.objectContaining({ code: 'Operation.Failure', category: 'Operation.Failure' }),
    );
  });
});

describe('the walk is skipped only where it would change nothing', () => {
  const edge = fc.constantFrom(' ', '\n', '\t', '\u00a0', '\u3000', '\ufeff', '\u2028', '');
  const text = fc.tuple(edge, fc.string({ maxLength: 6 }), edge).map(([a, b, c]) => a + b + c);
  const key = fc.oneof(text, fc.constant('__proto__'), fc.constant('data'));
  const value = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.integer(),
      fc.array(tie('node'), { maxLength: 3 }),
      fc.dictionary(key, tie('node'), { maxKeys: 3 }),
    ),
  })).node;

  test.each([
    ['{"\\u3000a":"\\u00a0b"}', { a: 'b' }],
    ['{"a":"b\\u2028"}', { a: 'b' }],
    ['{"a":["\\ufeffb"]}', { a: ['b'] }],
    ['{"a":"\\tb"}', { a: 'b' }],
    ['{"a":"b\\n"}', { a: 'b' }],
    ['{"a":"\u3000b"}', { a: 'b' }],
    ['{"\\u005f_proto__":{"x":1},"a":1}', { a: 1 }],
  ])('whitespace or __proto__ behind an escape is still trimmed or dropped: %s', (json, expected) => {
    const value = interpretAnswer({ status: 200, headers: {}, body: json }, []) as Record<string, unknown>;
    expect(value).toEqual(expected);
    expect(Object.keys(value)).toEqual(Object.keys(expected));
  });

  test('any JSON text, compact, pretty or escaped, reads as the trimmed own-property copy', () => {
    fc.assert(
      fc.property(
        fc.dictionary(key, value, { maxKeys: 4 }),
        fc.constantFrom(0, 2),
        fc.boolean(),
        (body, indent, ascii) => {
          let json = JSON.stringify(body, null, indent);
          // Escaped, as some servers write non-ASCII: the whitespace hides behind \\uXXXX.
          if (ascii)
            json = json.replace(/[^\x20-\x7e\n]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
          // The reference: the same body handed over already parsed, which is always walked.
          const outcome = (body: unknown) => {
            try {
              return { value: interpretAnswer({ status: 200, headers: {}, body }, []) };
            } catch (error) {
              return { code: (error as { code?: string }).code };
            }
          };
          expect(outcome(json)).toEqual(outcome(JSON.parse(json)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
