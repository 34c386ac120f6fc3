/**
 * Issue 13's per-call fast path keeps what each call would compute, per client: the last route
 * spec's parse, the last credential found clean, the device headers once read. None of it may
 * leak from one call into another that differs.
 */
import { createClientFor } from '../../src/client';
import type { TransportRequest } from '../../src/platform/types';
import { fakePlatform, idTokenFor, jsonResponse } from '../support/fakes';

const BASE = 'https://tenant.example.com';

function install() {
  const requests: TransportRequest[] = [];
  const transport = (request: TransportRequest) => {
    requests.push(request);
    return Promise.resolve(jsonResponse(200, { ok: true }));
  };
  const client = createClientFor(fakePlatform(transport), { baseUrl: BASE, clientId: 'mini-app', transport });
  return { client, requests, sent: () => requests.map((request) => `${request.method} ${request.url}`) };
}

test('routes in any order are each sent as their own spec says (the kept parse is the last spec only)', async () => {
  const app = install();
  const specs = ['GET /api/v2/sdk/a', 'POST /api/v2/sdk/b', 'GET /api/v2/sdk/a', 'GET /api/v2/sdk/a', 'POST /x'];
  for (const spec of specs) await app.client.request(spec);
  expect(app.sent()).toEqual(specs.map((spec) => spec.replace(' /', ` ${BASE}/`)));
});

test('a malformed spec after a good one is refused and sends nothing; a good one after it is sent', async () => {
  const app = install();
  await app.client.request('GET /api/v2/sdk/a');
  await expect(app.client.request('GET api/v2/sdk/a')).rejects.toMatchObject({ code: 'INVALID_ROUTE' });
  await expect(app.client.request('GET api/v2/sdk/a')).rejects.toMatchObject({ code: 'INVALID_ROUTE' });
  await app.client.request('GET /api/v2/sdk/a');
  expect(app.sent()).toEqual([`GET ${BASE}/api/v2/sdk/a`, `GET ${BASE}/api/v2/sdk/a`]);
});

test('a credential is checked whenever it changes: a clean token does not let the next, broken one through', async () => {
  const app = install();
  await app.client.request('POST /api/v2/sdk/x', {}, { credential: 'state', stateToken: 'state-1' });
  for (const broken of ['state-1\r\nX-Evil: 1', 'state-2\n']) {
    await expect(
      app.client.request('POST /api/v2/sdk/x', {}, { credential: 'state', stateToken: broken }),
    ).rejects.toMatchObject({ code: 'INVALID_HEADER', field: 'X-state-token' });
  }
  await app.client.request('POST /api/v2/sdk/x', {}, { credential: 'state', stateToken: 'state-1' });
  expect(app.requests.map((request) => request.headers['X-state-token'])).toEqual(['state-1', 'state-1']);
});

test('a clean id_token call does not let a broken bearer through, on any later call', async () => {
  const app = install();
  app.client.tokens.setSession({ session_token: 'session-1', expire: 432000, id_token: idTokenFor(3600) });
  await app.client.request('GET /api/v2/sdk/me', undefined, { credential: 'idToken' });
  const broken = `${idTokenFor(3600)}\r\nX-Evil: 1`;
  for (let i = 0; i < 2; i++) {
    await expect(
      app.client.send({ spec: 'GET /api/v2/sdk/me', credential: 'none' }, { bearer: broken }),
    ).rejects.toMatchObject({ code: 'INVALID_HEADER', field: 'Authorization' });
  }
  expect(app.requests).toHaveLength(1);
});
