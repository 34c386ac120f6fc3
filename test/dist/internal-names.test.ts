/**
 * Internal property names (the ones ending in `_`: src/platform/shape.ts's runtime shapes,
 * src/platform/failure.ts's error numbers) are shortened by the build (rollup.config.mjs, esbuild
 * `mangleProps`, one cache for every chunk). This checks what that may never break:
 * - the convention is in use in src/, and no such name survives in any shipped .js/.cjs/.mjs file;
 * - none reaches the typings (so none is public API) or the stored session record;
 * - the chunks agree on the short names: the built adapters, whose shapes are written in one chunk
 *   and read in another, still route headers, storage and every Alipay error number correctly,
 *   from dist/ (ESM and CommonJS) and from miniprogram_dist/.
 * Needs `npm run build` first (npm test does it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

const root = resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Every `name_` written as a property in src/: `name_:`, `name_?:`, `name_(`, `.name_`. */
function internalNames(): string[] {
  const names = new Set<string>();
  for (const file of filesUnder(join(root, 'src')).filter((f) => f.endsWith('.ts'))) {
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/(?:\.|\b)([a-z]\w*_)(?=\??\s*[:(]|\b)/g)) {
      const before = code[match.index! - 1];
      const after = code.slice(match.index! + match[0].length).trimStart()[0];
      if (match[0].startsWith('.') || after === ':' || after === '?' || after === '(') {
        if (before !== "'" && before !== '`' && before !== '"') names.add(match[1]!);
      }
    }
  }
  return [...names].sort();
}

const shipped = ['dist', 'miniprogram_dist']
  .flatMap((dir) => filesUnder(join(root, dir)))
  .filter((file) => /\.(c|m)?js$/.test(file));
const typings = filesUnder(join(root, 'dist')).filter((file) => /\.d\.m?ts$/.test(file));

test('the convention is in use: the runtime shape and the error numbers are named with a trailing _', () => {
  const names = internalNames();
  // A negative control for the two checks below: they look for these very names.
  expect(names).toEqual(expect.arrayContaining(['headerKey_', 'request_', 'name_', 'refused_', 'storage_']));
});

test('no internal name survives the build in any shipped file', () => {
  const names = internalNames();
  expect(shipped.length).toBeGreaterThan(10);
  const left = shipped.flatMap((file) => {
    const code = readFileSync(file, 'utf8');
    return names.filter((name) => new RegExp(`\\b${name}(?![\\w$])`).test(code)).map((name) => `${file}: ${name}`);
  });
  expect(left).toEqual([]);
});

test('no declared member of the typings ends in _ (so no internal name is public API)', () => {
  expect(typings.length).toBeGreaterThan(5);
  const members = typings.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\b([A-Za-z]\w*_)\??\s*[:(]/g)].map((match) => `${file}: ${match[1]}`),
  );
  expect(members).toEqual([]);
});

interface BuiltPlatform {
  request(request: object): Promise<{ status: number; headers: Record<string, string> }>;
  storage: { get(key: string): string | null; set(key: string, value: string): void };
  getLoginCode(): Promise<string>;
}

/** The parts of a built entry these tests use. */
interface Built {
  createClient(options: object): { tokens: { setSession(answer: object): void } };
  alipayPlatform(my: object): BuiltPlatform;
  wechatPlatform(wx: object): BuiltPlatform;
}

/** A built entry: CommonJS required as is; ESM (with its chunks) bundled as is by esbuild, no minifying. */
function built(entry: string): Built {
  const file = join(root, entry);
  if (!entry.endsWith('.mjs')) return require(file);
  const code = buildSync({ entryPoints: [file], bundle: true, format: 'cjs', write: false, logLevel: 'silent' })
    .outputFiles[0]!.text;
  const module = { exports: {} as Built };
  new Function('module', 'exports', 'require', code)(module, module.exports, require);
  return module.exports;
}

