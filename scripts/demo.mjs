// `npm run demo`: the main job. Builds the SDK, starts the local IDaaS emulator with the demo's seed,
// builds the Taro demo for h5 and serves it on 127.0.0.1, builds weapp and alipay into demo/dist/,
// and prints where everything is. Runs until Ctrl-C.
//
//   npm run demo                          emulator on :8787, demo on :10086
//   npm run demo -- --port 3000           another port for the h5 demo (0 = any free port)
//   npm run demo -- --emulator-port 9000  another emulator port (the builds point at it)
//   npm run demo -- --build-only          build the three targets against the emulator URL and exit
//   npm run demo -- --h5-only             skip the weapp and alipay builds
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { tsImport } from 'tsx/esm/api';
import { serveStatic } from './static-server.mjs';

const root = resolve(import.meta.dirname, '..');
const demoDir = resolve(root, 'demo');
const seedPath = resolve(demoDir, 'emulator-seed.json');

const USAGE = `Usage: npm run demo -- [--port N] [--emulator-port N] [--build-only] [--h5-only]
  --port N           port of the h5 demo on 127.0.0.1 (default 10086; 0 = any free port)
  --emulator-port N  port of the IDaaS emulator on 127.0.0.1 (default 8787)
  --build-only       build h5, weapp and alipay against the emulator URL, then exit
  --h5-only          build and serve only the h5 demo`;

function parseArgs(argv) {
  const args = { port: 10086, emulatorPort: 8787, buildOnly: false, h5Only: false };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const port = () => {
      const value = Number(inline ?? argv[++i]);
      if (!Number.isInteger(value) || value < 0 || value > 65535) fail(`${flag} needs a port number 0..65535.`);
      return value;
    };
    if (flag === '--port') args.port = port();
    else if (flag === '--emulator-port') args.emulatorPort = port();
    else if (flag === '--build-only') args.buildOnly = true;
    else if (flag === '--h5-only') args.h5Only = true;
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`Unknown argument ${argv[i]}.`);
  }
  return args;
}

function fail(message) {
  console.error(`npm run demo: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** Runs a command with inherited output; rejects with the step's name when it fails. */
function run(step, command, commandArgs, env = {}) {
  const started = Date.now();
  process.stdout.write(`\n▶ ${step}\n`);
  return new Promise((done, reject) => {
    const child = spawn(command, commandArgs, {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, ...env },
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) {
        console.log(`✓ ${step} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        done();
      } else reject(new Error(`${step} failed (${signal ?? `exit code ${code}`}); its output is above.`));
    });
  });
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const buildTarget = (target, emulatorUrl) =>
  run(
    `Build the demo for ${target} → demo/dist/${target}`,
    npm,
    ['run', `build:${target}`, '--workspace', 'demo', '--silent'],
    {
      IDAAS_BASE_URL: emulatorUrl,
    },
  );

/** The seed's demo accounts, for the banner. */
function demoAccounts() {
  const seed = JSON.parse(readFileSync(seedPath, 'utf8'));
  return seed.users.map((user) => {
    const how = [
      user.userName && `user ${user.userName}`,
      user.password && `password ${user.password}`,
      user.mobile && `mobile ${user.mobile.replace('+86-', '')}`,
    ]
      .filter(Boolean)
      .join(', ');
    const what = (user.$comment || '').replace(/^Demo account:\s*/, '');
    return `  ${(user.name || user.userName).padEnd(14)} ${how}\n  ${''.padEnd(14)} ${what}`;
  });
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(resolve(demoDir, 'node_modules')) && !existsSync(resolve(root, 'node_modules/@tarojs/cli'))) {
    fail('The demo workspace is not installed. Run `npm install` at the repository root first.');
  }

  await run('Build the SDK (npm run build)', npm, ['run', 'build', '--silent']);

  // The emulator (the idaas-emulator package's entry, emulator/src/index.ts), in this process: stops with it.
  const { startEmulator } = await tsImport('../emulator/src/index.ts', import.meta.url);
  let emulator;
  try {
    emulator = await startEmulator({ port: args.emulatorPort, seed: seedPath });
  } catch (error) {
    fail(
      error && error.code === 'EADDRINUSE'
        ? `Port ${args.emulatorPort} is in use (another demo or emulator?). Stop it, or pass --emulator-port.`
        : `The emulator did not start: ${error.message}`,
    );
  }
  console.log(`\n✓ IDaaS emulator on ${emulator.url} (seed demo/emulator-seed.json)`);

  const stopAll = [() => emulator.close()];
  const shutdown = async (code = 0) => {
    for (const stop of stopAll.reverse()) await stop().catch(() => {});
    process.exit(code);
  };
  process.once('SIGINT', () => shutdown(0));
  process.once('SIGTERM', () => shutdown(0));

  try {
    await buildTarget('h5', emulator.url);
    let site;
    if (!args.buildOnly) {
      site = await serveStatic(resolve(demoDir, 'dist/h5'), { port: args.port }).catch((error) =>
        fail(
          error.code === 'EADDRINUSE'
            ? `Port ${args.port} is in use. Pass --port with a free one (or 0).`
            : `The h5 server did not start: ${error.message}`,
        ),
      );
      stopAll.push(() => site.close());
      // The demo's pages fetch simulated WeChat/Alipay codes from the emulator's control routes.
      emulator.allowOrigin(site.url);
      emulator.allowOrigin(site.url.replace('127.0.0.1', 'localhost'));
      console.log(`\n✓ h5 demo on ${site.url}/  (open it in a browser while the mini-program builds run)`);
    }
    if (!args.h5Only) {
      await buildTarget('weapp', emulator.url);
      await buildTarget('alipay', emulator.url);
    }
    if (args.buildOnly) {
      console.log('\nBuilt demo/dist/h5' + (args.h5Only ? '' : ', demo/dist/weapp and demo/dist/alipay') + '.');
      return shutdown(0);
    }
    printBanner(site.url, emulator.url, args.h5Only);
  } catch (error) {
    console.error(`\n✗ ${error.message}`);
    await shutdown(1);
  }
}

function printBanner(siteUrl, emulatorUrl, h5Only) {
  const line = '─'.repeat(78);
  console.log(`
${line}
 idaas-miniprogram demo is running. Ctrl-C stops it.

 Browser (h5)    ${siteUrl}/
 IDaaS emulator  ${emulatorUrl}   (its console, with the SMS and email codes: ${emulatorUrl}/__emulator/ui)

 Demo accounts (every value is fake; the demo shows each code it "sends"):
${demoAccounts().join('\n')}
   Any other WeChat user is new: one-tap login then registers with the phone number it shares.
${
  h5Only
    ? ''
    : `
 WeChat DevTools   Import project → directory demo/dist/weapp (AppID: test account or
                   touristappid). The build's project.config.json turns off the domain
                   check (urlCheck: false), so it reaches ${emulatorUrl} from the simulator.
 Alipay IDE        Open project → directory demo/dist/alipay; in Details, tick "忽略
                   httpRequest 域名合法性检查" (ignore the httpRequest domain check).
 Both IDEs sign in through the emulator's simulated WeChat/Alipay, since the emulator cannot
 verify real codes. A phone on the same network cannot reach 127.0.0.1: preview in the IDEs.
`
}${line}`);
}

main().catch((error) => {
  console.error(`npm run demo failed: ${error.stack || error.message}`);
  process.exit(1);
});
