/**
 * Importing an adapter must have no side effects: bundlers may evaluate every entry, and an H5 or
 * Node build has no `wx`/`my`. The globals may only be read when a factory is called.
 */
const MODULES = [
  '../../src/platform/native',
  '../../src/platform/failure',
  '../../src/platform/invoke',
  '../../src/platform/transport',
  '../../src/platform/storage',
  '../../src/platform/info',
  '../../src/platform/shape',
  '../../src/platform/host',
  '../../src/platform/uni',
  '../../src/platform/wechat',
  '../../src/platform/alipay',
  '../../src/platform/taro',
  '../../src/platform/detect',
];

afterEach(() => {
  const scope = globalThis as Record<string, unknown>;
  delete scope.wx;
  delete scope.my;
});

test.each(MODULES)('importing %s with no wx/my defined does not throw', (path) => {
  jest.isolateModules(() => {
    expect(() => require(path)).not.toThrow();
  });
});

test('no module reads wx or my at import time', () => {
  const reads: string[] = [];
  for (const name of ['wx', 'my']) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() {
        reads.push(name);
        return undefined;
      },
    });
  }
  jest.isolateModules(() => {
    for (const path of MODULES) require(path);
  });
  expect(reads).toEqual([]);
});
