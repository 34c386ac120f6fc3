/**
 * Tokens only travel over https: every base URL the SDK accepts (the client's, the account
 * center's) is https, or plain http to the loopback address of the machine itself (local
 * development, the emulator). Look-alikes of localhost are refused before any request, and no
 * request can be steered to another host through a route path.
 */
import { createAccountCenter } from '../../src/account-center';
import { createClientFor } from '../../src/client';
import { isValidationError } from '../../src/errors';
import { normalizeBaseUrl } from '../../src/http/url';
import { createClient as createWechatClient } from '../../src/wechat';
import { fakePlatform, jsonResponse } from '../support/fakes';

const REFUSED = [
  'http://acme.bccastle.com',
  'HTTP://acme.bccastle.com',
  'http://acme.bccastle.com:443',
  'http://10.0.0.8',
  'http://192.168.1.10:8787',
  'http://127.0.0.2', // loopback range, but not the address the docs name
  'http://0.0.0.0:8787',
  'http://localhost.evil.example',
  'http://localhost.',
  'http://localhost@evil.example',
  'http://localhost:80@evil.example',
  'http://127.0.0.1.nip.io',
  'http://127.0.0.1@evil.example',
  'http://[::1].evil.example',
  'http://evil.example/localhost',
  'http://evil.example?localhost',
  'http://evil.example#http://localhost',
  'ws://acme.bccastle.com',
  'ftp://acme.bccastle.com',
  'file:///etc/passwd',
  'javascript:alert(1)',
  '//acme.bccastle.com',
  'acme.bccastle.com',
  'https://',
  'https:///path',
  'https:// acme.bccastle.com',
  '',
  '   ',
];

const ACCEPTED: Array<[string, string]> = [
  ['https://acme.bccastle.com', 'https://acme.bccastle.com'],
  ['https://acme.bccastle.com/', 'https://acme.bccastle.com'],
  [' https://acme.bccastle.com:8443// ', 'https://acme.bccastle.com:8443'],
  ['HTTPS://ACME.bccastle.com', 'HTTPS://ACME.bccastle.com'],
  ['http://localhost', 'http://localhost'],
  ['http://localhost:8787/', 'http://localhost:8787'],
  ['http://127.0.0.1:8787', 'http://127.0.0.1:8787'],
  ['http://[::1]:8787', 'http://[::1]:8787'],
];

describe('base URLs', () => {
  test.each(REFUSED)('refuses %j before anything is created', (baseUrl) => {
    const platform = fakePlatform(() => jsonResponse(200, {}));
    let error: unknown;
    try {
      createClientFor(platform, { baseUrl, clientId: 'app' });
    } catch (caught) {
      error = caught;
    }
    expect(isValidationError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'INVALID_BASE_URL', field: 'baseUrl' });
    expect(platform.requests).toHaveLength(0);
    // The account center's own host override is held to the same rule ('' there means "not given").
    const client = createClientFor(platform, { baseUrl: 'https://acme.bccastle.com', clientId: 'app' });
    if (baseUrl === '') return;
    expect(() => createAccountCenter(client, { baseUrl })).toThrow(
      expect.objectContaining({ code: 'INVALID_BASE_URL' }),
    );
  });

  test('refuses what is not a string at all', () => {
    for (const baseUrl of [
      undefined,
      null,
      42,
      {},
      ['https://acme.bccastle.com'],
      new URL('https://acme.bccastle.com'),
    ]) {
      expect(() => normalizeBaseUrl(baseUrl)).toThrow(expect.objectContaining({ code: 'INVALID_BASE_URL' }));
    }
  });

  test.each(ACCEPTED)('accepts %j as %j, and every request goes to that origin', async (baseUrl, normalized) => {
    expect(normalizeBaseUrl(baseUrl)).toBe(normalized);
    const platform = fakePlatform(() =>
      jsonResponse(200, { status: 'SUCCESS', session_token: 's'.repeat(32), expire: 60 }),
    );
    const client = createClientFor(platform, { baseUrl, clientId: 'app' });
    await client.request('POST /api/v2/sdk/login', { user_name: 'a', password: 'b' });
    const sent = new URL(platform.requests[0]!.url);
    const expected = new URL(normalized);
    expect(sent.protocol).toBe(expected.protocol);
    expect(sent.host).toBe(expected.host);
    expect(['https:', 'http:']).toContain(sent.protocol);
    if (sent.protocol === 'http:') expect(['localhost', '127.0.0.1', '[::1]']).toContain(sent.hostname);
  });

  test('the platform entries apply the same rule (WeChat shown; Alipay and Taro share createClientFor)', () => {
    const wx = { request: jest.fn(), login: jest.fn() } as never;
    expect(() => createWechatClient({ wx, baseUrl: 'http://acme.bccastle.com', clientId: 'app' })).toThrow(
      expect.objectContaining({ code: 'INVALID_BASE_URL' }),
    );
  });
});

describe('route paths cannot leave the tenant host', () => {
  const escapes = [
    'GET @evil.example/x',
    'GET evil.example/x',
    'GET https://evil.example/x',
    'GET //evil.example/x',
    'GET /\\evil.example/x',
    'GET /%2F%2Fevil.example/x',
    'GET /x#@evil.example',
  ];

  test.each(escapes)('%j is refused, or sent to the tenant host', async (spec) => {
    const platform = fakePlatform(() => jsonResponse(200, {}));
    const client = createClientFor(platform, { baseUrl: 'https://acme.bccastle.com', clientId: 'app' });
    const outcome = await client.request(spec, undefined, { credential: 'none' }).then(
      () => 'sent',
      (error) => error,
    );
    if (outcome !== 'sent') {
      expect(outcome).toMatchObject({ kind: 'validation', code: 'INVALID_ROUTE' });
      expect(platform.requests).toHaveLength(0);
      return;
    }
    for (const request of platform.requests) {
      const url = new URL(request.url);
      expect(url.protocol).toBe('https:');
      expect(url.host).toBe('acme.bccastle.com');
      expect(url.username + url.password).toBe('');
    }
  });
});
