/** Refresh (with and without rotation), expiry through the clock, id_token checks, keys, logout and logoff. */
import { BIND_APP, Harness, jwtPayload, verifyWithJose, WECHAT_APP } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.emu.reset());

const DAY = 86_400_000;

function refresh(sessionToken: string, clientId = WECHAT_APP) {
  return h.post('/sso/session-token/id-token', undefined, { clientId, headers: { 'session-token': sessionToken } });
}

describe('refresh', () => {
  it('echoes the session token with its remaining lifetime and a fresh id_token (no status)', async () => {
    const login = await h.wechatLogin('o-emu-openid-alice');
    await h.advance(DAY);
    const r = await refresh(login.body.session_token);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['expire', 'id_token', 'session_token']);
    expect(r.body.session_token).toBe(login.body.session_token);
    expect(r.body.expire).toBeLessThanOrEqual(432000 - 86400);
    expect(r.body.expire).toBeGreaterThan(432000 - 86400 - 5);
    expect(jwtPayload(r.body.id_token).jti).not.toBe(jwtPayload(login.body.id_token).jti);
    expect((await verifyWithJose(h, r.body.id_token, WECHAT_APP)).ok).toBe(true);
  });

  it('rotates the session token when the tenant says so; the old one stops working', async () => {
    const login = await h.post('/login', { user_name: 'alice', password: 'Passw0rd!alice' }, { clientId: BIND_APP });
    const r = await refresh(login.body.session_token, BIND_APP);
    expect(r.body.session_token).not.toBe(login.body.session_token);
    expect(r.body.expire).toBe(432000);
    expect((await refresh(login.body.session_token, BIND_APP)).body.error_code).toBe('IDAAS.SDK.PARAM.0023');
    expect((await refresh(r.body.session_token, BIND_APP)).status).toBe(200);
    // id_tokens issued before the rotation stay valid until they expire.
    expect((await h.get('/social', h.bearer(login.body.id_token, BIND_APP))).status).toBe(200);
  });

  it('rejects missing, unknown, foreign-app and expired session tokens', async () => {
    const missing = await h.post('/sso/session-token/id-token');
    expect(missing.body).toEqual({ error_code: 'IDAAS.SDK.PARAM.0023', error_msg: 'Invalid or expired session token' });
    expect((await refresh('nope')).body.error_code).toBe('IDAAS.SDK.PARAM.0023');
    const login = await h.wechatLogin('o-emu-openid-alice');
    expect((await refresh(login.body.session_token, BIND_APP)).body.error_code).toBe('IDAAS.SDK.PARAM.0023');
    // `X-session-token` or a Bearer scheme is not the documented header.
    const wrongHeader = await h.post('/sso/session-token/id-token', undefined, {
      headers: { 'X-session-token': login.body.session_token },
    });
    expect(wrongHeader.body.error_code).toBe('IDAAS.SDK.PARAM.0023');
    await h.advance(432000 * 1000 - 1000);
    expect((await refresh(login.body.session_token)).status).toBe(200);
    await h.advance(2000);
    expect((await refresh(login.body.session_token)).body.error_code).toBe('IDAAS.SDK.PARAM.0023');
  });

  it('stops refreshing for a user disabled meanwhile', async () => {
    const login = await h.wechatLogin('o-emu-openid-alice');
    await h.control('POST', '/users/20240101000000001-E1A1-EMUALICE1', { status: 'disabled' });
    expect((await refresh(login.body.session_token)).body.error_code).toBe('IDAAS.SDK.PARAM.0023');
  });
});

