/**
 * idaas-emulator's programmatic API: a local copy of the Zhuyun (BambooCloud) IDaaS CIAM client API
 * (`/api/v2/sdk/*`, the account center, JWKS) on 127.0.0.1, for the tests and dev builds of a mini
 * program. Start one per test file on a free port, read the codes it "sent", pull its levers, stop it.
 * Everything here works in-process and synchronously except start and stop; the same levers exist as
 * HTTP control routes (`/__emulator/*`, docs/control-api.md) and in the console (`/__emulator/ui`).
 *
 * @example
 * import { startEmulator } from 'idaas-emulator';
 *
 * const emu = await startEmulator({ port: 0 });        // a free port; emu.url is the SDK's baseUrl
 * // … your app sends an SMS code through emu.url …
 * const code = emu.latestCode('+86-13800000001');     // read it back from the outbox
 * emu.clock.advance(5 * 60_000);                      // …and let it expire
 * await emu.stop();
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { ControlAccess, DEMO_ORIGINS, isLoopbackAddress } from './access';
import { type Clock, createClock } from './clock';
import { ApiError } from './errors';
import { stateAsSeed } from './export';
import { type Fault, parseFault } from './faults';
import { attachState } from './internal';
import type { OtpChannel, OutboxMessage } from './otp';
import { alipayPhoneHandle, alipayPhoneResponse } from './platform';
import type { RequestRecord } from './request-log';
import { addUser } from './routes/emulator-control';
import { type EmulatorSeed, loadSeed, type SeedUser } from './seed';
import { createEmulatorServer } from './server';
import type { SettingsPatch, TenantSettings } from './settings';
import { EmulatorState, type UserView } from './state';
import { KeyRing } from './tokens';

export { DEMO_ORIGINS } from './access';
export type { Clock } from './clock';
export { EXPORT_FILE } from './export';
export type { Fault } from './faults';
export type { OtpChannel, OutboxMessage } from './otp';
export type { RequestRecord } from './request-log';
export type { EmulatorSeed, SeedApp, SeedSocialAccount, SeedUser, SocialType } from './seed';
export { DEFAULT_SEED_PATH, loadSeed, SEED_SCHEMA_PATH, validateSeed } from './seed';
export { DEFAULT_SETTINGS, type SettingsPatch, type TenantSettings } from './settings';
export type { UserView } from './state';

export interface StartEmulatorOptions {
  /** 8787 by default; 0 picks a free port (read it from `url` / `port`). */
  port?: number;
  /**
   * 127.0.0.1 by default. Any other address is an explicit choice: the emulator warns (through
   * `warn`) that other machines may reach it, and their control requests then need `controlToken`.
   */
  host?: string;
  /** A seed object, or a path to a seed JSON file. Default: the packaged seeds/default.json. */
  seed?: EmulatorSeed | string;
  /** Start the clock at this epoch-millisecond time (it then ticks, unless `frozen`). Default: real time. */
  now?: number;
  /** Start with the clock stopped (`clock.advance` moves it). Default false. */
  frozen?: boolean;
  /** Receives one line per request. Default: silent. */
  log?: (line: string) => void;
  /** Receives warnings (a non-loopback host). Default: `console.warn`. */
  warn?: (line: string) => void;
  /**
   * Browser origins whose pages may use the control routes besides the emulator's own console.
   * Default: the h5 demo's ({@link DEMO_ORIGINS}). Others need the token.
   */
  allowedOrigins?: string[];
  /** The control token (header `X-Emulator-Token` or `?token=`). Default: random, see `controlToken`. */
  controlToken?: string;
  /** Told every session and state token issued: lets your tests check your app never logs one. */
  onTokenIssued?: (token: string, kind: 'session_token' | 'state_token') => void;
}

/** The emulator's clock: every expiry reads it. */
export interface EmulatorClock extends Clock {}

