import { runInNewContext } from 'node:vm';
import {
  IdaasError,
  IdaasNetworkError,
  IdaasPlatformError,
  IdaasServerError,
  IdaasSessionError,
  IdaasTimeoutError,
  IdaasUserCancelledError,
  IdaasValidationError,
  isIdaasError,
  isNetworkError,
  isPlatformError,
  isServerError,
  isSessionError,
  isTimeoutError,
  isTransientError,
  isUserCancelledError,
  isValidationError,
} from '../src/errors';

const samples = {
  network: new IdaasNetworkError({ code: 'NETWORK_ERROR', message: 'offline' }),
  timeout: new IdaasTimeoutError({ code: 'TIMEOUT', message: 'slow' }),
  server: new IdaasServerError({ code: 'IDAAS.SDK.CAPTCHA.0007', message: 'Incorrect verification code', status: 400 }),
  platform: new IdaasPlatformError({ code: 'STORAGE_WRITE_FAILED', message: 'full', platformCode: 14 }),
  cancelled: new IdaasUserCancelledError({
    code: 'USER_CANCELLED',
    message: 'deny',
    platformMessage: 'getPhoneNumber:fail user deny',
  }),
  validation: new IdaasValidationError({ code: 'INVALID_MOBILE', message: 'bad mobile', field: 'mobile' }),
  session: new IdaasSessionError({ code: 'SESSION_EXPIRED', message: 'expired', reason: 'expired' }),
};
const guards = {
  network: isNetworkError,
  timeout: isTimeoutError,
  server: isServerError,
  platform: isPlatformError,
  cancelled: isUserCancelledError,
  validation: isValidationError,
  session: isSessionError,
};

describe('the error tree', () => {
  test.each(Object.keys(samples) as Array<keyof typeof samples>)('%s: exactly its own guard matches', (kind) => {
    const error = samples[kind];
    expect(error).toBeInstanceOf(IdaasError);
    expect(error).toBeInstanceOf(Error);
    expect(isIdaasError(error)).toBe(true);
    expect(error.kind).toBe(kind);
    for (const [name, guard] of Object.entries(guards)) expect([name, guard(error)]).toEqual([name, name === kind]);
  });

  test('keeps code, status, requestId, cause and the subclass extras', () => {
    const cause = new Error('low level');
    const error = new IdaasServerError({ code: 'X', message: 'm', status: 502, requestId: 'r-1', cause });
    expect(error).toMatchObject({ code: 'X', status: 502, requestId: 'r-1', cause, name: 'IdaasServerError' });
    expect(samples.validation.field).toBe('mobile');
    expect(samples.platform.platformCode).toBe(14);
    expect(samples.session.reason).toBe('expired');
  });

  test('guards work across realms (an error object made by another copy of the SDK)', () => {
    const foreign = runInNewContext(`
      const e = new Error('from another realm');
      Object.defineProperty(e, Symbol.for('idaas-miniprogram.error'), { value: true });
      e.kind = 'timeout'; e.code = 'TIMEOUT';
      e`);
    expect(foreign instanceof IdaasError).toBe(false);
    expect(isIdaasError(foreign)).toBe(true);
    expect(isTimeoutError(foreign)).toBe(true);
    expect(isNetworkError(foreign)).toBe(false);
  });

  test('look-alikes without the brand are not SDK errors', () => {
    expect(isIdaasError({ kind: 'network', code: 'NETWORK_ERROR' })).toBe(false);
    expect(isIdaasError(null)).toBe(false);
    expect(isIdaasError('network')).toBe(false);
  });

  test('transient = no answer, timeout, 5xx, 429 or unreadable; definite 4xx answers are not', () => {
    expect(isTransientError(samples.network)).toBe(true);
    expect(isTransientError(samples.timeout)).toBe(true);
    expect(isTransientError(new IdaasServerError({ code: 'HTTP_503', message: '', status: 503 }))).toBe(true);
    expect(isTransientError(new IdaasServerError({ code: 'HTTP_429', message: '', status: 429 }))).toBe(true);
    expect(isTransientError(new IdaasServerError({ code: 'INVALID_RESPONSE', message: '', status: 200 }))).toBe(true);
    expect(isTransientError(samples.server)).toBe(false);
    expect(isTransientError(samples.session)).toBe(false);
    expect(isTransientError(new Error('x'))).toBe(false);
  });
});

// The catalogue of sentences and describeError: test/messages/.
