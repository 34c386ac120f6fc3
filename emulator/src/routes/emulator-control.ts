/**
 * `/__emulator/*`: the levers tests and people pull (README.md lists them with curl examples).
 * No SDK headers are needed. Errors use the same envelope with `EMULATOR.*` codes.
 */
import { ok, type Reply, type RequestContext, type Route } from '../context';
import { ApiError } from '../errors';
import { parseFault } from '../faults';
import { normalizeEmail, normalizeMobile } from '../normalize';
import type { OtpChannel } from '../otp';
import { alipayPhoneResponse } from '../platform';
import { type EmulatorSeed, loadSeed, type SeedUser, validateSeed } from '../seed';
import type { SettingsPatch } from '../settings';
import type { User } from '../state';

const DAY = 86_400_000;

function bad(what: string): never {
  throw new ApiError('EMULATOR.BAD_REQUEST', [what]);
}

function str(ctx: RequestContext, name: string): string {
  const v = ctx.body[name];
  if (typeof v !== 'string' || v.trim() === '') bad(`"${name}" (non-empty string) is required`);
  return v.trim();
}

function num(ctx: RequestContext, name: string): number | undefined {
  const v = ctx.body[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(`"${name}" must be a finite number`);
  return v;
}

function phone(ctx: RequestContext): string {
  const p = normalizeMobile(str(ctx, 'phone'), ctx.state.tenant.defaultAreaCode);
  if (!p) bad('"phone" is not a valid mobile number');
  return p;
}

function clockView(ctx: RequestContext): Reply {
  const now = ctx.clock.now();
  return ok({ now, iso: new Date(now).toISOString(), frozen: ctx.clock.frozen });
}

/** A recipient as the outbox stores it (`13800000001` → `+86-13800000001`, emails lower-cased). */
function recipient(ctx: RequestContext): string | undefined {
  const to = ctx.query.get('to');
  if (!to) return undefined;
  // An unencoded `+` in a query string arrives as a space; normalizeMobile trims it away.
  return ctx.state.recipient(to);
}

function outboxFilter(ctx: RequestContext) {
  const channel = ctx.query.get('channel') ?? undefined;
  if (channel !== undefined && channel !== 'sms' && channel !== 'email') bad('channel must be sms or email');
  return { to: recipient(ctx), channel: channel as OtpChannel | undefined, type: ctx.query.get('type') ?? undefined };
}

type StateAndClock = Pick<RequestContext, 'state' | 'clock'>;

function userView(ctx: StateAndClock, u: User): Record<string, unknown> {
  return ctx.state.userView(u);
}

/** Applies the mutable seed-user fields to an existing user. */
function patchUser(ctx: StateAndClock, user: User, patch: Partial<SeedUser>): void {
  const area = ctx.state.tenant.defaultAreaCode;
  if (patch.mobile !== undefined) {
    const m = normalizeMobile(patch.mobile, area);
    if (!m) bad('invalid mobile');
    user.mobile = m;
  }
  if (patch.email !== undefined) {
    const e = normalizeEmail(patch.email);
    if (!e) bad('invalid email');
    user.email = e;
  }
  if (patch.name !== undefined) user.name = patch.name;
  if (patch.userName !== undefined) user.userName = patch.userName;
  if (patch.status !== undefined) user.status = patch.status;
  if (patch.mfa !== undefined) user.mfa = patch.mfa;
  if (patch.password !== undefined) {
    if (patch.password === null) user.password = null;
    else ctx.state.setPassword(user, patch.password);
  }
  if (patch.passwordExpiresInDays !== undefined)
    user.passwordExpiresAt =
      patch.passwordExpiresInDays === null ? null : ctx.clock.now() + patch.passwordExpiresInDays * DAY;
  if (patch.profile !== undefined) Object.assign(user.profile, patch.profile);
  for (const s of patch.social ?? []) ctx.state.bind(user.id, s.type, s.uid, s);
}

/** Adds a user described like a seed user (`POST /__emulator/users`, `emulator.addUser()`); `bad()` on conflicts. */
export function addUser(ctx: StateAndClock, input: Partial<SeedUser>): Record<string, unknown> {
  const probe: EmulatorSeed = {
    tenant: {},
    apps: [{ clientId: 'probe', name: 'probe' }],
    users: [{ id: input.id ?? 'probe-id', userName: input.userName ?? 'probe-user', ...input } as SeedUser],
  };
  const problems = validateSeed(probe);
  if (problems.length) bad(problems.join('; '));
  if (input.id && ctx.state.users.has(input.id)) bad(`user id "${input.id}" exists`);
  if (input.userName && ctx.state.userByUserName(input.userName)) bad(`userName "${input.userName}" exists`);
  const area = ctx.state.tenant.defaultAreaCode;
  if (input.mobile && ctx.state.userByMobile(normalizeMobile(input.mobile, area)!)) bad('mobile in use');
  if (input.email && ctx.state.userByEmail(normalizeEmail(input.email)!)) bad('email in use');
  const user = ctx.state.createUser({ id: input.id, userName: input.userName });
  patchUser(ctx, user, { ...input, userName: undefined });
  return userView(ctx, user);
}

const control = (method: Route['method'], path: string, handler: Route['handler']): Route => ({
  method,
  path: `/__emulator${path}`,
  kind: 'control',
  handler,
});

export const controlRoutes: Route[] = [
  control('GET', '', (ctx) =>
    ok({
      emulator: 'idaas-miniprogram IDaaS emulator',
      baseUrl: ctx.state.baseUrl,
      clientIds: [...ctx.state.apps.keys()],
      docs: 'emulator/docs/control-api.md',
      console: `${ctx.state.baseUrl}/__emulator/ui`,
    }),
  ),

  control('GET', '/state', (ctx) => ok(ctx.state.snapshot())),

  /** Body optional: `{"seed": {...}}` replaces the seed, `{"seedPath": "file.json"}` loads one. */
  control('POST', '/reset', (ctx) => {
    let seed: EmulatorSeed | undefined;
    if (ctx.body.seed !== undefined) {
      const problems = validateSeed(ctx.body.seed as EmulatorSeed);
      if (problems.length) bad(problems.join('; '));
      seed = ctx.body.seed as EmulatorSeed;
    } else if (ctx.body.seedPath !== undefined) {
      try {
        seed = loadSeed(str(ctx, 'seedPath'));
      } catch (e) {
        bad((e as Error).message);
      }
    }
    ctx.state.reset(seed);
    return ok({ reset: true, users: ctx.state.users.size, apps: ctx.state.apps.size });
  }),

  /** The last vendor-route requests with headers and answers, tokens masked (the console's list). */
  control('GET', '/requests', (ctx) => ok({ requests: ctx.state.requests.list() })),
  control('DELETE', '/requests', (ctx) => {
    ctx.state.requests.clear();
    return ok({ requests: [] });
  }),

  control('GET', '/clock', clockView),
  /** `{"advance": ms}`, `{"set": ms}`, `{"freeze": true|false}`; combinable (freeze, set, advance, unfreeze). */
  control('POST', '/clock', (ctx) => {
    const set = num(ctx, 'set');
    const advance = num(ctx, 'advance');
    const freeze = ctx.body.freeze;
    if (set === undefined && advance === undefined && freeze === undefined) bad('give "advance", "set" or "freeze"');
    if (freeze !== undefined && typeof freeze !== 'boolean') bad('"freeze" must be a boolean');
    // Freezing first, so that a `set` or `advance` lands exactly (a ticking clock moves between the two).
    if (freeze === true) ctx.clock.freeze(true);
    if (set !== undefined) ctx.clock.set(set);
    if (advance !== undefined) ctx.clock.advance(advance);
    if (freeze === false) ctx.clock.freeze(false);
    return clockView(ctx);
  }),

  control('GET', '/settings', (ctx) => ok(ctx.state.tenant)),
  control('POST', '/settings', (ctx) => {
    try {
      return ok(ctx.state.patchSettings(ctx.body as SettingsPatch));
    } catch (e) {
      bad((e as Error).message);
    }
  }),

  control('GET', '/outbox', (ctx) => ok({ messages: ctx.state.otp.messages(outboxFilter(ctx)) })),
  control('GET', '/outbox/latest', (ctx) => {
    const messages = ctx.state.otp.messages(outboxFilter(ctx));
    const last = messages[messages.length - 1];
    if (!last) throw new ApiError('EMULATOR.NOT_FOUND', ['no matching message']);
    return ok(last);
  }),
  control('DELETE', '/outbox', (ctx) => ok({ cleared: ctx.state.otp.clearOutbox(recipient(ctx)) })),

  control('GET', '/captcha/:token', (ctx) => {
    const answer = ctx.state.captcha.peek(ctx.params.token ?? '');
    if (!answer) throw new ApiError('EMULATOR.NOT_FOUND', ['no live captcha with this token']);
    return ok(answer);
  }),

  // ---- simulated platforms ----
  control('POST', '/wechat/login-code', (ctx) => {
    const ttl = num(ctx, 'ttlSeconds') ?? ctx.state.tenant.platform.wechatLoginCodeTtlSeconds;
    return ok({ code: ctx.state.platform.issue('wechat_login', str(ctx, 'openid'), ttl) });
  }),
  control('POST', '/wechat/phone-code', (ctx) => {
    const ttl = num(ctx, 'ttlSeconds') ?? ctx.state.tenant.platform.wechatPhoneCodeTtlSeconds;
    return ok({ code: ctx.state.platform.issue('wechat_phone', phone(ctx), ttl) });
  }),
  control('POST', '/alipay/auth-code', (ctx) => {
    const ttl = num(ctx, 'ttlSeconds') ?? ctx.state.tenant.platform.alipayAuthCodeTtlSeconds;
    return ok({ authCode: ctx.state.platform.issue('alipay_auth', str(ctx, 'userId'), ttl) });
  }),
  control('POST', '/alipay/phone', (ctx) => {
    const ttl = num(ctx, 'ttlSeconds') ?? ctx.state.tenant.platform.alipayPhoneTtlSeconds;
    return ok({ response: alipayPhoneResponse(ctx.state.platform.issue('alipay_phone', phone(ctx), ttl)) });
  }),
  /** App logins: `provider` wechat | alipay | apple (→ `code`) or qq | weibo (→ `access_token`). */
  control('POST', '/social/token', (ctx) => {
    const provider = str(ctx, 'provider');
    if (!['wechat', 'alipay', 'apple', 'qq', 'weibo'].includes(provider))
      bad('provider must be wechat, alipay, apple, qq or weibo');
    const ttl = num(ctx, 'ttlSeconds') ?? ctx.state.tenant.platform.otherTokenTtlSeconds;
    const value = ctx.state.platform.issue('app_social', str(ctx, 'uid'), ttl, provider);
    return ok({ code: value, access_token: value });
  }),
  control('POST', '/aliyun/token', (ctx) => {
    const ttl = num(ctx, 'ttlSeconds') ?? ctx.state.tenant.platform.otherTokenTtlSeconds;
    return ok({ access_token: ctx.state.platform.issue('aliyun_mobile', phone(ctx), ttl) });
  }),

  // ---- users, keys, faults ----
  control('POST', '/users', (ctx) => ok(addUser(ctx, ctx.body as Partial<SeedUser>))),
  control('GET', '/users/:id', (ctx) => {
    const user = ctx.state.users.get(ctx.params.id ?? '');
    if (!user) throw new ApiError('EMULATOR.NOT_FOUND', ['user']);
    return ok(userView(ctx, user));
  }),
  /** Patch: mobile, email, name, userName, status, mfa, password, passwordExpiresInDays, profile, social (added). */
  control('POST', '/users/:id', (ctx) => {
    const user = ctx.state.users.get(ctx.params.id ?? '');
    if (!user) throw new ApiError('EMULATOR.NOT_FOUND', ['user']);
    patchUser(ctx, user, ctx.body as Partial<SeedUser>);
    return ok(userView(ctx, user));
  }),

  control('POST', '/keys/rotate', async (ctx) => {
    const key = await ctx.state.keys.rotate(ctx.body.keepOld === true);
    return ok({ kid: key.kid, keys: ctx.state.keys.jwks().keys.map((k) => k.kid) });
  }),

  control('GET', '/faults', (ctx) => ok({ faults: ctx.state.faults.list() })),
  control('POST', '/faults', (ctx) => {
    try {
      ctx.state.faults.add(parseFault(ctx.body));
    } catch (e) {
      bad((e as Error).message);
    }
    return ok({ faults: ctx.state.faults.list() });
  }),
  control('DELETE', '/faults', (ctx) => {
    ctx.state.faults.clear();
    return ok({ faults: [] });
  }),
];
