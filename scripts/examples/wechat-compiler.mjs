// WeChat's own compiler, offline: miniprogram-ci's packNpm ("Tools → Build npm") and
// getCompiledResult (the compile DevTools runs before a preview). getCompiledResult first fetches
// the project's settings from WeChat's servers unless the project is given `attr` (platform-facts
// §10), so it is: DefaultProjectAttr is what DevTools assumes for a fresh appid.
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/** A throwaway RSA key: miniprogram-ci insists on one, offline compiles never use it. */
function throwawayKey(path) {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    writeFileSync(path, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  }
  return path;
}

/** Runs `work` with miniprogram-ci's console chatter kept aside; it is printed only on failure. */
async function quietly(work) {
  const chatter = [];
  const saved = { log: console.log, info: console.info, warn: console.warn };
  const keep = (...args) => chatter.push(args.map(String).join(' '));
  console.log = keep;
  console.info = keep;
  console.warn = keep;
  try {
    return await work();
  } catch (error) {
    error.chatter = chatter.join('\n');
    throw error;
  } finally {
    Object.assign(console, saved);
  }
}

/**
 * Builds npm (optional) and compiles a mini-program project with WeChat's compiler. Rejects on a
 * compile error, and on any packNpm warning whose code is not in `allowedPackWarnings`.
 * Resolves `{ packReport, warnings, files }` (files: the compiled result's file names).
 */
export async function compileWithWechat(projectPath, { keyPath, packNpm = true, allowedPackWarnings = [] }) {
  const ci = require('miniprogram-ci');
  const project = new ci.Project({
    appid: 'wx0000000000000000',
    type: 'miniProgram',
    projectPath,
    privateKeyPath: throwawayKey(keyPath),
    ignores: ['node_modules/**/*'],
    attr: async () => ci.DefaultProjectAttr,
  });
  return quietly(async () => {
    let packReport;
    let warnings = [];
    if (packNpm) {
      warnings = await ci.packNpm(project, { reporter: (info) => (packReport = info) });
      const refused = warnings.filter((warning) => !allowedPackWarnings.includes(warning.code));
      if (refused.length > 0) {
        const lines = refused.map((w) => `  ${w.code}: ${w.msg}${w.jsPath ? ` @ ${w.jsPath}:${w.startLine}` : ''}`);
        throw new Error(`packNpm (Build npm) warned:\n${lines.join('\n')}`);
      }
    }
    const result = await ci.getCompiledResult({ project, setting: { es6: true, enhance: true, minify: false } });
    return { packReport, warnings, files: Object.keys(result) };
  });
}

// As a command (the examples' CI runs it in a child process: miniprogram-ci leaves handles open
// for minutes after its work is done, so the process exits explicitly):
//   node wechat-compiler.mjs <projectDir> --key <file> [--no-pack-npm] [--allow-pack-warning CODE]...
// Prints one JSON line `{ ok, packReport, warnings, files | error, code }`; exit code 0 or 1.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const args = process.argv.slice(2);
  const option = (name) => args.flatMap((arg, i) => (arg === name ? [args[i + 1]] : []));
  const projectPath = resolve(args[0]);
  compileWithWechat(projectPath, {
    keyPath: resolve(option('--key')[0] || '.cache/examples/wechat-ci.key'),
    packNpm: !args.includes('--no-pack-npm'),
    allowedPackWarnings: option('--allow-pack-warning'),
  }).then(
    (result) => {
      process.stdout.write(`${JSON.stringify({ ok: true, ...result })}\n`);
      process.exit(0);
    },
    (error) => {
      process.stdout.write(
        `${JSON.stringify({ ok: false, error: String(error.message || error), code: error.code })}\n`,
      );
      if (error.chatter) process.stderr.write(`${error.chatter.slice(-4000)}\n`);
      process.exit(1);
    },
  );
}