export interface OutboxFilter {
  /** A mobile (`13800000001`, `+86-13800000001`) or an email; normalized as the outbox stores them. */
  to?: string;
  channel?: OtpChannel;
  /** `LOGIN_SMS`, `REGISTER_EMS`, … */
  type?: string;
}

/** A live session as the emulator holds it (the token is the real one: treat it as a secret). */
export interface SessionView {
  token: string;
  familyId: string;
  userId: string;
  clientId: string;
  createdAt: number;
  expiresAt: number;
}

export interface Emulator {
  /** `http://127.0.0.1:<port>`: the SDK's `baseUrl`. */
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** Lets a request from anywhere use the control routes (`X-Emulator-Token` header or `?token=`). */
  readonly controlToken: string;
  /**
   * The emulator's clock. It ticks with real time unless frozen.
   *
   * @example
   * emu.clock.freeze();
   * emu.clock.advance(2 * 3600_000); // id_tokens issued now are expired
   */
  readonly clock: EmulatorClock;
  /**
   * The codes "sent" by SMS and email, oldest first.
   *
   * @example
   * const [message] = emu.outbox({ to: '13800000001', type: 'LOGIN_SMS' });
   * expect(message.text).toContain(message.code);
   */
  outbox(filter?: OutboxFilter): OutboxMessage[];
  /**
   * The newest code sent to `to` (optionally of one channel or type); throws when there is none.
   *
   * @example
   * await page.tap('Send code');
   * await page.type('code', emu.latestCode('+86-13800000001'));
   */
  latestCode(to: string, filter?: Omit<OutboxFilter, 'to'>): string;
  /**
   * Empties the outbox (of one recipient, or all); returns how many messages went. Live codes stay valid.
   *
   * @example
   * emu.clearOutbox('13800000001');
   */
  clearOutbox(to?: string): number;
  /**
   * The tenant settings in force (the seed's, plus what `setSettings` changed).
   *
   * @example
   * expect(emu.settings().otp.ttlSeconds).toBe(300);
   */
  settings(): TenantSettings;
  /**
   * Changes tenant settings (groups merge key by key); throws on an unknown name or a wrong type.
   *
   * @example
   * emu.setSettings({ rotateSessionToken: true, otp: { fixedCode: '123456' } });
   */
  setSettings(patch: SettingsPatch): TenantSettings;
  /**
   * The faults waiting to be injected.
   *
   * @example
   * expect(emu.faults()).toEqual([]);
   */
  faults(): Fault[];
  /**
   * Makes the next `times` (default 1) requests to `path` fail: an error `status` (the vendor's
   * "System busy" envelope), a raw `body`, a `delayMs`, a `drop`ped connection, a `truncate`d answer.
   *
   * @example
   * emu.addFault({ path: '/api/v2/sdk/login/mobile-verify-code', status: 500 });
   * emu.addFault({ path: '/api/v2/sdk/sso/session-token/id-token', drop: true, times: 2 });
   */
  addFault(fault: Partial<Fault> & { path: string }): Fault[];
  /**
   * Forgets every waiting fault.
   *
   * @example
   * afterEach(() => emu.clearFaults());
   */
  clearFaults(): void;
  /**
   * Every user, without passwords, with their linked WeChat/Alipay/… identities (`social`).
   *
   * @example
   * expect(emu.users().map((u) => u.userName)).toContain('alice');
   */
  users(): UserView[];
  /**
   * One user by id, user name, mobile or email; undefined when there is none.
   *
   * @example
   * expect(emu.user('+86-13900000077')?.social[0]?.socialType).toBe('wechat_miniprogram');
   */
  user(key: string): UserView | undefined;
  /**
   * Adds a user described like a seed user; throws on a bad field or a taken name, mobile or email.
   *
   * @example
   * emu.addUser({ id: 'u-carol', userName: 'carol', mobile: '13800000099', password: 'Passw0rd!carol' });
   */
  addUser(user: Partial<SeedUser>): UserView;
  /**
   * The live sessions (their tokens are real: keep them out of snapshots).
   *
   * @example
   * expect(emu.sessions().filter((s) => s.userId === alice.id)).toHaveLength(1);
   */
  sessions(): SessionView[];
  /**
   * The last vendor-route requests (oldest first) with headers and answers, tokens masked.
   *
   * @example
   * const last = emu.requests().at(-1);
   * expect(last?.headers['x-client-id']).toBe('my-client-id');
   */
  requests(): RequestRecord[];
  /**
   * The answer to a live slider captcha (`GET /api/v2/sdk/captcha` gave the token).
   *
   * @example
   * const { x } = emu.captchaAnswer(puzzle.token)!;
   */
  captchaAnswer(token: string): { x: number; y: number } | undefined;
  /**
   * A single-use `wx.login` code for an openid, as WeChat would hand your mini program.
   *
   * @example
   * const code = emu.wechatLoginCode('o-test-user');
   */
  wechatLoginCode(openid: string, ttlSeconds?: number): string;
  /**
   * A single-use phone-number code (`getPhoneNumber`'s `detail.code`) for a mobile.
   *
   * @example
   * const code = emu.wechatPhoneCode('13800000001');
   */
  wechatPhoneCode(phone: string, ttlSeconds?: number): string;
  /**
   * A single-use `my.getAuthCode` authCode for an Alipay user id.
   *
   * @example
   * const authCode = emu.alipayAuthCode('2088000000000001');
   */
  alipayAuthCode(userId: string, ttlSeconds?: number): string;
  /**
   * The `response` string `my.getPhoneNumber` would give for a mobile (single-use).
   *
   * @example
   * const response = emu.alipayPhoneResponse('13800000001');
   */
  alipayPhoneResponse(phone: string, ttlSeconds?: number): string;
  /**
   * Uses up a simulated platform credential as the login routes would, and says whose it was: the
   * openid, mobile or Alipay user id; undefined when it is unknown, spent or expired. For testing
   * your own stand-ins of `wx`/`my` against the emulator. `alipay_phone` takes the `response` string.
   *
   * @example
   * expect(emu.redeemCredential('wechat_login', code)).toBe('o-test-user');
   * expect(emu.redeemCredential('wechat_login', code)).toBeUndefined(); // single-use
   */
  redeemCredential(
    kind: 'wechat_login' | 'wechat_phone' | 'alipay_auth' | 'alipay_phone',
    value: string,
  ): string | undefined;
  /**
   * Lets one more browser origin use the control routes.
   *
   * @example
   * emu.allowOrigin('http://127.0.0.1:5173');
   */
  allowOrigin(origin: string): void;
  /**
   * Back to the seed (or a new one): users, settings and apps reloaded; sessions, codes, captchas,
   * faults and the request list forgotten. The clock and signing keys stay.
   *
   * @example
   * beforeEach(() => emu.reset());
   * emu.reset({ apps: [{ clientId: 'my-app', name: 'My app' }], users: [] });
   */
  reset(seed?: EmulatorSeed | string): void;
  /**
   * Today's tenant, apps and users as a seed (what `--export-on-exit` writes).
   *
   * @example
   * writeFileSync('seed.json', JSON.stringify(emu.exportSeed()));
   */
  exportSeed(): EmulatorSeed;
  /**
   * Stops listening and closes every connection.
   *
   * @example
   * afterAll(() => emu.stop());
   */
  stop(): Promise<void>;
  /**
   * The same as `stop()`.
   *
   * @example
   * afterAll(() => emu.close());
   */
  close(): Promise<void>;
}

