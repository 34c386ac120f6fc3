/**
 * The token manager through the public client: the cost of `getIdToken()` while the id_token is fresh
 * (no request may be sent), and 1,000 concurrent `getIdToken()` calls on an expired id_token, which
 * must share one refresh request. The refresh answer arrives on a later macrotask, as a network
 * answer would. And `decodeIdToken` on id_tokens of the vendor's shape, 769 and 1,623 characters long.
 */
import { createClientFor, decodeIdToken, type TransportRequest, type TransportResponse } from 'idaas-miniprogram';
import { BASE_URL, idToken, jsonAnswer, manualClock, memoryPlatform } from './memory-platform';
import { emit, quantile, type Row, round } from './row';

const CACHED_CALLS = 100_000;
const CONCURRENT = 1_000;
const COALESCING_ROUNDS = 21;
const ID_TOKEN_SECONDS = 300;
const REFRESH_PATH = '/api/v2/sdk/sso/session-token/id-token';
const DECODE_CALLS = 20_000;
const DECODE_ROUNDS = 7;
const GOAL_DECODE_US = 15;

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

/**
 * An id_token shaped like the vendor's (client-api.md §5: RS256 header, registered claims, the
 * profile as a JSON string in `api`, with Chinese text), padded with profile attributes to
 * `length` characters; the signature is 342 characters, as RS256 over 2048 bits is.
 */
function vendorShapedToken(length: number): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = part({ kid: 'a8b3c1', alg: 'RS256' });
  const signature = 's'.repeat(342);
  const claims = (note: string) => ({
    iss: 'https://acme.bccastle.com/api/v1/oauth2',
    aud: 'bench-app',
    exp: 1653484412,
    jti: 'yLRTfWcUdbOOyAilwYSFjg',
    iat: 1653466412,
    nbf: 1653466292,
    sub: '20220425140138519-BF1B-528B0551B',
    api: JSON.stringify({
      name: '竹云用户',
      mobile: '+86-15907132852',
      id: '20220425140138519-BF1B-528B0551B',
      userName: 'louxi',
      email: 'louxi@example.com',
      attr_department: '研发中心',
      attr_note: note,
    }),
  });
  let note = '';
  while (`${header}.${part(claims(note))}.${signature}`.length < length) note += 'n';
  return `${header}.${part(claims(note))}.${signature}`;
}

async function decoding(): Promise<Row[]> {
  const rows: Row[] = [];
  for (const length of [769, 1623]) {
    const token = vendorShapedToken(length);
    if (decodeIdToken(token).profile.name !== '竹云用户') throw new Error('the bench token did not decode');
    for (let i = 0; i < DECODE_CALLS; i++) decodeIdToken(token); // warm-up
    const samples: number[] = [];
    for (let pass = 0; pass < DECODE_ROUNDS; pass++) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < DECODE_CALLS; i++) decodeIdToken(token);
      samples.push(Number(process.hrtime.bigint() - start) / 1000 / DECODE_CALLS);
    }
    rows.push({
      section: 'Token decoding',
      name: `decodeIdToken, ${token.length.toLocaleString('en')}-character id_token (median of ${DECODE_ROUNDS} × ${DECODE_CALLS.toLocaleString('en')})`,
      value: quantile(samples, 0.5),
      unit: 'µs',
      goal: length > 1000 ? { op: '<=', value: GOAL_DECODE_US } : null,
      details: { characters: token.length, p90Us: round(quantile(samples, 0.9)) },
    });
  }
  return rows;
}

async function main(): Promise<void> {
  emit([...(await cachedCredential()), ...(await coalescing()), ...(await decoding())]);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
