// The emulator's console: plain JavaScript, no build. It polls the control routes of its own origin
// (/__emulator/state, /outbox, /requests, /faults) and turns settings and faults into switches.
'use strict';

const API = '/__emulator';
const query = new URLSearchParams(location.search);
const token = query.get('token');

// People-facing text in English and Chinese; Chinese on a Chinese browser, `?lang=en|zh` overrides.
const TEXT = {
  en: {
    title: 'IDaaS emulator',
    reset: 'Reset',
    resetTitle: 'Back to the seed: sessions, codes, faults forgotten',
    outbox: 'Outbox',
    outboxHint: 'SMS and email codes',
    sent: 'Sent',
    to: 'To',
    type: 'Type',
    code: 'Code',
    app: 'App',
    faults: 'Faults',
    faultsHint: 'switched on, every call to a route fails',
    clearFaults: 'Clear all faults',
    settings: 'Settings',
    settingsHint: 'tenant switches',
    users: 'Users',
    usersHint: 'with linked WeChat / Alipay identities',
    userName: 'User name',
    name: 'Name',
    mobile: 'Mobile',
    email: 'Email',
    status: 'Status',
    linked: 'Linked',
    sessions: 'Live sessions',
    user: 'User',
    token: 'Token',
    expiresIn: 'Expires in',
    requests: 'Last requests',
    requestsHint: 'tokens masked; click one for headers and answer',
    time: 'Time',
    request: 'Request',
    answer: 'Answer',
    minutes: (n) => `${n} min`,
    failsUntilOff: (label) => `${label}: answers 500 "System busy" until switched off`,
    updated: (t) => `Updated ${t}`,
    error: (m) => `Error: ${m}`,
    other: '中文',
    autoRegister: 'Auto-register unknown users (code and phone logins)',
    rotateSessionToken: 'Rotate the session_token on refresh',
    'quirks.leadingSpaceStatus': 'Quirk: leading space in " SOCIAL_BIND" / state_token',
    'quirks.leadingSpaceErrors': 'Quirk: leading space in some error messages',
    'quirks.alipayNoIdToken': 'Quirk: no id_token from the Alipay logins',
    '/api/v2/sdk/captcha': 'Slider captcha (GET /captcha)',
    '/api/v2/sdk/sms/send': 'Send an SMS code',
    '/api/v2/sdk/email/send': 'Send an email code',
    '/api/v2/sdk/login': 'Password login',
    '/api/v2/sdk/login/mobile-verify-code': 'SMS code login',
    '/api/v2/sdk/login/wechat-miniprogram': 'WeChat mini-program login',
    '/api/v2/sdk/login/alipay-miniprogram': 'Alipay mini-program login',
    '/api/v2/sdk/sso/session-token/id-token': 'id_token refresh',
    '/api/v2/sdk/logout': 'Logout',
  },
  zh: {
    title: 'IDaaS 模拟器',
    reset: '重置',
    resetTitle: '恢复种子数据：清除会话、验证码和故障',
    outbox: '发件箱',
    outboxHint: '短信和邮件验证码',
    sent: '发送时间',
    to: '收件人',
    type: '类型',
    code: '验证码',
    app: '应用',
    faults: '故障注入',
    faultsHint: '开启后，该接口的每次调用都失败',
    clearFaults: '清除全部故障',
    settings: '设置',
    settingsHint: '租户开关',
    users: '用户',
    usersHint: '及其绑定的微信 / 支付宝身份',
    userName: '用户名',
    name: '姓名',
    mobile: '手机号',
    email: '邮箱',
    status: '状态',
    linked: '已绑定',
    sessions: '有效会话',
    user: '用户',
    token: '令牌',
    expiresIn: '剩余时间',
    requests: '最近请求',
    requestsHint: '令牌已遮盖；点击查看请求头和应答',
    time: '时间',
    request: '请求',
    answer: '应答',
    minutes: (n) => `${n} 分钟`,
    failsUntilOff: (label) => `${label}：返回 500“系统繁忙”，直到关闭`,
    updated: (t) => `已更新 ${t}`,
    error: (m) => `错误：${m}`,
    other: 'English',
    autoRegister: '自动注册未知用户（验证码和手机号登录）',
    rotateSessionToken: '刷新时轮换 session_token',
    'quirks.leadingSpaceStatus': '文档怪癖：" SOCIAL_BIND" / state_token 前导空格',
    'quirks.leadingSpaceErrors': '文档怪癖：部分错误信息前导空格',
    'quirks.alipayNoIdToken': '文档怪癖：支付宝登录不返回 id_token',
    '/api/v2/sdk/captcha': '滑块验证码（GET /captcha）',
    '/api/v2/sdk/sms/send': '发送短信验证码',
    '/api/v2/sdk/email/send': '发送邮件验证码',
    '/api/v2/sdk/login': '密码登录',
    '/api/v2/sdk/login/mobile-verify-code': '短信验证码登录',
    '/api/v2/sdk/login/wechat-miniprogram': '微信小程序登录',
    '/api/v2/sdk/login/alipay-miniprogram': '支付宝小程序登录',
    '/api/v2/sdk/sso/session-token/id-token': 'id_token 刷新',
    '/api/v2/sdk/logout': '退出登录',
  },
};
let lang = query.get('lang') || ((navigator.language || '').toLowerCase().startsWith('zh') ? 'zh' : 'en');
if (!TEXT[lang]) lang = 'en';
const t = (key, ...args) => {
  const value = TEXT[lang][key];
  return typeof value === 'function' ? value(...args) : value;
};