/** A `wx` that records what it is given; its storage keeps strings. */
function fakeWx() {
  const store = new Map<string, string>();
  const sent: Record<string, unknown>[] = [];
  return {
    store,
    sent,
    request(options: Record<string, unknown> & { success(result: object): void }) {
      sent.push(options);
      options.success({ statusCode: 200, header: { 'Content-Type': 'application/json' }, data: '{}' });
    },
    login(options: { success(result: object): void }) {
      options.success({ code: 'wx-code' });
    },
    getStorageSync: (key: string) => store.get(key) ?? '',
    setStorageSync: (key: string, value: string) => void store.set(key, value),
    removeStorageSync: (key: string) => void store.delete(key),
    getSystemInfoSync: () => ({ system: 'iOS 17', platform: 'ios', language: 'zh_CN', SDKVersion: '3.4.0' }),
  };
}

/** A `my` whose request, auth code and storage write fail with the given Alipay error numbers. */
function failingMy(request: number, auth: number, write: number) {
  return {
    request: (options: { fail(error: object): void }) => options.fail({ error: request, errorMessage: 'x' }),
    getAuthCode: (options: { fail(error: object): void }) => options.fail({ error: auth, errorMessage: 'x' }),
    getStorageSync: () => ({ data: null }),
    setStorageSync: () => ({ success: false, error: write, errorMessage: 'x' }),
    removeStorageSync: () => ({ success: true }),
    env: { platform: 'iOS', language: 'zh-Hans', clientVersion: '10.5.36' },
    SDKVersion: '2.9.0',
  };
}

describe.each(['dist/wechat.cjs', 'dist/wechat.mjs', 'miniprogram_dist/wechat.js'])('%s', (entry) => {
  test('the WeChat shape, written in one chunk and read in another, still sends headers under `header`', async () => {
    const wx = fakeWx();
    const platform = built(entry).wechatPlatform(wx);
    const answer = await platform.request({ method: 'GET', url: 'https://x.example.com/a', headers: { A: '1' }, timeoutMs: 1000 });
    expect(answer.status).toBe(200);
    expect(wx.sent[0]).toMatchObject({ header: { A: '1' }, url: 'https://x.example.com/a', dataType: 'text' });
    expect(wx.sent[0]).not.toHaveProperty('headers');
    await expect(platform.getLoginCode()).resolves.toBe('wx-code');
    platform.storage.set('k', 'v');
    expect(platform.storage.get('k')).toBe('v');
  });

  test('the stored session record has no internal name in it', async () => {
    const wx = fakeWx();
    const client = built(entry).createClient({ baseUrl: 'https://x.example.com', clientId: 'c', wx });
    client.tokens.setSession({ session_token: 'session-token-1234', expire: 3600 });
    const stored = [...wx.store.values()].find((value) => value.startsWith('{'))!;
    expect(Object.keys(JSON.parse(stored)).sort()).toEqual(['sessionExpiresAt', 'sessionToken', 'version']);
  });
});

describe.each(['dist/alipay.cjs', 'dist/alipay.mjs'])('%s', (entry) => {
  test("Alipay's error numbers, defined in one chunk and read in another, still mean what they say", async () => {
    const { alipayPlatform } = built(entry);
    // 13: a timeout; 11 on a prompt: the user cancelled; 14 on a write: over 200 KB per key.
    const platform = alipayPlatform(failingMy(13, 11, 14));
    await expect(platform.request({ method: 'GET', url: 'https://x.example.com', headers: {}, timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    await expect(platform.getLoginCode()).rejects.toMatchObject({ code: 'USER_CANCELLED' });
    expect(() => platform.storage.set('k', 'v')).toThrow(expect.objectContaining({ message: expect.stringContaining('over 200 KB per key') }));
    // 2: bad parameters; 3 on a prompt: no result, also a refusal.
    const other = alipayPlatform(failingMy(2, 3, 12));
    await expect(other.request({ method: 'GET', url: 'https://x.example.com', headers: {}, timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
    });
    await expect(other.getLoginCode()).rejects.toMatchObject({ code: 'USER_CANCELLED' });
    expect(() => other.storage.set('k', 'v')).toThrow(expect.objectContaining({ message: expect.stringContaining('over 10 MB in all') }));
  });
});
