#!/usr/bin/env node
/**
 * `idaas-emulator [--port N] [--seed FILE] …` (in this repo also `npm run emulator -- …`): runs the
 * IDaaS emulator until Ctrl-C. Port 8787 by default; 0 picks a free one. It prints the URL it
 * listens on, the console's URL and the control token, in Chinese or English (cli-text.ts).
 */
import { type CliLang, cliText, systemLanguage } from './cli-text';
import { importPath, writeExport } from './export';
import { DEFAULT_PORT, DEFAULT_SEED_PATH, DEMO_ORIGINS, startEmulator } from './index';

interface CliArgs {
  port: number;
  seed?: string;
  importDir?: string;
  exportDir?: string;
  origins: string[];
  token?: string;
  host?: string;
  quiet: boolean;
  help: boolean;
  lang?: CliLang;
}

function parseArgs(argv: string[]): CliArgs {
  const out: CliArgs = { port: DEFAULT_PORT, origins: [], quiet: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port' || flag === '-p') {
      const raw = value();
      const port = Number(raw);
      if (!/^\d+$/.test(raw) || port > 65535) throw new Error('--port must be 0..65535');
      out.port = port;
    } else if (flag === '--seed') out.seed = value();
    else if (flag === '--import') out.importDir = value();
    else if (flag === '--export-on-exit') out.exportDir = value();
    else if (flag === '--allow-origin') out.origins.push(value());
    else if (flag === '--token') out.token = value();
    else if (flag === '--host') out.host = value();
    else if (flag === '--lang') {
      const lang = value();
      if (lang !== 'en' && lang !== 'zh') throw new Error('--lang must be en or zh');
      out.lang = lang;
    } else if (flag === '--quiet' || flag === '-q') out.quiet = true;
    else if (flag === '--help' || flag === '-h') out.help = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (out.seed && out.importDir) throw new Error('give --seed or --import, not both');
  return out;
}

let text = cliText(systemLanguage());

async function main(): Promise<void> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${text.usage}`);
    process.exit(2);
  }
  if (args.lang) text = cliText(args.lang);
  if (args.help) {
    console.log(text.usage);
    return;
  }
  const seedPath = args.importDir ? importPath(args.importDir) : args.seed;
  const emulator = await startEmulator({
    port: args.port,
    seed: seedPath,
    host: args.host,
    controlToken: args.token,
    allowedOrigins: args.origins.length ? args.origins : undefined,
    log: args.quiet ? undefined : (line) => console.log(`[emulator] ${line}`),
    warn: (line) => console.warn(line),
  });
  console.log(`IDaaS emulator listening on ${emulator.url}${text.started}`);
  const clientIds = emulator
    .exportSeed()
    .apps.map((a) => a.clientId)
    .join(', ');
  console.log(`  ${text.console}${emulator.url}/__emulator/ui`);
  console.log(`  ${text.seed}${seedPath ?? DEFAULT_SEED_PATH}`);
  console.log(`  ${text.clientIds}${clientIds}`);
  console.log(`  ${text.control}${emulator.url}/__emulator/* ${text.controlDocs}`);
  console.log(`  ${text.token}${emulator.controlToken} ${text.tokenHint}`);
  console.log(`  ${text.origins}${(args.origins.length ? args.origins : DEMO_ORIGINS).join(', ')}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    try {
      if (args.exportDir) console.log(text.exported(writeExport(args.exportDir, emulator.exportSeed())));
    } catch (e) {
      console.error(text.exportFailed((e as Error).message));
    }
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e) => {
  console.error(text.failed((e as Error).message));
  process.exit(1);
});