describe('id_token checks', () => {
  it('expires id_tokens with the clock while the session lives on', async () => {
    const login = await h.wechatLogin('o-emu-openid-alice');
    const auth = h.bearer(login.body.id_token);
    expect((await h.get('/social', auth)).status).toBe(200);
    await h.advance(7201 * 1000);
    expect((await h.get('/social', auth)).body).toEqual({
      error_code: 'IDAAS.SDK.PARAM.0016',
      error_msg: 'IdToken is invalid or expired',
    });
    expect(await verifyWithJose(h, login.body.id_token, WECHAT_APP)).toEqual({ ok: false, code: 'ERR_JWT_EXPIRED' });
    const r = await refresh(login.body.session_token);
    expect((await h.get('/social', h.bearer(r.body.id_token))).status).toBe(200);
  });

  it('rejects tampered, foreign-audience and malformed tokens', async () => {
    const login = await h.wechatLogin('o-emu-openid-alice');
    const [head, , sig] = login.body.id_token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...jwtPayload(login.body.id_token), sub: '20240101000000002-E1A2-EMUBOB002' }),
    ).toString('base64url');
    const tampered = `${head}.${forged}.${sig}`;
    expect((await h.get('/social', h.bearer(tampered))).body.error_code).toBe('IDAAS.SDK.PARAM.0016');
    expect(await verifyWithJose(h, tampered, WECHAT_APP)).toEqual({
      ok: false,
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    });
    expect((await h.get('/social', h.bearer(login.body.id_token, BIND_APP))).body.error_code).toBe(
      'IDAAS.SDK.PARAM.0016',
    );
    expect((await h.get('/pwd/check-exist', { headers: { Authorization: login.body.id_token } })).body.error_code).toBe(
      'IDAAS.SDK.PARAM.0016',
    );
    expect((await h.get('/pwd/check-exist')).body.error_code).toBe('IDAAS.SDK.PARAM.0016');
  });

  it('keeps old tokens valid across a key rotation only while the old key is published', async () => {
    const login = await h.wechatLogin('o-emu-openid-alice');
    const kept = await h.control('POST', '/keys/rotate', { keepOld: true });
    expect(kept.body).toEqual({ kid: 'k2', keys: ['k2', 'k1'] });
    expect((await h.get('/social', h.bearer(login.body.id_token))).status).toBe(200);
    const next = await h.wechatLogin('o-emu-openid-alice');
    expect(JSON.parse(Buffer.from(next.body.id_token.split('.')[0], 'base64url').toString()).kid).toBe('k2');
    expect((await verifyWithJose(h, next.body.id_token, WECHAT_APP)).ok).toBe(true);
    await h.control('POST', '/keys/rotate', {});
    expect((await h.get('/social', h.bearer(login.body.id_token))).body.error_code).toBe('IDAAS.SDK.PARAM.0016');
  });
});

describe('logout and logoff', () => {
  it('logout by session-token ends the session and its id_tokens', async () => {
    const login = await h.wechatLogin('o-emu-openid-alice');
    const other = await h.wechatLogin('o-emu-openid-alice');
    const r = await h.post('/logout', undefined, { headers: { 'session-token': login.body.session_token } });
    expect(r).toMatchObject({ status: 200, text: '' });
    expect((await refresh(login.body.session_token)).body.error_code).toBe('IDAAS.SDK.PARAM.0023');
    expect((await h.get('/social', h.bearer(login.body.id_token))).body.error_code).toBe('IDAAS.SDK.PARAM.0016');
    // Another session of the same user is untouched.
    expect((await refresh(other.body.session_token)).status).toBe(200);
    expect(
      (await h.post('/logout', undefined, { headers: { 'session-token': login.body.session_token } })).body.error_code,
    ).toBe('IDAAS.SDK.PARAM.0023');
  });

  it('logout by Bearer id_token ends the session that issued it', async () => {
    const login = await h.wechatLogin('o-emu-openid-alice');
    expect((await h.post('/logout', undefined, h.bearer(login.body.id_token))).status).toBe(200);
    expect((await refresh(login.body.session_token)).body.error_code).toBe('IDAAS.SDK.PARAM.0023');
    expect((await h.post('/logout')).body.error_code).toBe('IDAAS.SDK.PARAM.0023');
  });

  it('logoff deletes the user with bindings and sessions', async () => {
    const login = await h.wechatLogin('o-emu-openid-alice');
    expect(await h.post('/logoff', undefined, h.bearer(login.body.id_token))).toMatchObject({ status: 200, text: '' });
    expect((await refresh(login.body.session_token)).body.error_code).toBe('IDAAS.SDK.PARAM.0023');
    expect((await h.post('/login', { user_name: 'alice', password: 'Passw0rd!alice' })).body.error_code).toBe(
      'IDAAS.SDK.LOGIN.0001',
    );
    expect((await h.wechatLogin('o-emu-openid-alice')).body.status).toBe('USER_REGISTER');
    expect((await h.post('/logoff', undefined, h.bearer(login.body.id_token))).body.error_code).toBe(
      'IDAAS.SDK.PARAM.0016',
    );
  });
});
