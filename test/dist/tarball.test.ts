/**
 * The newcomer path of the README's Install section, as it works before the package is published:
 * `npm pack`, then `npm install <tarball>` in a fresh project (offline: the package has no runtime
 * dependencies), then every entry of the exports map required and imported from that project.
 * Needs `npm run build` first (npm test does it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'idaas-tarball-'));
const project = join(work, 'app');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const quiet = { encoding: 'utf8' as const, stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'] };
let tarball = '';

beforeAll(() => {
  if (!existsSync(join(root, 'dist/index.cjs'))) throw new Error('dist/ is missing: run `npm run build` first.');
  execFileSync(npm, ['pack', '--pack-destination', work, '--silent'], { cwd: root, ...quiet });
  tarball = join(work, readdirSync(work).find((name) => name.endsWith('.tgz'))!);
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'newcomer-app', version: '1.0.0', private: true }));
  execFileSync(npm, ['install', tarball, '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: project, ...quiet });
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const exportsMap = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).exports as Record<string, unknown>;
// Pattern entries (`./components/wechat/*`) are mini-program components, which register themselves
// with the host's Component() when loaded: they are resolved here, not run.
const entries = Object.keys(exportsMap).filter((key) => key !== './package.json' && !key.includes('*'));
const componentEntries = Object.keys(exportsMap).filter((key) => key.includes('*'));

describe('installed from the packed tarball', () => {
  test('the app records the tarball and the install brought no other package', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
    expect(manifest.dependencies['idaas-miniprogram']).toMatch(/\.tgz$/);
    expect(readdirSync(join(project, 'node_modules')).filter((name) => !name.startsWith('.'))).toEqual(['idaas-miniprogram']);
  });

  test('the README entries are all in the exports map', () => {
    expect(entries).toEqual(expect.arrayContaining(['.', './wechat', './alipay', './taro', './messages', './account-center']));
  });

  test.each(entries)('"%s" is required and imported from the app, with its types shipped', (entry) => {
    const specifier = `idaas-miniprogram${entry.slice(1)}`;
    const script = `
      const cjs = require(${JSON.stringify(specifier)});
      import(${JSON.stringify(specifier)}).then((esm) => {
        const where = require.resolve(${JSON.stringify(specifier)});
        process.stdout.write(JSON.stringify({ where, cjs: Object.keys(cjs).length, esm: Object.keys(esm).length }));
      });`;
    const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8' }));
    // Resolved inside the app's node_modules, not through a link back to this repository.
    expect(out.where.startsWith(join(project, 'node_modules', 'idaas-miniprogram'))).toBe(true);
    expect(out.cjs).toBeGreaterThan(0);
    expect(out.esm).toBeGreaterThan(0);
    const types = (exportsMap[entry] as { types: { import: string; require: string } }).types;
    for (const file of [types.import, types.require]) {
      expect(existsSync(join(project, 'node_modules', 'idaas-miniprogram', file))).toBe(true);
    }
  });

  test.each(componentEntries)('"%s" resolves to the shipped idaas-phone-login from the app', (entry) => {
    // `…/*/index` takes the component's folder; `…/*` the file path with its extension.
    const component = entry.endsWith('/*') ? 'idaas-phone-login/index.js' : 'idaas-phone-login';
    const specifier = `idaas-miniprogram${entry.slice(1).replace('*', component)}`;
    const script = `process.stdout.write(require.resolve(${JSON.stringify(specifier)}))`;
    const where = execFileSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8' });
    expect(where.startsWith(join(project, 'node_modules', 'idaas-miniprogram'))).toBe(true);
    expect(where).toMatch(/idaas-phone-login[\\/]index\.js$/);
  });

  test('the native components and miniprogram_dist are in the tarball', () => {
    const installed = join(project, 'node_modules', 'idaas-miniprogram');
    expect(existsSync(join(installed, 'miniprogram_dist/wechat.js'))).toBe(true);
    expect(existsSync(join(installed, 'miniprogram_dist/components/wechat/idaas-phone-login/index.js'))).toBe(true);
  });
});
