/**
 * `tenantId`: Huawei Cloud OneAccess serves the same client API, and its ISV apps name the tenant
 * in `X-tenant-id` (client-api.md §0.2). Sent on every request when given, never otherwise;
 * validated as a header value; one tenant's session never lands in another's storage key.
 */
import { createClientFor, sessionStorageKey } from '../src/client';
import { isValidationError } from '../src/errors';
import { fakePlatform, idTokenFor, jsonResponse } from './support/fakes';

const BASE = 'https://oneaccess.example.com';

test('X-tenant-id goes on every request, credentialed or not, trimmed', async () => {
  const platform = fakePlatform(() => jsonResponse(200, []));
  const client = createClientFor(platform, { baseUrl: BASE, clientId: 'isv-app', tenantId: ' tenant-42 ' });
  client.tokens.setSession({ session_token: 's', expire: 600, id_token: idTokenFor(3600) });
  await client.request('GET /api/v2/sdk/country-codes');
  await client.request('GET /api/v2/sdk/social', undefined, { credential: 'idToken' });
  expect(platform.requests.map((request) => request.headers['X-tenant-id'])).toEqual(['tenant-42', 'tenant-42']);
});

test('without tenantId no X-tenant-id header is sent (bccastle tenants)', async () => {
  const platform = fakePlatform(() => jsonResponse(200, []));
  const client = createClientFor(platform, { baseUrl: BASE, clientId: 'app' });
  await client.request('GET /api/v2/sdk/country-codes');
  expect(Object.keys(platform.requests[0]!.headers)).not.toContain('X-tenant-id');
});

test.each([
  ['empty', ''],
  ['blank', '   '],
  ['a space inside', 'tenant 42'],
  ['CR/LF (header injection)', 'tenant\r\nX-evil: 1'],
  ['non-ASCII', '租户'],
  ['too long', 'x'.repeat(129)],
  ['a number', 42],
  ['an object', { id: 't' }],
  ['null', null],
])('tenantId %s throws INVALID_TENANT_ID before anything is sent', (_label, tenantId) => {
  const platform = fakePlatform(() => jsonResponse(200, []));
  let error: unknown;
  try {
    createClientFor(platform, { baseUrl: BASE, clientId: 'app', tenantId: tenantId as string });
  } catch (e) {
    error = e;
  }
  expect(isValidationError(error)).toBe(true);
  expect(error).toMatchObject({ code: 'INVALID_TENANT_ID', field: 'tenantId' });
  expect(platform.requests).toHaveLength(0);
});

test('two tenants of one ISV app keep separate sessions; no tenant keeps the old key', () => {
  const platform = fakePlatform(() => jsonResponse(200, []));
  const a = createClientFor(platform, { baseUrl: BASE, clientId: 'isv-app', tenantId: 'tenant-a' });
  const b = createClientFor(platform, { baseUrl: BASE, clientId: 'isv-app', tenantId: 'tenant-b' });
  a.tokens.setSession({ session_token: 'session-a', expire: 600 });
  expect(b.tokens.isSignedIn()).toBe(false);
  expect(sessionStorageKey('isv-app', BASE, 'tenant-a')).not.toBe(sessionStorageKey('isv-app', BASE, 'tenant-b'));
  expect(sessionStorageKey('app', BASE)).toBe(`idaas:v1:session:app@${BASE}`);
});