function translatePage() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
  document.getElementById('lang').textContent = t('other');
  for (const node of document.querySelectorAll('[data-label]')) {
    const label = t(node.dataset.label);
    node.lastChild.textContent = node.dataset.kind === 'fault' ? t('failsUntilOff', label) : label;
  }
}

const BOOLEAN_SETTINGS = [
  'autoRegister',
  'rotateSessionToken',
  'quirks.leadingSpaceStatus',
  'quirks.leadingSpaceErrors',
  'quirks.alipayNoIdToken',
];
// A switched-on fault holds for this many calls: in practice until it is switched off.
const UNTIL_OFF = 100000;
const FAULT_ROUTES = [
  '/api/v2/sdk/captcha',
  '/api/v2/sdk/sms/send',
  '/api/v2/sdk/email/send',
  '/api/v2/sdk/login',
  '/api/v2/sdk/login/mobile-verify-code',
  '/api/v2/sdk/login/wechat-miniprogram',
  '/api/v2/sdk/login/alipay-miniprogram',
  '/api/v2/sdk/sso/session-token/id-token',
  '/api/v2/sdk/logout',
];

async function call(method, path, body) {
  const headers = { 'content-type': 'application/json' };
  if (token) headers['x-emulator-token'] = token;
  const res = await fetch(API + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await res.json();
  if (!res.ok) throw new Error(data.error_msg || res.status);
  return data;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (v !== undefined && v !== false) node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children)
    node.append(child instanceof Node ? child : document.createTextNode(String(child ?? '')));
  return node;
}

function fill(id, rows) {
  document.getElementById(id).replaceChildren(...rows);
}

const time = (ms) => new Date(ms).toLocaleTimeString();
const mask = (t) => (typeof t === 'string' && t.length > 6 ? `${t.slice(0, 4)}…(${t.length})` : '…');
const get = (obj, path) => path.split('.').reduce((o, k) => (o ? o[k] : undefined), obj);

function renderState(state) {
  document.getElementById('clock').textContent = new Date(state.now).toISOString();
  const names = new Map(state.users.map((u) => [u.id, u.userName]));
  fill(
    'users',
    state.users.map((u) =>
      el(
        'tr',
        { 'data-user': u.userName },
        el('td', {}, u.userName),
        el('td', {}, u.name),
        el('td', {}, u.mobile || ''),
        el('td', {}, u.email || ''),
        el('td', {}, u.status),
        el(
          'td',
          {},
          ...u.social.map((s) => el('span', { class: 'tag', title: s.socialUid }, `${s.socialType}: ${s.socialUid}`)),
        ),
      ),
    ),
  );
  fill(
    'sessions',
    state.sessions.map((s) =>
      el(
        'tr',
        {},
        el('td', {}, names.get(s.userId) || s.userId),
        el('td', {}, s.clientId),
        el('td', { class: 'mono' }, mask(s.token)),
        el('td', {}, t('minutes', Math.round(s.expiresInSeconds / 60))),
      ),
    ),
  );
  const settings = document.getElementById('settings');
  if (!settings.childElementCount) {
    for (const path of BOOLEAN_SETTINGS) {
      const input = el('input', {
        type: 'checkbox',
        id: `setting-${path}`,
        onchange: (e) => {
          const [group, key] = path.split('.');
          const patch = key ? { [group]: { [key]: e.target.checked } } : { [group]: e.target.checked };
          call('POST', '/settings', patch).then(refresh, showError);
        },
      });
      settings.append(el('label', { class: 'switch', 'data-label': path }, input, t(path)));
    }
  }
  for (const path of BOOLEAN_SETTINGS)
    document.getElementById(`setting-${path}`).checked = get(state.tenant, path) === true;
}

