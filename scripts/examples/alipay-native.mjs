// examples/alipay-native, checked as far as anything offline can (there is no offline Alipay
// compiler: minidev downloads its builder first, platform-facts §10):
// - every page app.json lists has its .js, .axml and .json; every usingComponents path resolves
//   to a component with .js, .axml and .json;
// - every AXML file is well-formed and every ACSS file parses (postcss);
// - bundled together (esbuild, a stand-in for Alipay's builder, honouring `exports`), the app,
//   its pages and the components they use contain the SDK once.
// Negative controls: a copy with an unclosed tag, a missing page, and a bundle that does load the
// SDK twice must each be caught.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { markupProblems } from './alipay-markup.mjs';
import { assert, filesUnder, installExample, root } from './common.mjs';
import { SDK_MARKER } from './wechat-native.mjs';

const require = createRequire(join(root, 'package.json'));

/** Where Alipay looks for a usingComponents path used from `fromDir`. */
function componentBase(project, fromDir, path) {
  if (path.startsWith('/')) return join(project, path);
  if (path.startsWith('.')) return join(fromDir, path);
  return join(project, 'node_modules', path);
}

/** How a bundler is asked for a component from node_modules: its package path (through `exports`). */
function specifier(path) {
  return path && !path.startsWith('/') && !path.startsWith('.') ? `${path}.js` : undefined;
}

/** The pages and every component they reach: `[{ base, kind }]` (base: path without extension). */
function modules(project, problems) {
  const app = JSON.parse(readFileSync(join(project, 'app.json'), 'utf8'));
  const found = [];
  const seen = new Set();
  const visit = (base, kind, from, path) => {
    if (seen.has(base)) return;
    seen.add(base);
    const missing = ['.js', '.axml', '.json'].filter((ext) => !existsSync(base + ext));
    if (missing.length > 0) {
      problems.push(`${kind} ${relative(project, base)} (from ${from}) has no ${missing.join(', ')}`);
      return;
    }
    found.push({ base, kind, specifier: specifier(path) });
    const json = JSON.parse(readFileSync(`${base}.json`, 'utf8'));
    for (const [tag, path] of Object.entries(json.usingComponents || {})) {
      visit(componentBase(project, dirname(base), path), `component <${tag}>`, relative(project, base), path);
    }
  };
  for (const page of app.pages || []) visit(join(project, page), 'page', 'app.json');
  return found;
}

/** The problems of a project's files (pages, components, AXML, ACSS); empty when all is well. */
export async function projectProblems(project) {
  const postcss = require('postcss');
  const problems = [];
  const reached = modules(project, problems);
  const markup = [...filesUnder(project).map((f) => join(project, f)), ...reached.map((m) => `${m.base}.axml`)];
  for (const file of new Set(markup.filter((f) => f.endsWith('.axml')))) {
    for (const problem of markupProblems(readFileSync(file, 'utf8')))
      problems.push(`${relative(project, file)}: ${problem}`);
  }
  const styles = [...filesUnder(project).map((f) => join(project, f)), ...reached.map((m) => `${m.base}.acss`)];
  for (const file of new Set(styles.filter((f) => f.endsWith('.acss') && existsSync(f)))) {
    try {
      postcss.parse(readFileSync(file, 'utf8'), { from: file });
    } catch (error) {
      problems.push(`${relative(project, file)}: ${error.reason || error.message}`);
    }
  }
  return { problems, reached };
}

/**
 * Bundles app.js, the pages and the components they use into one file the way a builder that
 * honours `exports` would, and returns how many copies of the SDK core it holds.
 */
export async function bundledSdkCopies(project, reached, extraImports = []) {
  const { build } = require('esbuild');
  const entry = join(project, '.bundle-entry.js');
  // A component from a package is asked for by its package path, as the README writes it, so a
  // path the package's `exports` refuses fails here as it does in a builder that honours exports.
  const imports = [join(project, 'app.js'), ...reached.map((m) => m.specifier || `${m.base}.js`), ...extraImports];
  writeFileSync(entry, imports.map((file) => `import ${JSON.stringify(file)};`).join('\n'));
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: project,
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['import', 'require', 'default'],
    target: 'es2015',
    // Each page and component is its own module to the mini-program runtime, loaded whether or
    // not anything imports it: the package's sideEffects:false must not let them be dropped.
    ignoreAnnotations: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return { copies: code.split(SDK_MARKER).length - 1, bytes: code.length };
}

export async function checkAlipayNative(tarball) {
  const project = installExample('alipay-native', tarball);
  const { problems, reached } = await projectProblems(project);
  assert(problems.length === 0, `examples/alipay-native:\n  ${problems.join('\n  ')}`);
  assert(
    reached.some((m) => m.kind.includes('idaas-phone-login')),
    'the example reaches no <idaas-phone-login>',
  );
  const { copies } = await bundledSdkCopies(project, reached);
  assert(copies === 1, `bundled, the Alipay example holds ${copies} copies of the SDK core (one expected)`);
}

export async function checkAlipayNegativeControls(tarball) {
  const project = installExample('alipay-native', tarball, {
    into: 'alipay-native-broken',
    edit(copy) {
      const page = join(copy, 'pages/index/index.axml');
      writeFileSync(page, readFileSync(page, 'utf8').replace('</text>', ''));
      const app = JSON.parse(readFileSync(join(copy, 'app.json'), 'utf8'));
      app.pages.push('pages/missing/index');
      writeFileSync(join(copy, 'app.json'), JSON.stringify(app));
      const css = join(copy, 'app.acss');
      writeFileSync(css, `${readFileSync(css, 'utf8')}\n.broken { color: red;\n`);
    },
  });
  const { problems, reached } = await projectProblems(project);
  const expect = (pattern, what) =>
    assert(
      problems.some((p) => pattern.test(p)),
      `the ${what} went unnoticed; problems: ${problems.join(' | ')}`,
    );
  expect(/pages\/index\/index\.axml: line \d+: <\/view> closes <text>/, 'unclosed <text>');
  expect(/page pages\/missing\/index .*has no \.js/, 'missing page');
  expect(/app\.acss: Unclosed block/, 'unclosed ACSS block');
  // A second copy, reached by file path as a component with a relative require would reach it (the
  // CommonJS build beside the ESM one the app's import resolves to).
  const second = join(project, 'node_modules/idaas-miniprogram/dist/alipay.cjs');
  const local = reached.map((m) => ({ ...m, specifier: undefined }));
  const { copies } = await bundledSdkCopies(project, local, [second]);
  assert(copies === 2, `a bundle with a second SDK copy counted ${copies}, not 2: the copy count is not real`);
}
