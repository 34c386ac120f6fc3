/**
 * Account center, the rest (seed 001 §2.8–2.10, 2.12, §3): social bindings, gesture, personal info
 * (with extension attributes), login history recorded by SDK logins, consent records and recall.
 */
import { ac, expectFailure, idToken, okData } from './account-center-helpers';
import { Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(() => h.close());
beforeEach(() => h.emu.reset());

const ALICE_ID = '20240101000000001-E1A1-EMUALICE1';
const BOB_ID = '20240101000000002-E1A2-EMUBOB002';
const PNG_SIGNATURE = '89504e470d0a1a0a';

describe('social bindings', () => {
  it('lists every authentication source with the user’s binding', async () => {
    const data = okData(await ac(h, 'GET', '/social_bind_info', await idToken(h)));
    expect(data.map((s: any) => [s.enterpriseAuthId, s.socialType, s.socialUserId, s.bound])).toEqual([
      ['ciammasterwechat', 'wechat', 'o-emu-openid-alice', true],
      ['ciammasteralipay', 'alipay', '2088000000000001', true],
      ['ciammasterqq', 'qq', null, false],
      ['ciammasterapple', 'apple', null, false],
    ]);
    expect(Object.keys(data[0])).toEqual(['name', 'enterpriseAuthId', 'logo', 'socialType', 'socialUserId', 'bound']);
    expect(data[0].name).toBe('WeChat Logon');
    expect(Buffer.from(data[0].logo, 'base64').subarray(0, 8).toString('hex')).toBe(PNG_SIGNATURE);
  });

  it('binds with a platform code; the binding serves SDK logins', async () => {
    const bob = await idToken(h, 'bob');
    const code = await h.wechatLoginCode('o-bob-wechat');
    expect(okData(await ac(h, 'POST', '/social/bind', bob, { code, enterpriseAuthId: 'ciammasterwechat' }))).toBeNull();
    expect((await h.get('/social', h.bearer(bob))).body.social).toEqual([
      expect.objectContaining({ socialType: 'wechat_miniprogram', socialUid: 'o-bob-wechat' }),
    ]);
    const login = await h.wechatLogin('o-bob-wechat');
    expect(JSON.parse(JSON.parse(Buffer.from(login.body.id_token.split('.')[1], 'base64url').toString()).api).id).toBe(
      BOB_ID,
    );
    // QQ through the app-login token.
    const qq = (await h.control('POST', '/social/token', { provider: 'qq', uid: 'qq-bob' })).body.access_token;
    okData(await ac(h, 'POST', '/social/bind', bob, { code: qq, enterpriseAuthId: 'ciammasterqq' }));
    expect(okData(await ac(h, 'GET', '/social_bind_info', bob)).filter((s: any) => s.bound)).toHaveLength(2);
  });

  it('answers the documented binding errors', async () => {
    const bob = await idToken(h, 'bob');
    const bind = async (openid: string) =>
      ac(h, 'POST', '/social/bind', bob, {
        code: await h.wechatLoginCode(openid),
        enterpriseAuthId: 'ciammasterwechat',
      });
    expectFailure(await bind('o-emu-openid-alice'), 'Operation.Failure', 'Params.Exist.SocialUser.SocialId');
    okData(await bind('o-bob-1'));
    okData(await bind('o-bob-1')); // the same identity again: no change
    expectFailure(await bind('o-bob-2'), 'Operation.Failure', 'Operation.Failure.User.Has.Bind.Other.Authentication');
    expectFailure(
      await ac(h, 'POST', '/social/bind', bob, { code: 'used-or-unknown', enterpriseAuthId: 'ciammasterwechat' }),
      'Operation.Failure',
      'Operation.Failure.Social.Auth.Code.Invalid',
    );
    expectFailure(
      await ac(h, 'POST', '/social/bind', bob, { code: 'x', enterpriseAuthId: 'ciammasterfax' }),
      'Params.Illegal',
      'Params.Illegal.Enterprise.Auth.Id',
    );
    expectFailure(
      await ac(h, 'POST', '/social/bind', bob, { enterpriseAuthId: 'ciammasterwechat' }),
      'Params.Blank',
      'Params.Blank.Code',
    );
  });

  it('unbinds; unbinding again is the documented error', async () => {
    const alice = await idToken(h);
    const unbind = () => ac(h, 'POST', '/social/unbind', alice, { enterpriseAuthId: 'ciammasterwechat' });
    expect(okData(await unbind())).toBeNull();
    expect(h.emu.state.bindingsOf(ALICE_ID).map((b) => b.type)).toEqual(['alipay_miniprogram']);
    expectFailure(await unbind(), 'Operation.Failure', 'Operation.Failure.Social.Not.Bind.Over.Error');
    expect((await h.wechatLogin('o-emu-openid-alice')).body.status).toBe('USER_REGISTER');
  });
});

describe('gesture', () => {
  const SIGN = Buffer.alloc(32, 7).toString('base64');

  it('stores the gesture and answers the documented success shape', async () => {
    const alice = await idToken(h);
    const r = await ac(h, 'POST', '/gesture/bind', alice, { gestureSign: SIGN });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ success: true, code: '200', message: null, requestId: expect.any(String), data: null });
    expect(h.emu.state.accountCenter.gestureOf(ALICE_ID)?.sign).toBe(SIGN);
    // The optional user name may be sent; it must be the signed-in user's (case-insensitive).
    expect((await ac(h, 'POST', '/gesture/bind', alice, { gestureSign: SIGN, username: 'Alice' })).body.success).toBe(
      true,
    );
  });

  it('answers the documented gesture errors', async () => {
    const alice = await idToken(h);
    const bind = (body: unknown) => ac(h, 'POST', '/gesture/bind', alice, body);
    expectFailure(await bind({}), 'Params.Blank', 'Params.Blank.Gesture.Sign');
    expectFailure(
      await bind({ gestureSign: 'not base64 AES!' }),
      'Operation.Failure',
      'OPERATION_FAILURE_GESTURE_SIGN_ERROR',
    );
    expectFailure(await bind({ gestureSign: SIGN, username: ' ' }), 'Params.Blank', 'Params.Blank.User.Username');
    expectFailure(
      await bind({ gestureSign: SIGN, username: 'bob' }),
      'Operation.Failure',
      'Operation.Failure.User.Not.Exist',
    );
    expect(h.emu.state.accountCenter.gestureOf(ALICE_ID)).toBeUndefined();
  });
});

