import { settleLogin } from '../../src/api/login-result';
import { IdaasNetworkError, IdaasServerError, IdaasTimeoutError, isSessionError } from '../../src/errors';
import { createTokenManager, type SessionEvent, type TokenAnswer, type TokenManager } from '../../src/token/manager';
import { MAX_REFRESHES_PER_WINDOW, REFRESH_WINDOW_MS } from '../../src/token/policy';
import { deferred, fakeClock, flush, idTokenFor, makeJwt, memoryStorage } from '../support/fakes';

const KEY = 'idaas:v1:session:client-a@https://tenant.example.com';

function setup(options: { storage?: ReturnType<typeof memoryStorage>; random?: () => number } = {}) {
  const clock = fakeClock();
  const storage = options.storage || memoryStorage();
  const warnings: string[] = [];
  const events: SessionEvent[] = [];
  let handler: (sessionToken: string) => Promise<unknown> = async () => ({ id_token: idTokenFor(300) });
  const calls: string[] = [];
  const manager = createTokenManager({
    storage,
    storageKey: KEY,
    clock,
    random: options.random || (() => 0.5),
    logger: { warn: (message) => warnings.push(message) },
    refresh: (sessionToken) => {
      calls.push(sessionToken);
      return handler(sessionToken);
    },
  });
  manager.onChange((event) => events.push(event));
  return {
    clock,
    storage,
    warnings,
    events,
    calls,
    manager,
    answerWith(next: (sessionToken: string) => Promise<unknown>) {
      handler = next;
    },
  };
}

function login(manager: TokenManager, answer: Partial<TokenAnswer> = {}) {
  manager.setSession({ session_token: 'session-1', expire: 432000, id_token: idTokenFor(300), ...answer });
}

function stored(storage: ReturnType<typeof memoryStorage>) {
  const raw = storage.data.get(KEY);
  return raw ? JSON.parse(raw) : undefined;
}

describe('1. expiry is measured on the device clock', () => {
  test('an id_token whose server clock is years off is used for exp − iat from receipt', async () => {
    const t = setup();
    const idToken = idTokenFor(300); // iat around 2001, device clock in 2026
    login(t.manager, { id_token: idToken });
    t.clock.advance(200_000);
    await expect(t.manager.getIdToken()).resolves.toBe(idToken);
    expect(t.calls).toHaveLength(0);
    expect(t.manager.getSessionInfo()!.idTokenExpiresAt).toBe(t.clock.now() - 200_000 + 300_000);
  });

  test('the session ends at receive time + expire seconds', () => {
    const t = setup();
    login(t.manager, { expire: 43200 });
    t.clock.advance(43200 * 1000 - 1);
    expect(t.manager.isSignedIn()).toBe(true);
    t.clock.advance(1);
    expect(t.manager.isSignedIn()).toBe(false);
  });

  test('the JWT is decoded without atob/TextDecoder (profile from the stringified api claim)', () => {
    const t = setup();
    login(t.manager, { id_token: idTokenFor(300, { id: 'u-1', userName: '竹云', email: 'a@example.com' }) });
    expect(t.manager.getSessionInfo()!.profile).toEqual({ id: 'u-1', userName: '竹云', email: 'a@example.com' });
  });
});

describe('2. the refresh margin is proportional to the token life', () => {
  test('300 s token: 50 reads before 240 s send nothing, a read at 250 s sends one', async () => {
    const t = setup();
    login(t.manager);
    for (let i = 0; i < 50; i++) {
      t.clock.set(t.clock.now() + (i === 0 ? 0 : 4_000)); // 0..196 s
      await t.manager.getIdToken();
    }
    t.clock.advance(239_000 - 196_000);
    await t.manager.getIdToken();
    expect(t.calls).toHaveLength(0);
    t.clock.advance(11_000); // t = 250 s
    await t.manager.getIdToken();
    expect(t.calls).toHaveLength(1);
  });

  test('a one-hour token refreshes only in its last 60 s', async () => {
    const t = setup();
    login(t.manager, { id_token: idTokenFor(3600) });
    t.clock.advance(3539_000);
    await t.manager.getIdToken();
    expect(t.calls).toHaveLength(0);
    t.clock.advance(2_000);
    await t.manager.getIdToken();
    expect(t.calls).toHaveLength(1);
  });
});

