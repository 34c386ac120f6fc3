/**
 * Pipeline overhead: the SDK's request path (`client.request`: route, URL, device headers, credential,
 * JSON body, answer parsing) against calling the same injected in-memory transport directly, CALLS
 * sequential awaited calls per round in one process, the median of ROUNDS rounds after a warm-up.
 *
 * Per-call cost against the floor (issue 13): an endpoint function (`listSocialAccounts`) and the
 * whole `wx.request` path (`createClient` on a fake `wx` whose request answers on a microtask)
 * against a minimal hand-written wrapper that adds the same headers and parses the JSON, over
 * the same transport. Both sides minus a do-nothing awaited call, as ratios from the same run.
 */
import { createClient, createClientFor, listSocialAccounts, type TransportRequest } from 'idaas-miniprogram';
import { type WxLike, wechatPlatform } from 'idaas-miniprogram/wechat';
import { BASE_URL, idToken, jsonAnswer, memoryPlatform } from './memory-platform';
import { emit, quantile, type Row, round } from './row';

const CALLS = 10_000;
const ROUNDS = 7;
const GOAL_ADDED_US = 20;
const GOAL_RATIO = 2;

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

/** The headers the SDK sends on a signed-in call, as a hand-written wrapper would add them. */
const HEADERS: Record<string, string> = {
  'X-client-id': 'bench-app',
  'X-device-fingerprint': '0707070707070707070707070707070707070707070707070707070707070707',
  'X-operating-sys-version': 'iOS 17.0',
  'X-agent': 'idaas-miniprogram (bench)',
  'X-L': 'zh',
};
const socialText = JSON.stringify({ social: [{ id: 'b1', socialType: 'wechat_miniprogram' }] });
const benchToken = idToken(7200);

/** The floor over an injected transport: headers, the credential, the request, JSON.parse. */
const bareTransport: Call = () =>
  transport({
    method: 'GET',
    url: `${BASE_URL}/api/v2/sdk/social`,
    headers: Object.assign({}, HEADERS, { Authorization: `Bearer ${benchToken}` }),
    timeoutMs: 15000,
  }).then((response) => (JSON.parse(response.body as string) as { social: unknown[] }).social);

/** A fake `wx` whose request answers on a microtask, as fast as any real one could. */
function fakeWx(): WxLike {
  const data = new Map<string, unknown>();
  return {
    request(options) {
      Promise.resolve().then(() =>
        options.success!({ statusCode: 200, header: { 'Content-Type': 'application/json' }, data: socialText }),
      );
    },
    login: (options) => options.success!({ code: 'login-code' }),
    getStorageSync: (key) => (data.has(key) ? data.get(key) : ''),
    setStorageSync: (key, value) => {
      data.set(key, value);
    },
    removeStorageSync: (key) => {
      data.delete(key);
    },
    getDeviceInfo: () => ({ system: 'iOS 17.0', platform: 'ios', model: 'iPhone 15' }),
    getAppBaseInfo: () => ({ language: 'zh_CN' }),
  };
}
const wx = fakeWx();
const wxClient = createClient({ baseUrl: BASE_URL, clientId: 'bench-app', platform: wechatPlatform(wx) });
wxClient.tokens.setSession({ session_token: 'bench-session', expire: 432000, id_token: benchToken });

/** The floor over `wx.request`: one promise around it, headers, the credential, JSON.parse. */
const bareWx: Call = () =>
  new Promise((resolve, reject) =>
    wx.request({
      url: `${BASE_URL}/api/v2/sdk/social`,
      method: 'GET',
      header: Object.assign({}, HEADERS, { Authorization: `Bearer ${benchToken}` }),
      timeout: 15000,
      dataType: 'text',
      success: (response) => resolve((JSON.parse(Object(response).data) as { social: unknown[] }).social),
      fail: reject,
    }),
  );

const nothing: Call = () => Promise.resolve();

/** Median µs per call of `sdk` and `floor`, each minus the do-nothing call, measured interleaved. */
async function ratioRow(name: string, sdkCall: Call, floorCall: Call): Promise<Row> {
  for (const call of [sdkCall, floorCall, nothing]) await perCall(call, 2_000);
  const sdk: number[] = [];
  const floor: number[] = [];
  const empty: number[] = [];
  for (let pass = 0; pass < ROUNDS; pass++) {
    empty.push(await perCall(nothing, CALLS));
    floor.push(await perCall(floorCall, CALLS));
    sdk.push(await perCall(sdkCall, CALLS));
  }
  const baseline = quantile(empty, 0.5);
  const sdkUs = quantile(sdk, 0.5) - baseline;
  const floorUs = quantile(floor, 0.5) - baseline;
  return {
    section: 'Per-call cost against a minimal wrapper',
    name: `${name} (${CALLS.toLocaleString('en')} awaited calls, minus a do-nothing call)`,
    value: sdkUs / floorUs,
    unit: '×',
    goal: { op: '<=', value: GOAL_RATIO },
    note: `SDK ${sdkUs.toFixed(2)} µs vs wrapper ${floorUs.toFixed(2)} µs`,
    details: { sdkUsPerCall: round(sdkUs), wrapperUsPerCall: round(floorUs), baselineUs: round(baseline) },
  };
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
  rows.push(
    await ratioRow('listSocialAccounts over an injected transport', () => listSocialAccounts(client), bareTransport),
  );
  rows.push(
    await ratioRow(
      'listSocialAccounts through wx.request (createClient + wechatPlatform)',
      () => listSocialAccounts(wxClient),
      bareWx,
    ),
  );
  emit(rows);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
