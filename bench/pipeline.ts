/**
 * Pipeline overhead: the SDK's request path (`client.request`: route, URL, device headers, credential,
 * JSON body, answer parsing) against calling the same injected in-memory transport directly, CALLS
 * sequential awaited calls per round in one process, the median of ROUNDS rounds after a warm-up.
 */
import { createClientFor, type TransportRequest } from 'idaas-miniprogram';
import { BASE_URL, idToken, jsonAnswer, memoryPlatform } from './memory-platform';
import { emit, quantile, type Row, round } from './row';

const CALLS = 10_000;
const ROUNDS = 7;
const GOAL_ADDED_US = 20;

const answer = jsonAnswer({ social: [{ id: 'b1', socialType: 'wechat_miniprogram' }] });
let sent = 0;
const transport = (_request: TransportRequest) => {
  sent++;
  return Promise.resolve(answer);
};
const client = createClientFor(memoryPlatform(transport), { baseUrl: BASE_URL, clientId: 'bench-app' });
client.tokens.setSession({ session_token: 'bench-session', expire: 432000, id_token: idToken(7200) });

const raw: TransportRequest = {
  method: 'GET',
  url: `${BASE_URL}/api/v2/sdk/social`,
  headers: { 'X-client-id': 'bench-app' },
  timeoutMs: 15000,
};

type Call = () => Promise<unknown>;
const paths: Array<{ name: string; call: Call }> = [
  { name: 'GET, no credential', call: () => client.request('GET /api/v2/sdk/social') },
  {
    name: 'POST + JSON body, id_token credential',
    call: () => client.request('POST /api/v2/sdk/profile/update', { nickname: 'bench' }, { credential: 'idToken' }),
  },
];

/** Microseconds per call over `count` sequential calls. */
async function perCall(call: Call, count: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await call();
  return Number(process.hrtime.bigint() - start) / 1000 / count;
}

async function main(): Promise<void> {
  const direct: Call = () => transport(raw);
  for (const { call } of paths) await perCall(call, 2_000);
  await perCall(direct, 2_000);

  const rows: Row[] = [];
  for (const path of paths) {
    const sdk: number[] = [];
    const bare: number[] = [];
    for (let pass = 0; pass < ROUNDS; pass++) {
      bare.push(await perCall(direct, CALLS));
      const before = sent;
      sdk.push(await perCall(path.call, CALLS));
      if (sent - before !== CALLS) throw new Error(`expected ${CALLS} transport calls, got ${sent - before}`);
    }
    const sdkUs = quantile(sdk, 0.5);
    const rawUs = quantile(bare, 0.5);
    rows.push({
      section: 'Pipeline overhead',
      name: `added per call, ${path.name} (${CALLS.toLocaleString('en')} calls)`,
      value: sdkUs - rawUs,
      unit: 'µs',
      goal: { op: '<=', value: GOAL_ADDED_US },
      note: `SDK ${sdkUs.toFixed(2)} µs vs transport alone ${rawUs.toFixed(2)} µs, ×${(sdkUs / rawUs).toFixed(0)}`,
      details: { sdkUsPerCall: round(sdkUs), rawTransportUsPerCall: round(rawUs), ratio: round(sdkUs / rawUs, 1) },
    });
  }
  emit(rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
