/**
 * The demo's mini-program builds (made by `npm run test:browser` and `npm run demo` before this
 * runs): each is a complete project for its IDE, lists every page, and carries the SDK.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dist = resolve(__dirname, '../../demo/dist');
const PAGES = [
  'pages/index/index',
  'pages/login/index',
  'pages/sms/index',
  'pages/password/index',
  'pages/profile/index',
  'pages/security/index',
];

/** All the JavaScript of a build, to look for the SDK in it. */
function scripts(dir: string): string {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}

describe.each([
  ['weapp', 'project.config.json', ['wxml', 'wxss'], 'wx'],
  ['alipay', 'mini.project.json', ['axml', 'acss'], 'my'],
])('the %s build', (target, projectFile, [markup, style], runtime) => {
  const dir = join(dist, target);

  test('is a project its IDE opens, with every page', () => {
    expect(existsSync(join(dir, projectFile))).toBe(true);
    const app = JSON.parse(readFileSync(join(dir, 'app.json'), 'utf8'));
    expect(app.pages).toEqual(PAGES);
    for (const page of PAGES) {
      expect(existsSync(join(dir, `${page}.js`))).toBe(true);
      expect(existsSync(join(dir, `${page}.${markup}`)) || existsSync(join(dir, `base.${markup}`))).toBe(true);
    }
    expect(existsSync(join(dir, `app.${style}`))).toBe(true);
  });

  test(`bundles the SDK, which reaches ${runtime} through Taro`, () => {
    const code = scripts(dir);
    // The session key prefix and an SDK route only exist in the SDK's code.
    expect(code).toContain('idaas:v1:session:');
    expect(code).toContain('/api/v2/sdk/login/wechat-miniprogram');
  });
});

test('the weapp build turns off the domain check so the simulator reaches the local emulator', () => {
  const project = JSON.parse(readFileSync(join(dist, 'weapp/project.config.json'), 'utf8'));
  expect(project.setting.urlCheck).toBe(false);
});