/** The former name of {@link Emulator}. */
export type RunningEmulator = Emulator;

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

function unwrap<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    // The control routes' ApiError carries its text in args; an API caller wants a plain Error.
    if (e instanceof ApiError) throw new Error(e.args.join(' ') || e.code);
    throw e;
  }
}

/**
 * Starts an emulator and resolves once it listens.
 *
 * @example
 * let emu: Emulator;
 * beforeAll(async () => {
 *   emu = await startEmulator({ port: 0, seed: 'test/seed.json', frozen: true });
 * });
 * afterEach(() => emu.reset());
 * afterAll(() => emu.stop());
 */
export async function startEmulator(options: StartEmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? DEFAULT_HOST;
  const seed = loadSeed(options.seed);
  const clock = createClock(options.now);
  if (options.frozen) clock.freeze(true);
  const state = new EmulatorState(seed, clock, await KeyRing.create(), options.onTokenIssued);
  const access = new ControlAccess(
    options.controlToken ?? randomBytes(18).toString('base64url'),
    options.allowedOrigins ?? DEMO_ORIGINS,
    host,
  );
  const server = createEmulatorServer({ state, clock, log: options.log, access });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  access.port = port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  state.baseUrl = url;
  if (host !== DEFAULT_HOST) {
    (options.warn ?? console.warn)(
      `WARNING: the IDaaS emulator listens on ${host}:${port}, not 127.0.0.1.${isLoopbackAddress(host) ? '' : ' Other machines that reach this address can sign in as its test users;'} control routes from other machines need the token.`,
    );
  }
  const ctx = { state, clock };
  const ttlOf = (name: keyof TenantSettings['platform'], given?: number) => given ?? state.tenant.platform[name];
  const stop = () =>
    new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      server.closeAllConnections();
    });
  return attachState(
    {
      url,
      port,
      host,
      controlToken: access.token,
      clock,
      outbox: (filter = {}) =>
        state.otp.messages({ ...filter, to: filter.to === undefined ? undefined : state.recipient(filter.to) }),
      latestCode(to, filter = {}) {
        const messages = state.otp.messages({ ...filter, to: state.recipient(to) });
        const last = messages[messages.length - 1];
        if (!last) throw new Error(`the emulator's outbox holds no code for ${state.recipient(to)}`);
        return last.code;
      },
      clearOutbox: (to) => state.otp.clearOutbox(to === undefined ? undefined : state.recipient(to)),
      settings: () => state.tenant,
      setSettings: (patch) => state.patchSettings(patch),
      faults: () => state.faults.list(),
      addFault(fault) {
        state.faults.add(parseFault(fault as unknown as Record<string, unknown>));
        return state.faults.list();
      },
      clearFaults: () => state.faults.clear(),
      users: () => [...state.users.values()].map((u) => state.userView(u)),
      user(key) {
        const u =
          state.users.get(key) ?? state.userByIdentifier(key, state.tenant.defaultAreaCode) ?? state.userByEmail(key);
        return u && state.userView(u);
      },
      addUser: (user) => unwrap(() => addUser(ctx, user) as UserView),
      sessions: () => state.sessions.all().map((s) => ({ ...s })),
      requests: () => state.requests.list(),
      captchaAnswer: (token) => state.captcha.peek(token),
      wechatLoginCode: (openid, ttl) =>
        state.platform.issue('wechat_login', openid, ttlOf('wechatLoginCodeTtlSeconds', ttl)),
      wechatPhoneCode: (phone, ttl) =>
        state.platform.issue('wechat_phone', state.recipient(phone), ttlOf('wechatPhoneCodeTtlSeconds', ttl)),
      alipayAuthCode: (userId, ttl) =>
        state.platform.issue('alipay_auth', userId, ttlOf('alipayAuthCodeTtlSeconds', ttl)),
      alipayPhoneResponse: (phone, ttl) =>
        alipayPhoneResponse(
          state.platform.issue('alipay_phone', state.recipient(phone), ttlOf('alipayPhoneTtlSeconds', ttl)),
        ),
      redeemCredential: (kind, value) =>
        state.platform.redeem(kind, kind === 'alipay_phone' ? alipayPhoneHandle(value) : value)?.subject,
      allowOrigin: (origin) => access.allow(origin),
      reset: (next) => state.reset(next === undefined ? undefined : loadSeed(next)),
      exportSeed: () => stateAsSeed(state),
      stop,
      close: stop,
    },
    state,
  );
}