describe('3. one refresh in flight', () => {
  test.each([20, 1000])('%i concurrent calls on an expired token send one request and share its token', async (n) => {
    const t = setup();
    login(t.manager);
    t.clock.advance(301_000);
    const fresh = idTokenFor(300);
    const answer = deferred<unknown>();
    t.answerWith(() => answer.promise);
    const all = Promise.all(Array.from({ length: n }, () => t.manager.getIdToken()));
    answer.resolve({ id_token: fresh });
    const tokens = await all;
    expect(t.calls).toHaveLength(1);
    expect(new Set(tokens)).toEqual(new Set([fresh]));
  });

  test('on failure every caller gets the same error, and the next call starts afresh', async () => {
    const t = setup();
    login(t.manager);
    t.clock.advance(301_000);
    const failure = new IdaasNetworkError({ code: 'NETWORK_ERROR', message: 'offline' });
    t.answerWith(async () => {
      throw failure;
    });
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => t.manager.getIdToken()));
    expect(t.calls).toHaveLength(1);
    for (const result of results) expect(result).toEqual({ status: 'rejected', reason: failure });
    const fresh = idTokenFor(300);
    t.answerWith(async () => ({ id_token: fresh }));
    await expect(t.manager.getIdToken()).resolves.toBe(fresh);
    expect(t.calls).toHaveLength(2);
  });
});