describe('personal info', () => {
  it('GET /info: seeded fields, masking, dictionaries and bound socials', async () => {
    const data = okData(await ac(h, 'GET', '/info', await idToken(h)));
    expect(data).toMatchObject({
      uuid: ALICE_ID,
      username: 'alice',
      password: null,
      phoneNumber: '138****0001',
      phoneRegion: '86',
      email: 'ali******@example.com',
      enDisplayName: 'Alice',
      displayName: 'Alice Example',
      enabled: true,
      locked: false,
      gender: 'Female',
      birthday: '1990-01-01',
      city: 'Hangzhou',
      fullName: '*************',
      updatePasswordTime: null,
      picture: null,
      description: null,
    });
    const full = data.baseAttrDictionaries.find((d: any) => d.fieldValue === 'fullName');
    expect(full).toMatchObject({
      dataDictionaryType: 'USER_BASE',
      needSensitive: true,
      dictionaryValue: '*************',
    });
    const [regular, vip] = data.userTypeDictionaries;
    expect(regular).toMatchObject({ userTypeCode: 'default', userTypeName: 'Regular User' });
    const level = regular.dictionaries.find((d: any) => d.fieldValue === 'memberLevel');
    expect(level).toMatchObject({
      dataDictionaryType: 'USER_TYPE',
      dataDictionaryFieldType: 'SELECT',
      dictionaryObjectName: 'Regular User',
      dictionaryValue: 'gold',
      dictionaryValueUuid: expect.any(String),
    });
    expect(level.selectFieldOptions.map((o: any) => o.optionValue)).toEqual(['bronze', 'silver', 'gold']);
    expect(vip.dictionaries[0]).toMatchObject({ modifiable: false, dictionaryValue: '*********' });
    expect(data.userSocialList.map((s: any) => [s.socialType, s.socialId, s.bound])).toEqual([
      ['wechat', 'ciammasterwechat', true],
      ['alipay', 'ciammasteralipay', true],
    ]);
  });

  it('PUT /info updates fields and dictionaryValues; a GET answer sent back changes nothing', async () => {
    const alice = await idToken(h);
    const before = okData(await ac(h, 'GET', '/info', alice));
    const level = before.userTypeDictionaries[0].dictionaries.find((d: any) => d.fieldValue === 'memberLevel');
    const put = await ac(h, 'PUT', '/info', alice, {
      uuid: ALICE_ID,
      displayName: 'Alice E.',
      city: 'Shanghai',
      street: '',
      language: 'en',
      dictionaryValues: [
        { uuid: level.dictionaryValueUuid, dictionaryUuid: 'emu-dict-member-level', dictionaryValue: 'silver' },
        { dictionaryUuid: 'emu-dict-interests', dictionaryValue: 'music,travel' },
        { dictionaryUuid: 'emu-dict-joined', dictionaryValue: '2024-03-01' },
      ],
    });
    expect(okData(put)).toBeNull();
    const after = okData(await ac(h, 'GET', '/info', alice));
    expect(after).toMatchObject({ displayName: 'Alice E.', city: 'Shanghai', street: null });
    expect(h.emu.state.users.get(ALICE_ID)!.name).toBe('Alice E.');
    const values = Object.fromEntries(
      after.userTypeDictionaries[0].dictionaries.map((d: any) => [
        d.fieldValue,
        [d.dictionaryValue, d.dictionaryValueUuid],
      ]),
    );
    expect(values.memberLevel).toEqual(['silver', level.dictionaryValueUuid]);
    expect(values.interests[0]).toBe('music,travel');
    expect(values.joinedOn[0]).toBe('2024-03-01');

    // Round trip: the masked fullName and the unmodifiable country come back unchanged → accepted.
    okData(await ac(h, 'PUT', '/info', alice, { ...after, dictionaryValues: [] }));
    expect(h.emu.state.accountCenter.infoOf(ALICE_ID).fullName).toBe('Alice Example');
  });

  it('PUT /info rejects bad input and applies nothing then', async () => {
    const alice = await idToken(h);
    const put = (body: Record<string, unknown>) => ac(h, 'PUT', '/info', alice, { uuid: ALICE_ID, ...body });
    expectFailure(await ac(h, 'PUT', '/info', alice, { city: 'X' }), 'Params.Blank', 'Params.Blank.User.Uuid');
    expectFailure(await put({ uuid: BOB_ID }), 'Operation.Failure', 'Operation.Failure.User.Not.Exist');
    expectFailure(await put({ city: 'Xi’an', birthday: '1990-02-30' }), 'Params.Illegal', 'Params.Illegal.Birthday');
    expectFailure(await put({ country: 'France' }), 'Operation.Failure', 'Operation.Failure.Attribute.Not.Modifiable');
    const dict = (dictionaryUuid: string, dictionaryValue: string) =>
      put({ dictionaryValues: [{ dictionaryUuid, dictionaryValue }] });
    expectFailure(await dict('emu-dict-member-level', 'platinum'), 'Params.Illegal', 'Params.Illegal.Dictionary.Value');
    expectFailure(await dict('emu-dict-joined', 'yesterday'), 'Params.Illegal', 'Params.Illegal.Dictionary.Value');
    expectFailure(await dict('emu-dict-nickname', 'bobby'), 'Operation.Failure', 'Params.Exist.Attribute.Value');
    expectFailure(await dict('emu-dict-nope', 'x'), 'Params.Illegal', 'Params.Illegal.Dictionary.Uuid');
    expectFailure(
      await dict('emu-dict-customer-no', 'C-9'),
      'Operation.Failure',
      'Operation.Failure.Attribute.Not.Modifiable',
    );
    expectFailure(await put({ gender: 7 }), 'Params.Illegal', 'Params.Illegal.Gender');
    expect(h.emu.state.accountCenter.infoOf(ALICE_ID).city).toBe('Hangzhou');
  });
});

