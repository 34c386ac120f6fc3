/**
 * Every exported function of every entry of the built package, given any JavaScript value in any
 * argument, resolves or rejects (or returns or throws) with an IdaasError subclass, never a
 * TypeError (issue 14 point 11). The entries come from package.json's `exports`, and the functions
 * from what each built file exports, so a new entry or export is covered without anyone
 * remembering to. Methods of the objects the SDK returns (client, tokens, account center) are
 * called the same way. Needs `npm run build` first (npm test does it).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fakeClock, fakePlatform, idTokenFor, jsonResponse } from '../support/fakes';

const root = resolve(__dirname, '../..');
const pkg = require(join(root, 'package.json')) as { exports: Record<string, unknown> };

/** The CommonJS file an `exports` entry resolves to, whatever the nesting of its conditions. */
function requireTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return undefined;
  const conditions = value as Record<string, unknown>;
  for (const condition of ['require', 'node', 'default']) {
    const target = requireTarget(conditions[condition]);
    if (target) return target;
  }
  return undefined;
}

// Pattern exports (`./components/*`) are mini-program components that register themselves with the
// host's Component(); their input handling is tested in test/components. Every other entry is a module
// of functions and is enumerated here.
const entries = Object.keys(pkg.exports)
  .filter((entry) => !entry.endsWith('.json') && !entry.includes('*'))
  .map((entry) => [entry, requireTarget(pkg.exports[entry])] as const);

function hostileValues(): Array<[string, unknown]> {
  const circular: Record<string, unknown> = { a: 1 };
  circular.self = circular;
  const circularArray: unknown[] = [];
  circularArray.push(circularArray);
  const getters = Object.defineProperties(
    {},
    Object.fromEntries(
      [
        'type',
        'token',
        'x',
        'mobile',
        'email',
        'code',
        'detail',
        'status',
        'clientId',
        'baseUrl',
        'send',
        'tokens',
        'platform',
        'stateToken',
        'length',
        'then',
        'message',
        'session_token',
        'id_token',
        'phoneNumber',
        'captcha',
        'fId',
        'operation',
        'flowType',
        'uuid',
        'provider',
      ].map((name) => [
        name,
        {
          enumerable: true,
          get() {
            throw new Error(`getter ${name}`);
          },
        },
      ]),
    ),
  );
  const trapsThrow = new Proxy(
    {},
    {
      get() {
        throw new TypeError('trap');
      },
      has() {
        throw new TypeError('trap');
      },
      ownKeys() {
        throw new TypeError('trap');
      },
      getOwnPropertyDescriptor() {
        throw new TypeError('trap');
      },
    },
  );
  return [
    ['undefined', undefined],
    ['null', null],
    ['0', 0],
    ['42', 42],
    ['NaN', Number.NaN],
    ['-Infinity', Number.NEGATIVE_INFINITY],
    ['empty string', ''],
    ['a string', 'x'],
    ['true', true],
    ['[]', []],
    ['[1, "a"]', [1, 'a']],
    ['a circular object', circular],
    ['a circular array', circularArray],
    ['a BigInt', BigInt(10)],
    ['an object with throwing getters', getters],
    ['a proxy whose traps throw', trapsThrow],
    ['a Symbol', Symbol('hostile')],
    ['Object.create(null)', Object.create(null)],
    ['a function', () => 'x'],
    ['a Date', new Date(0)],
  ];
}

interface Loaded {
  isIdaasError(value: unknown): boolean;
  createClientFor(platform: unknown, options: unknown): Record<string, unknown>;
}

/** A signed-in client of the built package over an injected transport that answers at once. */
function clientOf(sdk: Loaded): Record<string, unknown> {
  const platform = fakePlatform(() => jsonResponse(200, {}));
  const client = sdk.createClientFor(platform, {
    baseUrl: 'https://tenant.example.com',
    clientId: 'app',
    clock: fakeClock(),
    logger: { warn() {} },
  });
  (client.tokens as { setSession(answer: unknown): void }).setSession({
    session_token: 'sess-hostile-0123456789',
    expire: 600,
    id_token: idTokenFor(300),
  });
  return client;
}

/** Any function the package exports. */
type AnyFunction = (...args: unknown[]) => unknown;

const isClass = (fn: AnyFunction) => /^class\b/.test(Function.prototype.toString.call(fn));

