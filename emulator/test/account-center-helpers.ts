/** Shared helpers of the account-center tests: calls with a Bearer id_token, envelope assertions, flows. */
import type { Answer, Harness } from './harness';

export const AC = '/api/bff/v1.2/developer/ciam/user';
export const REQUEST_ID = /^\d{13}\$[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const F_ID = /^\d{33}_Y_03$/;

/** An account-center call: no device headers, no client id (neither is required), optional Bearer. */
export function ac(
  h: Harness,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return h.call(method, `${AC}${path}`, {
    body,
    noDevice: true,
    clientId: null,
    headers: token ? { Authorization: `Bearer ${token}`, ...headers } : headers,
  });
}

/** A seeded user's id_token from a password login (alice, bob: `Passw0rd!<name>`). */
export async function idToken(h: Harness, userName = 'alice', password = `Passw0rd!${userName}`): Promise<string> {
  const r = await h.post('/login', { user_name: userName, password });
  expect(r.body.status).toBe('SUCCESS');
  return r.body.id_token;
}

/** The `data` of a success envelope (asserting the envelope). */
export function okData(r: Answer): any {
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ success: true, code: 'Operation.Success', message: 'Operation.Success' });
  expect(r.body.requestId).toMatch(REQUEST_ID);
  return r.body.data;
}

export function expectFailure(r: Answer, code: string, message: string, status = 200): void {
  expect({ status: r.status, body: r.body }).toEqual({
    status,
    body: { success: false, code, message, requestId: expect.stringMatching(REQUEST_ID), data: null },
  });
}

/** operate_check, then (when asked) 2FA by password: a fId ready for the operation itself. */
export async function readyFId(h: Harness, token: string, operateType: string, password: string): Promise<string> {
  const check = okData(await ac(h, 'GET', `/operate_check?operateType=${operateType}`, token));
  if (check.flowType !== 'NEED_TWO_FACTOR') return check.fId;
  return okData(await ac(h, 'POST', '/2fa/verify_code', token, { fId: check.fId, type: 'PWD', password })).fId;
}
