/**
 * Round trips: how many requests each journey makes until the user is signed in with a usable
 * id_token, counted by the simulated `wx` / `my` (real loopback HTTP to the emulator in its own
 * process). Minting the platform's codes (`wx.login`, the phone button) is the platform's work and
 * goes through the emulator's control routes, not the counted request function.
 */
import { signInWithMiniProgram as alipaySignIn, createClient as createAlipayClient } from 'idaas-miniprogram/alipay';
import {
  completeWithWechatPhone,
  createClient,
  type IdaasClient,
  type LoginResult,
  signInWithMiniProgram,
  signInWithWechatPhone,
} from 'idaas-miniprogram/wechat';
import { createSimulatedMy } from '../test/simulators/my';
import { createSimulatedWx } from '../test/simulators/wx';
import { withEmulator } from './emulator';
import { emit, type Row } from './row';

const WECHAT_APP = 'emu-wechat-mini-app';
const ALIPAY_APP = 'emu-alipay-mini-app';
/** Seeded (emulator/seeds/default.json): bound to WeChat and Alipay. */
const ALICE = { openid: 'o-emu-openid-alice', alipay: '2088000000000001' };
const quiet = { warn() {} };

function expectSuccess(result: LoginResult): void {
  if (result.status !== 'SUCCESS') throw new Error(`expected SUCCESS, got ${result.status}`);
}

function expectRegister(result: LoginResult) {
  if (result.status !== 'USER_REGISTER') throw new Error(`expected USER_REGISTER, got ${result.status}`);
  return result;
}

/** Ready for signed-in calls: if an id_token still has to be fetched, that request counts too. */
async function ready(client: IdaasClient): Promise<void> {
  await client.getIdToken();
}

/** Requests made by each journey, on a fresh install each. */
async function journeys(url: string): Promise<Row[]> {
  const rows: Row[] = [];
  const record = (name: string, requests: number, goal: number | null) =>
    rows.push({
      section: 'Round trips',
      name,
      value: requests,
      unit: 'req',
      goal: goal === null ? null : { op: '=', value: goal },
    });
  const wechat = (openid: string, phone?: string) => {
    const wx = createSimulatedWx({ emulatorUrl: url, openid, phone });
    return { wx, client: createClient({ baseUrl: url, clientId: WECHAT_APP, wx, logger: quiet }) };
  };

  const bound = wechat(ALICE.openid);
  expectSuccess(await signInWithMiniProgram(bound.client));
  await ready(bound.client);
  record('WeChat mini-program login, bound user', bound.wx.requests.length, 1);

  const fresh = wechat('o-bench-new-user', '13800000091');
  const step = expectRegister(await signInWithMiniProgram(fresh.client));
  expectSuccess(await completeWithWechatPhone(fresh.client, step, await fresh.wx.phoneEvent()));
  await ready(fresh.client);
  record('WeChat login, new user: phone register-bind', fresh.wx.requests.length, 2);

  const byPhone = wechat('o-bench-phone-user', '13800000092');
  expectSuccess(await signInWithWechatPhone(byPhone.client, await byPhone.wx.phoneEvent()));
  await ready(byPhone.client);
  record('WeChat phone-number login (no wx.login)', byPhone.wx.requests.length, 1);

  const my = createSimulatedMy({ emulatorUrl: url, alipayUserId: ALICE.alipay });
  const alipay = createAlipayClient({ baseUrl: url, clientId: ALIPAY_APP, my, logger: quiet });
  expectSuccess(await alipaySignIn(alipay));
  await ready(alipay);
  // The vendor's Alipay login answer carries no id_token, so the first signed-in call fetches one.
  record('Alipay mini-program login, bound user (+ first id_token)', my.requests.length, null);
  return rows;
}

withEmulator((emu) => journeys(emu.url)).then(emit, (error) => {
  console.error(error);
  process.exit(1);
});