describe('4. no reliance on timers', () => {
  test('10 minutes pass with no timer firing: the read refreshes instead of serving the dead token', async () => {
    jest.useFakeTimers();
    try {
      const t = setup();
      const first = idTokenFor(300);
      login(t.manager, { id_token: first });
      expect(jest.getTimerCount()).toBe(0);
      t.clock.advance(10 * 60_000);
      const fresh = idTokenFor(300);
      t.answerWith(async () => ({ id_token: fresh }));
      const token = await t.manager.getIdToken();
      expect(token).toBe(fresh);
      expect(token).not.toBe(first);
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('5. failures are sorted', () => {
  const transient = [
    ['network error', new IdaasNetworkError({ code: 'NETWORK_ERROR', message: 'offline' })],
    ['timeout', new IdaasTimeoutError({ code: 'TIMEOUT', message: 'slow' })],
    ['HTTP 500', new IdaasServerError({ code: 'HTTP_500', message: 'boom', status: 500 })],
    ['HTTP 429', new IdaasServerError({ code: 'HTTP_429', message: 'slow down', status: 429 })],
  ] as const;

  test.each(transient)('%s keeps the session token and surfaces the typed error', async (_name, failure) => {
    const t = setup();
    login(t.manager);
    t.clock.advance(301_000);
    t.answerWith(async () => {
      throw failure;
    });
    await expect(t.manager.getIdToken()).rejects.toBe(failure);
    expect(t.manager.isSignedIn()).toBe(true);
    expect(stored(t.storage).sessionToken).toBe('session-1');
    expect(t.events.filter((e) => e.type === 'signedOut')).toHaveLength(0);
  });

  test('repeated transient failures back off: calls inside the window send nothing and get the last error', async () => {
    const t = setup({ random: () => 1 });
    login(t.manager);
    t.clock.advance(301_000);
    const failure = new IdaasNetworkError({ code: 'NETWORK_ERROR', message: 'offline' });
    t.answerWith(async () => {
      throw failure;
    });
    await expect(t.manager.getIdToken()).rejects.toBe(failure); // 1st failure: immediate retry allowed
    await expect(t.manager.getIdToken()).rejects.toBe(failure); // 2nd failure: backoff 1 s starts
    expect(t.calls).toHaveLength(2);
    await expect(t.manager.getIdToken()).rejects.toBe(failure);
    expect(t.calls).toHaveLength(2);
    t.clock.advance(1_000);
    await expect(t.manager.getIdToken()).rejects.toBe(failure); // 3rd failure: backoff 2 s
    expect(t.calls).toHaveLength(3);
    t.clock.advance(1_999);
    await expect(t.manager.getIdToken()).rejects.toBe(failure);
    expect(t.calls).toHaveLength(3);
  });

  test('a transient failure inside the margin serves the still-valid token', async () => {
    const t = setup();
    const current = idTokenFor(300);
    login(t.manager, { id_token: current });
    t.clock.advance(250_000); // in the margin, not expired
    t.answerWith(async () => {
      throw new IdaasNetworkError({ code: 'NETWORK_ERROR', message: 'offline' });
    });
    await expect(t.manager.getIdToken()).resolves.toBe(current);
  });

  test.each([
    ['IDAAS.SDK.PARAM.0023', 400],
    ['invalid_token', 401],
  ])('a definite %s answer clears the session and emits one signedOut', async (code, status) => {
    const t = setup();
    login(t.manager);
    t.clock.advance(301_000);
    t.answerWith(async () => {
      throw new IdaasServerError({ code, message: 'Invalid or expired session token', status });
    });
    const error = await t.manager.getIdToken().catch((e) => e);
    expect(isSessionError(error) && error.reason).toBe('invalid');
    expect(t.storage.data.has(KEY)).toBe(false);
    expect(t.events.filter((e) => e.type === 'signedOut')).toEqual([{ type: 'signedOut', reason: 'invalid' }]);
    await expect(t.manager.getIdToken()).rejects.toMatchObject({ reason: 'not_signed_in' });
    expect(t.events.filter((e) => e.type === 'signedOut')).toHaveLength(1);
  });
});

describe('6. the session ceiling', () => {
  test('past the session expiry: no network call, session cleared, session-expired error', async () => {
    const t = setup();
    login(t.manager, { expire: 3600, id_token: idTokenFor(7200) });
    t.clock.advance(3600_000);
    const error = await t.manager.getIdToken().catch((e) => e);
    expect(error).toMatchObject({ kind: 'session', reason: 'expired', code: 'SESSION_EXPIRED' });
    expect(t.calls).toHaveLength(0);
    expect(t.storage.data.has(KEY)).toBe(false);
    expect(t.events).toContainEqual({ type: 'signedOut', reason: 'expired' });
  });
});

describe('7. no resurrection', () => {
  test('logout during a refresh: storage stays empty and the refresh fires no event', async () => {
    const t = setup();
    login(t.manager);
    t.clock.advance(301_000);
    const answer = deferred<unknown>();
    t.answerWith(() => answer.promise);
    const pending = t.manager.getIdToken();
    t.manager.clear('logout');
    const eventsAfterLogout = t.events.length;
    answer.resolve({ id_token: idTokenFor(300), session_token: 'session-2', expire: 600 });
    await expect(pending).rejects.toMatchObject({ kind: 'session', reason: 'not_signed_in' });
    await flush();
    expect(t.storage.data.has(KEY)).toBe(false);
    expect(t.events.length).toBe(eventsAfterLogout);
    expect(t.manager.isSignedIn()).toBe(false);
  });

  test('a new login during a refresh wins over the late refresh answer', async () => {
    const t = setup();
    login(t.manager);
    t.clock.advance(301_000);
    const answer = deferred<unknown>();
    t.answerWith(() => answer.promise);
    const pending = t.manager.getIdToken();
    const second = idTokenFor(300);
    login(t.manager, { session_token: 'session-B', id_token: second });
    answer.resolve({ id_token: idTokenFor(300), session_token: 'session-A2', expire: 600 });
    await expect(pending).rejects.toMatchObject({ kind: 'session' });
    expect(stored(t.storage).sessionToken).toBe('session-B');
    await expect(t.manager.getIdToken()).resolves.toBe(second);
  });
});

describe('8. local-first logout', () => {
  test('clear() empties memory and storage at once, with no network involved', () => {
    const t = setup();
    login(t.manager);
    t.manager.clear('logout');
    expect(t.storage.data.size).toBe(0);
    expect(t.manager.isSignedIn()).toBe(false);
    expect(t.calls).toHaveLength(0);
    expect(t.events).toContainEqual({ type: 'signedOut', reason: 'logout' });
  });
  // The client-level logout with an offline server is in test/client.test.ts.
});

describe('9. corrupt storage heals', () => {
  const valid = { version: 1, sessionToken: 's', sessionExpiresAt: Date.UTC(2030, 0, 1) };
  test.each([
    ['garbage', 'garbage'],
    ['an empty object', '{}'],
    ['a number', '42'],
    ['null JSON', 'null'],
    ['an older schema', JSON.stringify({ ...valid, version: 0 })],
    ['a missing session token', JSON.stringify({ ...valid, sessionToken: undefined })],
    ['a mistyped expiry', JSON.stringify({ ...valid, sessionExpiresAt: 'tomorrow' })],
    ['an id_token without its expiry', JSON.stringify({ ...valid, idToken: 'x.y.z' })],
  ])('%s reads as signed out, is removed, and nothing throws', async (_name, raw) => {
    const storage = memoryStorage({ [KEY]: raw });
    const t = setup({ storage });
    expect(t.manager.isSignedIn()).toBe(false);
    expect(storage.data.has(KEY)).toBe(false);
    await expect(t.manager.getIdToken()).rejects.toMatchObject({ reason: 'not_signed_in' });
  });

  test('a valid stored record is picked up by a new manager (the app restarted)', async () => {
    const first = setup();
    login(first.manager);
    const restarted = setup({ storage: first.storage });
    expect(restarted.manager.isSignedIn()).toBe(true);
  });
});

describe('10. storage failure falls back to memory', () => {
  test('writes that throw: the manager keeps working in memory and warns exactly once', async () => {
    const storage = memoryStorage();
    storage.faults.set = true;
    const t = setup({ storage });
    login(t.manager);
    t.clock.advance(301_000);
    const fresh = idTokenFor(300);
    t.answerWith(async () => ({ id_token: fresh }));
    await expect(t.manager.getIdToken()).resolves.toBe(fresh);
    login(t.manager, { session_token: 'session-2' });
    expect(t.manager.isSignedIn()).toBe(true);
    expect(t.warnings).toHaveLength(1);
    expect(t.warnings[0]).toMatch(/memory/);
  });

  test('a storage that cannot even be read starts signed out, without throwing', () => {
    const storage = memoryStorage();
    storage.faults.get = true;
    const t = setup({ storage });
    expect(t.manager.isSignedIn()).toBe(false);
    expect(t.warnings).toHaveLength(1);
  });
});

describe('11. namespaced and versioned keys', () => {
  test('two managers with different keys on one storage never touch each other', () => {
    const storage = memoryStorage();
    const a = createTokenManager({ storage, storageKey: 'idaas:v1:session:a@x', refresh: async () => ({}) });
    const b = createTokenManager({ storage, storageKey: 'idaas:v1:session:b@x', refresh: async () => ({}) });
    a.setSession({ session_token: 'sa', expire: 60 });
    b.setSession({ session_token: 'sb', expire: 60 });
    b.clear('logout');
    expect(a.isSignedIn()).toBe(true);
    expect(JSON.parse(storage.data.get('idaas:v1:session:a@x')!).sessionToken).toBe('sa');
    expect(storage.data.has('idaas:v1:session:b@x')).toBe(false);
  });
});

describe('12. one atomic record', () => {
  test('session token, its expiry and the id_token are one value under one key', () => {
    const t = setup();
    login(t.manager);
    expect([...t.storage.data.keys()]).toEqual([KEY]);
    expect(stored(t.storage)).toMatchObject({ version: 1, sessionToken: 'session-1' });
    expect(typeof stored(t.storage).idToken).toBe('string');
  });

  test('a failed overwrite never leaves the previous login behind for the next launch', () => {
    const t = setup();
    login(t.manager, { session_token: 'user-A' });
    t.storage.faults.set = true;
    login(t.manager, { session_token: 'user-B' });
    expect(t.storage.data.has(KEY)).toBe(false);
    const restarted = setup({ storage: t.storage });
    expect(restarted.manager.isSignedIn()).toBe(false);
  });
});

describe('13. safe subscribers', () => {
  test('a throwing listener neither blocks the others nor the manager', () => {
    const t = setup();
    const seen: string[] = [];
    t.manager.onChange(() => {
      throw new Error('listener bug');
    });
    t.manager.onChange((event) => seen.push(event.type));
    login(t.manager);
    expect(seen).toEqual(['signedIn']);
    expect(t.manager.isSignedIn()).toBe(true);
    expect(t.warnings.some((w) => w.includes('listener'))).toBe(true);
  });

  test('a listener that awaits getIdToken inside its callback does not deadlock', async () => {
    const t = setup();
    login(t.manager);
    t.clock.advance(301_000);
    const inner = deferred<string>();
    t.manager.onChange((event) => {
      if (event.type === 'refreshed') t.manager.getIdToken().then(inner.resolve, inner.reject);
    });
    const outer = await t.manager.getIdToken();
    await expect(inner.promise).resolves.toBe(outer);
    expect(t.calls).toHaveLength(1);
  });

  test('unsubscribe stops delivery', () => {
    const t = setup();
    const seen: string[] = [];
    const off = t.manager.onChange((event) => seen.push(event.type));
    off();
    login(t.manager);
    expect(seen).toEqual([]);
  });
});

describe('14. the loop breaker', () => {
  test('a server that keeps returning expired tokens gets a bounded number of refreshes per window', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const t = setup();
      login(t.manager);
      t.clock.advance(301_000);
      t.answerWith(async () => {
        const iat = 1_700_000_000;
        return { id_token: makeJwt({ iat, exp: iat }) }; // dead on arrival
      });
      const results = await Promise.allSettled(Array.from({ length: 30 }, () => t.manager.getIdToken()).map((p) => p));
      for (let i = 0; i < 30; i++) await t.manager.getIdToken().catch(() => undefined);
      expect(t.calls.length).toBe(MAX_REFRESHES_PER_WINDOW);
      const error = await t.manager.getIdToken().catch((e) => e);
      expect(error).toMatchObject({ kind: 'session', reason: 'refresh_loop' });
      expect(error.message).toMatch(/id_tokens arrive expired: check their lifetime/);
      expect(t.manager.isSignedIn()).toBe(true);
      expect(results[0].status).toBe('fulfilled');
      t.clock.advance(REFRESH_WINDOW_MS);
      await t.manager.getIdToken();
      expect(t.calls.length).toBe(MAX_REFRESHES_PER_WINDOW + 1);
      await flush(20);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('15. everything is injectable', () => {
  test('time comes from the injected clock, not Date.now', async () => {
    const realNow = Date.now;
    Date.now = () => 0; // a wildly wrong global clock must change nothing
    try {
      const t = setup();
      login(t.manager);
      t.clock.advance(250_000);
      await t.manager.getIdToken();
      expect(t.calls).toHaveLength(1);
    } finally {
      Date.now = realNow;
    }
  });
});

describe('16. the state token is not a session', () => {
  test('a SOCIAL_BIND answer stores nothing; the state token lives on the in-memory continuation only', () => {
    const t = setup();
    const result = settleLogin(
      {
        status: 'SOCIAL_BIND',
        state_token: 'state-token-secret-value',
        data: { socialBindOrRegisterFlow: ['VERIFY_PHONE'] },
      },
      t.manager,
    );
    expect(result.status).toBe('SOCIAL_BIND');
    expect(t.storage.writes).toEqual([]);
    expect(t.manager.isSignedIn()).toBe(false);
    expect((result as { stateToken: string }).stateToken).toBe('state-token-secret-value');
    expect(JSON.stringify(result)).not.toContain('state-token-secret-value');
    expect(result).toMatchObject({ steps: ['VERIFY_PHONE'] });
  });

  test('a SUCCESS answer stores the tokens and never a state token', () => {
    const t = setup();
    const result = settleLogin(
      { status: 'SUCCESS', session_token: 's', expire: 60, id_token: idTokenFor(60), state_token: 'x' },
      t.manager,
    );
    expect(result.status).toBe('SUCCESS');
    expect(t.storage.data.get(KEY)).not.toContain('"x"');
    expect(Object.keys(stored(t.storage)).sort()).toEqual(
      ['idToken', 'idTokenExpiresAt', 'idTokenLifetime', 'sessionExpiresAt', 'sessionToken', 'version'].sort(),
    );
  });
});

describe('refresh answers', () => {
  test('a rotated session token is stored with a new lifetime', async () => {
    const t = setup();
    login(t.manager, { expire: 3600 });
    t.clock.advance(301_000);
    t.answerWith(async () => ({ id_token: idTokenFor(300), session_token: 'session-2', expire: 604800 }));
    await t.manager.getIdToken();
    expect(stored(t.storage).sessionToken).toBe('session-2');
    expect(stored(t.storage).sessionExpiresAt).toBe(t.clock.now() + 604800_000);
  });

  test('an echoed session token never extends its own end', async () => {
    const t = setup();
    login(t.manager, { expire: 3600 });
    const end = stored(t.storage).sessionExpiresAt;
    t.clock.advance(301_000);
    t.answerWith(async (sessionToken) => ({ id_token: idTokenFor(300), session_token: sessionToken, expire: 604800 }));
    await t.manager.getIdToken();
    expect(stored(t.storage).sessionExpiresAt).toBe(end);
  });

  test('an answer without id_token is a typed error and keeps the session', async () => {
    const t = setup();
    login(t.manager);
    t.clock.advance(301_000);
    t.answerWith(async () => ({ session_token: 'x' }));
    await expect(t.manager.getIdToken()).rejects.toMatchObject({ kind: 'server', code: 'INVALID_RESPONSE' });
    expect(stored(t.storage).sessionToken).toBe('session-1');
  });

  test('Alipay-style login without id_token: the first read fetches one', async () => {
    const t = setup();
    t.manager.setSession({ session_token: 'alipay-session', expire: 432000 });
    const fresh = idTokenFor(7200);
    t.answerWith(async () => ({ id_token: fresh }));
    await expect(t.manager.getIdToken()).resolves.toBe(fresh);
    expect(t.calls).toEqual(['alipay-session']);
  });

  test('setSession rejects an answer without session_token or expire and changes nothing', () => {
    const t = setup();
    login(t.manager);
    const before = t.storage.data.get(KEY);
    expect(() => t.manager.setSession({ expire: 60 })).toThrow(expect.objectContaining({ code: 'INVALID_RESPONSE' }));
    expect(() => t.manager.setSession({ session_token: 's', expire: -1 })).toThrow(/expire/);
    expect(t.storage.data.get(KEY)).toBe(before);
  });

  test('forceRefresh asks the server even for a fresh token', async () => {
    const t = setup();
    login(t.manager);
    await t.manager.getIdToken({ forceRefresh: true });
    expect(t.calls).toHaveLength(1);
  });
});
