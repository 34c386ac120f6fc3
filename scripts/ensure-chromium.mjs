// Makes sure Debian's Chromium (and a CJK font for screenshots) is on this machine for the browser
// tests: installs the `chromium` and `fonts-wqy-microhei` packages with apt-get when they are missing.
// Never downloads a browser from anywhere else (no `playwright install`).
//
//   node scripts/ensure-chromium.mjs        exits 0 when /usr/bin/chromium (or $CHROMIUM_PATH) runs
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const PACKAGES = ['chromium', 'fonts-wqy-microhei'];

function installed(name) {
  // `${Status}` is dpkg-query's own format placeholder.
  const format = ['-f=$', '{Status}'].join('');
  return spawnSync('dpkg-query', ['-W', format, name], { encoding: 'utf8' }).stdout === 'install ok installed';
}

function version() {
  // Debian's wrapper script prints a harmless shell warning on stderr: keep only the version.
  return execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

/** Returns Chromium's version line; installs the packages first when needed and possible. */
export function ensureChromium() {
  const hasApt = existsSync('/usr/bin/apt-get') && existsSync('/usr/bin/dpkg-query');
  const canInstall = hasApt && process.getuid?.() === 0;
  const missing = hasApt ? PACKAGES.filter((name) => !installed(name)) : [];
  const present = existsSync(CHROMIUM);
  if (present && (missing.length === 0 || !canInstall)) return version();
  if (!canInstall || (!present && !missing.includes('chromium'))) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}. Install Debian's package as root:\n` +
        `  apt-get update && apt-get install -y ${PACKAGES.join(' ')}\n` +
        'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    );
  }
  console.log(`Installing ${missing.join(' ')} with apt-get (Debian's packages)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  return version();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    console.log(`Chromium: ${ensureChromium()}`);
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
