// The emulator's console: plain JavaScript, no build. It polls the control routes of its own origin
// (/__emulator/state, /outbox, /requests, /faults) and turns settings and faults into switches.
'use strict';

const API = '/__emulator';
const token = new URLSearchParams(location.search).get('token');
const BOOLEAN_SETTINGS = [
  ['autoRegister', 'Auto-register unknown users (code and phone logins)'],
  ['rotateSessionToken', 'Rotate the session_token on refresh'],
  ['quirks.leadingSpaceStatus', 'Quirk: leading space in " SOCIAL_BIND" / state_token'],
  ['quirks.leadingSpaceErrors', 'Quirk: leading space in some error messages'],
  ['quirks.alipayNoIdToken', 'Quirk: no id_token from the Alipay logins'],
];
// A switched-on fault holds for this many calls: in practice until it is switched off.
const UNTIL_OFF = 100000;
const FAULT_ROUTES = [
  ['/api/v2/sdk/captcha', 'Slider captcha (GET /captcha)'],
  ['/api/v2/sdk/sms/send', 'Send an SMS code'],
  ['/api/v2/sdk/email/send', 'Send an email code'],
  ['/api/v2/sdk/login', 'Password login'],
  ['/api/v2/sdk/login/mobile-verify-code', 'SMS code login'],
  ['/api/v2/sdk/login/wechat-miniprogram', 'WeChat mini-program login'],
  ['/api/v2/sdk/login/alipay-miniprogram', 'Alipay mini-program login'],
  ['/api/v2/sdk/sso/session-token/id-token', 'id_token refresh'],
  ['/api/v2/sdk/sso/logout', 'Logout'],
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
        el('td', {}, `${Math.round(s.expiresInSeconds / 60)} min`),
      ),
    ),
  );
  const settings = document.getElementById('settings');
  if (!settings.childElementCount) {
    for (const [path, label] of BOOLEAN_SETTINGS) {
      const input = el('input', {
        type: 'checkbox',
        id: `setting-${path}`,
        onchange: (e) => {
          const [group, key] = path.split('.');
          const patch = key ? { [group]: { [key]: e.target.checked } } : { [group]: e.target.checked };
          call('POST', '/settings', patch).then(refresh, showError);
        },
      });
      settings.append(el('label', { class: 'switch' }, input, label));
    }
  }
  for (const [path] of BOOLEAN_SETTINGS)
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
    for (const [path, label] of FAULT_ROUTES) {
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
        el('label', { class: 'switch' }, input, `${label}: answers 500 "System busy" until switched off`),
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
  document.getElementById('status').textContent = `Error: ${error.message}`;
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
    document.getElementById('status').textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    showError(error);
  }
}

document.getElementById('reset').addEventListener('click', () => call('POST', '/reset').then(refresh, showError));
document
  .getElementById('clear-faults')
  .addEventListener('click', () => call('DELETE', '/faults').then(refresh, showError));
refresh();
setInterval(refresh, 1000);
