#!/usr/bin/env node
import { importPath, writeExport } from './export';
/**
 * `idaas-emulator [--port N] [--seed FILE] …` (in this repo also `npm run emulator -- …`): runs the
 * IDaaS emulator until Ctrl-C. Port 8787 by default; 0 picks a free one. It prints the URL it
 * listens on, the console's URL and the control token.
 */
import { DEFAULT_PORT, DEFAULT_SEED_PATH, DEMO_ORIGINS, EXPORT_FILE, startEmulator } from './index';

const USAGE = `Usage: idaas-emulator [options]        (in the idaas-miniprogram repo: npm run emulator -- [options])
  --port N               port (default ${DEFAULT_PORT}; 0 = any free port, printed at start-up)
  --seed FILE            seed JSON, checked against seed.schema.json (default: the packaged seeds/default.json)
  --import DIR           start from DIR/${EXPORT_FILE} (written by --export-on-exit)
  --export-on-exit DIR   on Ctrl-C / SIGTERM, write tenant, apps and users to DIR/${EXPORT_FILE}
  --allow-origin ORIGIN  a browser origin whose pages may use /__emulator/* (repeatable;
                         default ${DEMO_ORIGINS.join(' and ')}, the h5 demo)
  --token TOKEN          the control token (default: a random one, printed)
  --host ADDRESS         listen on another address than 127.0.0.1 (prints a warning)
  --quiet                do not log requests
  --help                 this text`;

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
    else if (flag === '--quiet' || flag === '-q') out.quiet = true;
    else if (flag === '--help' || flag === '-h') out.help = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  if (out.seed && out.importDir) throw new Error('give --seed or --import, not both');
  return out;
}

async function main(): Promise<void> {
  let args: CliArgs;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (args.help) {
    console.log(USAGE);
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
  console.log(`IDaaS emulator listening on ${emulator.url}`);
  console.log(`  console:        ${emulator.url}/__emulator/ui`);
  console.log(`  seed:           ${seedPath ?? DEFAULT_SEED_PATH}`);
  console.log(
    `  client ids:     ${emulator
      .exportSeed()
      .apps.map((a) => a.clientId)
      .join(', ')}`,
  );
  console.log(`  control routes: ${emulator.url}/__emulator/* (docs/control-api.md of idaas-emulator)`);
  console.log(`  control token:  ${emulator.controlToken} (header X-Emulator-Token, for other origins/machines)`);
  console.log(`  allowed origins: ${(args.origins.length ? args.origins : DEMO_ORIGINS).join(', ')}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    try {
      if (args.exportDir) console.log(`exported to ${writeExport(args.exportDir, emulator.exportSeed())}`);
    } catch (e) {
      console.error(`export failed: ${(e as Error).message}`);
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
  console.error(`emulator failed to start: ${(e as Error).message}`);
  process.exit(1);
});