describe('login history', () => {
  it('records each successful SDK login, newest first', async () => {
    await h.post('/login', { user_name: 'bob', password: 'wrong' }); // not recorded
    const first = await h.post('/login', { user_name: 'bob', password: 'Passw0rd!bob' });
    const bob = first.body.id_token;
    await h.advance(60_000);
    const code = await h.code('sms', '13800000002', 'LOGIN_SMS');
    expect((await h.post('/login/mobile-verify-code', { mobile: '13800000002', verify_code: code })).body.status).toBe(
      'SUCCESS',
    );
    // A refresh is not a login.
    await h.post('/sso/session-token/id-token', undefined, { headers: { 'session-token': first.body.session_token } });
    const { historys } = okData(await ac(h, 'GET', '/login/history/list', bob));
    expect(historys.map((x: any) => x.loginMode)).toEqual(['SMS', 'PASSWORD']);
    expect(historys[0]).toEqual({
      uuid: expect.any(String),
      createTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d$/),
      archived: false,
      updateTime: historys[0].createTime,
      loginMode: 'SMS',
      loginIp: '127.0.0.1',
      loginAddress: 'Unknown',
    });
    // Per user.
    expect(okData(await ac(h, 'GET', '/login/history/list', await idToken(h))).historys).toHaveLength(1);
  });
});

