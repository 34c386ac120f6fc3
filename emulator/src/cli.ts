/**
 * `npm run emulator -- [--port N] [--seed FILE] [--quiet]`: runs the IDaaS emulator on 127.0.0.1
 * until Ctrl-C. Port 8787 by default; 0 picks a free one (the URL is printed).
 */
import { DEFAULT_PORT, DEFAULT_SEED_PATH, startEmulator } from './index';

const USAGE = `Usage: npm run emulator -- [--port N] [--seed FILE] [--quiet]
  --port N     port on 127.0.0.1 (default ${DEFAULT_PORT}; 0 = any free port)
  --seed FILE  seed JSON (default ${DEFAULT_SEED_PATH})
  --quiet      do not log requests`;

function parseArgs(argv: string[]): { port: number; seed?: string; quiet: boolean } {
  const out: { port: number; seed?: string; quiet: boolean } = { port: DEFAULT_PORT, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port' || flag === '-p') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be 0..65535');
      out.port = port;
    } else if (flag === '--seed') out.seed = value();
    else if (flag === '--quiet' || flag === '-q') out.quiet = true;
    else if (flag === '--help' || flag === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  return out;
}

async function main(): Promise<void> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  const emulator = await startEmulator({
    port: args.port,
    seed: args.seed,
    log: args.quiet ? undefined : (line) => console.log(`[emulator] ${line}`),
  });
  console.log(`IDaaS emulator listening on ${emulator.url}`);
  console.log(`  seed: ${args.seed ?? DEFAULT_SEED_PATH}`);
  console.log(`  client ids: ${[...emulator.state.apps.keys()].join(', ')}`);
  console.log(`  control routes: ${emulator.url}/__emulator (see test/emulator/README.md)`);
  const stop = () => {
    emulator.close().then(
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
