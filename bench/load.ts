/**
 * The emulator under load: CLIENTS simulated WeChat installs, concurrently, each running JOURNEYS full
 * journeys in a row over real loopback HTTP against the emulator in its own process. A journey:
 * `wx.login` → mini-program login (bound user) → a signed-in call → a forced id_token refresh →
 * the signed-in call again → logout. Bounded: fixed counts, a per-request timeout, and a deadline
 * after which no new journey starts (the unfinished ones then show as missed).
 */
import { performance } from 'node:perf_hooks';
import { createClient, type IdaasClient, listSocialAccounts, signInWithMiniProgram } from 'idaas-miniprogram/wechat';
import { controlCall } from '../test/simulators/loopback';
import { createSimulatedWx, type SimulatedWx } from '../test/simulators/wx';
import { withEmulator } from './emulator';
import { emit, quantile, type Row, round } from './row';

const CLIENTS = 50;
const JOURNEYS = 200;
const DEADLINE_MS = 150_000;
const REQUEST_TIMEOUT_MS = 10_000;
const WECHAT_APP = 'emu-wechat-mini-app';

interface Tally {
  latencies: number[];
  errors: number;
  lost: number;
  samples: string[];
}

function fail(tally: Tally, message: string): void {
  tally.errors++;
  if (tally.samples.length < 5) tally.samples.push(message);
}

/** One full journey; throws on anything unexpected. Resolves whether the session was still there before logout. */
async function journey(client: IdaasClient): Promise<boolean> {
  const result = await signInWithMiniProgram(client);
  if (result.status !== 'SUCCESS') throw new Error(`login answered ${result.status}`);
  await listSocialAccounts(client);
  const before = await client.getIdToken();
  const after = await client.tokens.getIdToken({ forceRefresh: true });
  if (after === before) throw new Error('the refresh returned the same id_token');
  await listSocialAccounts(client);
  const signedIn = client.tokens.isSignedIn();
  const { serverRevoked } = await client.logout();
  if (!serverRevoked) throw new Error('logout was not confirmed by the server');
  return signedIn;
}

async function runClient(wx: SimulatedWx, url: string, deadline: number, tally: Tally): Promise<number> {
  const client = createClient({ baseUrl: url, clientId: WECHAT_APP, wx, timeoutMs: REQUEST_TIMEOUT_MS });
  // A journey lost its session if the SDK signed out for any reason but our logout, or if the
  // session was gone before the logout.
  let signedOutByItself = false;
  client.tokens.onSignedOut((reason) => {
    if (reason !== 'logout') signedOutByItself = true;
  });
  let done = 0;
  for (; done < JOURNEYS && performance.now() < deadline; done++) {
    const start = performance.now();
    signedOutByItself = false;
    let kept = true;
    try {
      kept = await journey(client);
      tally.latencies.push(performance.now() - start);
    } catch (error) {
      fail(tally, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      client.tokens.clear('logout');
    }
    if (signedOutByItself || !kept) tally.lost++;
  }
  return done;
}

async function load(url: string): Promise<Row[]> {
  const installs: SimulatedWx[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const openid = `o-bench-load-${i}`;
    await controlCall(url, 'POST', '/users', {
      userName: `bench-load-${i}`,
      social: [{ type: 'wechat_miniprogram', uid: openid }],
    });
    installs.push(createSimulatedWx({ emulatorUrl: url, openid }));
  }
  const tally: Tally = { latencies: [], errors: 0, lost: 0, samples: [] };
  const start = performance.now();
  const deadline = start + DEADLINE_MS;
  const done = await Promise.all(installs.map((wx) => runClient(wx, url, deadline, tally)));
  const seconds = (performance.now() - start) / 1000;
  const journeys = done.reduce((sum, n) => sum + n, 0);
  const requests = installs.reduce((sum, wx) => sum + wx.requests.length, 0);
  const planned = CLIENTS * JOURNEYS;
  const section = `Emulator under load (${CLIENTS} clients × ${JOURNEYS} journeys)`;
  const rows: Row[] = [
    {
      section,
      name: 'journeys completed',
      value: journeys,
      unit: '',
      goal: { op: '=', value: planned },
      note: `in ${seconds.toFixed(1)} s`,
      details: { seconds: round(seconds, 1), deadlineSeconds: DEADLINE_MS / 1000 },
    },
    {
      section,
      name: 'throughput',
      value: tally.latencies.length / seconds,
      unit: 'journeys/s',
      goal: null,
      note: `${(requests / seconds).toFixed(0)} SDK requests/s`,
      details: { sdkRequestsPerSecond: round(requests / seconds, 0), sdkRequests: requests },
    },
    {
      section,
      name: 'journey latency p50',
      value: quantile(tally.latencies, 0.5),
      unit: 'ms',
      goal: null,
    },
    {
      section,
      name: 'journey latency p99',
      value: quantile(tally.latencies, 0.99),
      unit: 'ms',
      goal: null,
    },
    {
      section,
      name: 'errors',
      value: tally.errors,
      unit: '',
      goal: { op: '=', value: 0 },
      details: { samples: tally.samples },
    },
    { section, name: 'sessions lost', value: tally.lost, unit: '', goal: { op: '=', value: 0 } },
  ];
  return rows;
}

withEmulator((emu) => load(emu.url)).then(emit, (error) => {
  console.error(error);
  process.exit(1);
});