describe('consent records', () => {
  it('lists the seeded records newest first and recalls one', async () => {
    const alice = await idToken(h);
    const records = okData(await ac(h, 'GET', '/get_agree_records', alice));
    expect(records.map((r: any) => [r.versionNumber, r.recordUuid])).toEqual([
      ['v2.1', 'emu-consent-alice-service'],
      ['v1.0', 'emu-consent-alice-privacy'],
    ]);
    expect(records[1]).toMatchObject({
      uuid: 'emu-terms-privacy-v1',
      systemId: '0000000000000000',
      versionContentType: 'TEXT',
      recordVersionStatus: 'PUBLISHED',
      createTime: Date.parse('2024-01-02T08:00:00Z'),
      publishDate: Date.parse('2024-01-01T00:00:00Z'),
      expiredDate: null,
    });
    expect(Buffer.from(records[1].base64EncodeContent, 'base64').toString()).toContain('privacy policy');

    const recall = (uuid: string) => ac(h, 'POST', '/agree_records/recall', alice, { uuid });
    expect(okData(await recall('emu-consent-alice-service'))).toBeNull();
    expectFailure(
      await recall('emu-consent-alice-service'),
      'Operation.Failure',
      'Operation.Failure.Agree.Record.Not.Exist',
    );
    expectFailure(
      await recall('emu-consent-bob-privacy'),
      'Operation.Failure',
      'Operation.Failure.Agree.Record.Not.Exist',
    );
    okData(await recall('emu-terms-privacy-v1')); // by terms version uuid
    expect(okData(await ac(h, 'GET', '/get_agree_records', alice))).toEqual([]);
    expect(okData(await ac(h, 'GET', '/get_agree_records', await idToken(h, 'bob')))).toHaveLength(1);
    expectFailure(await ac(h, 'POST', '/agree_records/recall', alice, {}), 'Params.Blank', 'Params.Blank.Uuid');
  });
});
