/**
 * The console (`GET /__emulator/ui`): plain HTML, CSS and JavaScript from emulator/ui/, no build
 * step. The page reads the control routes of its own origin (which access.ts lets in) and polls.
 * It may not be framed (clickjacking its switches) and runs no inline script.
 */
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';

const UI_DIR = join(__dirname, '..', 'ui');
const FILES: Record<string, { file: string; type: string }> = {
  '/__emulator/ui': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/__emulator/ui/console.js': { file: 'console.js', type: 'text/javascript; charset=utf-8' },
  '/__emulator/ui/console.css': { file: 'console.css', type: 'text/css; charset=utf-8' },
};

/** Answers a console file and returns true, or returns false when `path` is not one. */
export function serveConsole(path: string, res: ServerResponse): boolean {
  const entry = FILES[path];
  if (!entry) return false;
  const bytes = readFileSync(join(UI_DIR, entry.file));
  res.writeHead(200, {
    'content-type': entry.type,
    'content-length': String(bytes.length),
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'self'; frame-ancestors 'none'; img-src 'self' data:",
  });
  res.end(bytes);
  return true;
}