/** Calls `fn` and says how it ended: 'ok', or what escaped that is not an IdaasError. */
async function outcome(sdk: Loaded, call: () => unknown): Promise<string> {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    return sdk.isIdaasError(error) ? 'ok' : `threw ${describeFailure(error)}`;
  }
  if (!result || typeof (result as { then?: unknown }).then !== 'function') return 'ok';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise((resolve) => {
    timer = setTimeout(() => resolve('never settled'), 2000);
  });
  try {
    const settled = await Promise.race([(result as Promise<unknown>).then(() => 'ok'), hang]);
    return settled as string;
  } catch (error) {
    return sdk.isIdaasError(error) ? 'ok' : `rejected ${describeFailure(error)}`;
  } finally {
    clearTimeout(timer);
  }
}

function describeFailure(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
  } catch {
    return 'an unreadable value';
  }
}

/** Every function-valued member of `target`, own or inherited (not Object.prototype's). */
function methodsOf(target: Record<string, unknown>): string[] {
  const names = new Set<string>();
  for (let object = target; object && object !== Object.prototype; object = Object.getPrototypeOf(object)) {
    for (const name of Object.getOwnPropertyNames(object)) {
      if (name !== 'constructor' && typeof target[name] === 'function') names.add(name);
    }
  }
  return [...names];
}

/**
 * Calls `fn` once per (argument position, hostile value): the hostile value at that position, a
 * valid client before it (most functions take the client first), and with every argument hostile.
 */
async function attack(sdk: Loaded, label: string, fn: AnyFunction, self: unknown, failures: string[]) {
  const positions = Math.max(fn.length, 1) + 1;
  for (const [name, value] of hostileValues()) {
    const argumentLists: unknown[][] = [new Array(positions).fill(value)];
    for (let position = 1; position < positions; position++) {
      const args: unknown[] = [clientOf(sdk)];
      for (let i = 1; i < position; i++) args.push({});
      args.push(value);
      argumentLists.push(args);
    }
    for (const args of argumentLists) {
      const result = await outcome(sdk, () =>
        isClass(fn) ? Reflect.construct(fn as unknown as new (...a: unknown[]) => unknown, args) : fn.apply(self, args),
      );
      if (result !== 'ok')
        failures.push(
          `${label} with ${name} at ${args.length === positions && args[0] === value ? 'every position' : `position ${args.length - 1}`}: ${result}`,
        );
    }
  }
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist/index.cjs')))
    throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
});

test('package.json lists the entries this test enumerates, each a built file with exported functions', () => {
  expect(entries.length).toBeGreaterThanOrEqual(6);
  for (const [entry, target] of entries) {
    expect(target).toBeDefined();
    const exported = require(join(root, target!)) as Record<string, unknown>;
    expect(Object.values(exported).some((value) => typeof value === 'function')).toBe(true);
    expect(entry).toMatch(/^\.(\/|$)/);
  }
});

describe.each(entries)('every exported function of %s', (entry, target) => {
  test('given any JavaScript value in any argument, ends in an IdaasError or a result, never a TypeError', async () => {
    const sdk = require(join(root, 'dist/index.cjs')) as Loaded;
    const exported = require(join(root, target!)) as Record<string, unknown>;
    const failures: string[] = [];
    let count = 0;
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value !== 'function') continue;
      count++;
      await attack(sdk, `${entry} ${name}`, value as AnyFunction, undefined, failures);
    }
    expect(count).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  }, 120_000);
});

test('methods of the objects the SDK returns (client, tokens, account center) end the same way', async () => {
  const sdk = require(join(root, 'dist/index.cjs')) as Loaded;
  const { createAccountCenter } = require(join(root, 'dist/account-center.cjs')) as {
    createAccountCenter(client: unknown): Record<string, unknown>;
  };
  const failures: string[] = [];
  const targets: Array<[string, () => Record<string, unknown>]> = [
    ['client', () => clientOf(sdk)],
    ['client.tokens', () => clientOf(sdk).tokens as Record<string, unknown>],
    ['accountCenter', () => createAccountCenter(clientOf(sdk))],
  ];
  for (const [label, make] of targets) {
    const names = methodsOf(make());
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const object = make();
      await attack(sdk, `${label}.${name}`, object[name] as AnyFunction, object, failures);
    }
  }
  expect(failures).toEqual([]);
}, 120_000);
