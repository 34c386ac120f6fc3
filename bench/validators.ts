/**
 * Validators on hostile input (issue 14 point 12): a crafted 1 MB email, mobile or answer header
 * goes through the public functions (rejected before any request, or quoted into an error) in
 * milliseconds, the median of ROUNDS rounds. For scale, the email regex the SDK used before runs
 * on a 48 KB address once: it backtracks quadratically.
 */
import { createClientFor, loginWithEmailCode, loginWithMobileCode } from 'idaas-miniprogram';
import { BASE_URL, jsonAnswer, memoryPlatform } from './memory-platform';
import { emit, quantile, type Row, round } from './row';

const MB = 1 << 20;
const ROUNDS = 7;
const GOAL_MS = 50;

let answer = jsonAnswer({});
const client = createClientFor(
  memoryPlatform(() => Promise.resolve(answer)),
  { baseUrl: BASE_URL, clientId: 'bench-app' },
);

const inputs: Array<{ name: string; run: () => Promise<unknown> }> = [
  {
    name: '1 MB email, dotless domain (loginWithEmailCode)',
    run: () => loginWithEmailCode(client, { email: `a@${'a'.repeat(MB)}@`, verify_code: '123456' }),
  },
  {
    name: '1 MB mobile of digits (loginWithMobileCode)',
    run: () => loginWithMobileCode(client, { mobile: `${'1'.repeat(MB)}x`, verify_code: '123456' }),
  },
  {
    name: '1 MB content-type of `eyJ` quoted into an error (client.request)',
    run: () => {
      answer = { status: 502, headers: { 'content-type': 'eyJ'.repeat(MB / 3) }, body: '<html>' };
      return client.request('GET /api/v2/sdk/captcha');
    },
  },
];

async function millis(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  const settled = await run().then(
    () => 'resolved',
    (error: { kind?: string }) => error.kind,
  );
  if (settled !== 'validation' && settled !== 'server') throw new Error(`expected a typed rejection, got ${settled}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const input of inputs) {
    await millis(input.run);
    const samples: number[] = [];
    for (let round = 0; round < ROUNDS; round++) samples.push(await millis(input.run));
    const ms = quantile(samples, 0.5);
    rows.push({
      section: 'Validators on hostile input',
      name: input.name,
      value: ms,
      unit: 'ms',
      goal: { op: '<=', value: GOAL_MS },
      details: { samplesMs: samples.map((sample) => round(sample)) },
    });
  }
  const oldEmail = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
  const start = process.hrtime.bigint();
  oldEmail.test(`a@${'a.'.repeat(24 * 1024)} `);
  const oldMs = Number(process.hrtime.bigint() - start) / 1e6;
  rows.push({
    section: 'Validators on hostile input',
    name: 'for scale: the old email regex on a 48 KB address',
    value: oldMs,
    unit: 'ms',
    goal: null,
    note: 'quadratic backtracking; no longer used',
  });
  emit(rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
