/**
 * The token manager through the public client: the cost of `getIdToken()` while the id_token is fresh
 * (no request may be sent), and 1,000 concurrent `getIdToken()` calls on an expired id_token, which
 * must share one refresh request. The refresh answer arrives on a later macrotask, as a network
 * answer would. (`decodeIdToken` is timed by bench/decode.ts, in a process of its own.)
 */
import { createClientFor, type TransportRequest, type TransportResponse } from 'idaas-miniprogram';
import { BASE_URL, idToken, jsonAnswer, manualClock, memoryPlatform } from './memory-platform';
import { emit, quantile, type Row, round } from './row';

const CACHED_CALLS = 100_000;
const CONCURRENT = 1_000;
const COALESCING_ROUNDS = 21;
const ID_TOKEN_SECONDS = 300;
const REFRESH_PATH = '/api/v2/sdk/sso/session-token/id-token';

const requests: TransportRequest[] = [];
const transport = (request: TransportRequest) => {
  requests.push(request);
  return new Promise<TransportResponse>((resolve) =>
    setImmediate(() => resolve(jsonAnswer({ id_token: idToken(ID_TOKEN_SECONDS) }))),
  );
};
const clock = manualClock();
const client = createClientFor(memoryPlatform(transport), { baseUrl: BASE_URL, clientId: 'bench-app', clock });

async function cachedCredential(): Promise<Row[]> {
  const token = idToken(ID_TOKEN_SECONDS);
  client.tokens.setSession({ session_token: 'bench-session', expire: 432000, id_token: token });
  for (let i = 0; i < 10_000; i++) await client.getIdToken(); // warm-up
  const before = requests.length;
  const start = process.hrtime.bigint();
  for (let i = 0; i < CACHED_CALLS; i++) {
    if ((await client.getIdToken()) !== token) throw new Error('getIdToken returned another token');
  }
  const us = Number(process.hrtime.bigint() - start) / 1000 / CACHED_CALLS;
  const sent = requests.length - before;
  return [
    {
      section: 'Cached credential',
      name: `getIdToken() with a fresh id_token (${CACHED_CALLS.toLocaleString('en')} calls)`,
      value: us,
      unit: 'µs',
      goal: null,
      details: { calls: CACHED_CALLS },
    },
    {
      section: 'Cached credential',
      name: 'requests sent by those calls',
      value: sent,
      unit: 'req',
      goal: { op: '=', value: 0 },
    },
  ];
}

async function coalescing(): Promise<Row[]> {
  client.tokens.setSession({ session_token: 'bench-session', expire: 432000, id_token: idToken(ID_TOKEN_SECONDS) });
  const refreshCounts: number[] = [];
  const times: number[] = [];
  for (let pass = 0; pass < COALESCING_ROUNDS; pass++) {
    clock.advance((ID_TOKEN_SECONDS + 1) * 1000); // the id_token has expired (the session has not)
    const before = requests.length;
    const start = process.hrtime.bigint();
    const tokens = await Promise.all(Array.from({ length: CONCURRENT }, () => client.getIdToken()));
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    const sent = requests.slice(before);
    if (sent.some((request) => !request.url.endsWith(REFRESH_PATH))) throw new Error('a request other than refresh');
    refreshCounts.push(sent.length);
    if (new Set(tokens).size !== 1) throw new Error('the callers did not all get the same id_token');
  }
  return [
    {
      section: 'Coalescing',
      name: `${CONCURRENT.toLocaleString('en')} concurrent getIdToken() on an expired id_token: refresh requests (worst of ${COALESCING_ROUNDS} rounds)`,
      value: Math.max(...refreshCounts),
      unit: 'req',
      goal: { op: '=', value: 1 },
      details: { perRound: refreshCounts },
    },
    {
      section: 'Coalescing',
      name: `${CONCURRENT.toLocaleString('en')} concurrent getIdToken(): total time, median`,
      value: quantile(times, 0.5),
      unit: 'ms',
      goal: null,
      note: `p90 ${quantile(times, 0.9).toFixed(2)} ms`,
      details: { rounds: COALESCING_ROUNDS, p90Ms: round(quantile(times, 0.9)) },
    },
  ];
}

async function main(): Promise<void> {
  emit([...(await cachedCredential()), ...(await coalescing())]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