function renderOutbox(messages) {
  fill(
    'outbox',
    messages
      .slice()
      .reverse()
      .map((m) =>
        el(
          'tr',
          { 'data-to': m.to },
          el('td', {}, time(m.sentAt)),
          el('td', {}, m.to),
          el('td', {}, m.type),
          el('td', { class: 'code' }, m.code),
          el('td', {}, m.clientId),
        ),
      ),
  );
}

function renderFaults(faults) {
  const switches = document.getElementById('fault-switches');
  if (!switches.childElementCount) {
    for (const path of FAULT_ROUTES) {
      const input = el('input', {
        type: 'checkbox',
        'data-path': path,
        onchange: (e) => {
          const done = e.target.checked
            ? call('POST', '/faults', { path, status: 500, times: UNTIL_OFF })
            : call('DELETE', '/faults').then(() =>
                Promise.all(
                  (renderFaults.current || []).filter((f) => f.path !== path).map((f) => call('POST', '/faults', f)),
                ),
              );
          done.then(refresh, showError);
        },
      });
      switches.append(
        el('label', { class: 'switch', 'data-label': path, 'data-kind': 'fault' }, input, t('failsUntilOff', t(path))),
      );
    }
  }
  renderFaults.current = faults;
  for (const input of switches.querySelectorAll('input'))
    input.checked = faults.some((f) => f.path === input.dataset.path);
  fill(
    'faults',
    faults.map((f) =>
      el(
        'li',
        { class: 'mono' },
        `${f.method || '*'} ${f.path} ×${f.times}: ${f.status || ''} ${f.drop ? 'drop' : ''} ${f.delayMs ? `${f.delayMs} ms` : ''}`,
      ),
    ),
  );
}

function renderRequests(requests) {
  fill(
    'requests',
    requests
      .slice()
      .reverse()
      .map((r) => {
        const answer =
          r.response && typeof r.response === 'object' ? r.response.error_code || r.response.status || '' : '';
        const details = el(
          'details',
          {},
          el('summary', { class: 'mono' }, `${r.method} ${r.target}`),
          el(
            'pre',
            {},
            `headers ${JSON.stringify(r.headers, null, 1)}\nrequest ${JSON.stringify(r.request, null, 1)}\nanswer ${JSON.stringify(r.response, null, 1)}`,
          ),
        );
        return el(
          'tr',
          { class: r.status >= 400 ? 'failed' : '', 'data-target': r.target },
          el('td', {}, time(r.at)),
          el('td', {}, details),
          el('td', {}, r.status),
          el('td', { class: 'mono' }, `${answer}${r.fault ? ' (fault)' : ''}`),
        );
      }),
  );
}

function showError(error) {
  document.getElementById('status').textContent = t('error', error.message);
}

// A request list open at <details> is not redrawn while the reader looks at it.
function reading() {
  return document.querySelector('#requests details[open]') !== null;
}

async function refresh() {
  try {
    const [state, outbox, faults, requests] = await Promise.all([
      call('GET', '/state'),
      call('GET', '/outbox'),
      call('GET', '/faults'),
      call('GET', '/requests'),
    ]);
    renderState(state);
    renderOutbox(outbox.messages);
    renderFaults(faults.faults);
    if (!reading()) renderRequests(requests.requests);
    document.getElementById('status').textContent = t('updated', new Date().toLocaleTimeString());
  } catch (error) {
    showError(error);
  }
}

document.getElementById('reset').addEventListener('click', () => call('POST', '/reset').then(refresh, showError));
document
  .getElementById('clear-faults')
  .addEventListener('click', () => call('DELETE', '/faults').then(refresh, showError));
document.getElementById('lang').addEventListener('click', () => {
  lang = lang === 'zh' ? 'en' : 'zh';
  translatePage();
});
translatePage();
refresh().then(translatePage);
setInterval(refresh, 1000);
