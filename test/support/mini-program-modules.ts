/**
 * A mini program's module system, for loading built files in a `vm` context the way the WeChat and
 * Alipay runtimes do: one function per file, a `require` that resolves relative paths only (a
 * mini program has no node_modules lookup at run time), and one cached module per file.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Context, runInContext } from 'node:vm';

/**
 * A `load(file)` over `context` and the cache of what it loaded (keys: absolute file paths).
 * @example
 * const { load } = miniProgramModules(createContext({ console }));
 * const sdk = load('/app/miniprogram_npm/idaas-miniprogram/wechat.js');
 */
export function miniProgramModules(context: Context) {
  const cache = new Map<string, { exports: Record<string, any> }>();
  const load = (file: string): Record<string, any> => {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} as Record<string, any> };
    cache.set(file, module);
    const wrapper = runInContext(`(function (module, exports, require) {${readFileSync(file, 'utf8')}\n})`, context, {
      filename: file,
    });
    wrapper(module, module.exports, (request: string) => {
      if (!request.startsWith('.')) throw new Error(`a mini program cannot require "${request}" from ${file}`);
      const target = resolve(dirname(file), request);
      return load(target.endsWith('.js') ? target : `${target}.js`);
    });
    return module.exports;
  };
  return { load, cache };
}
