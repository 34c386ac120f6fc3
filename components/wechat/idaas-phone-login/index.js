/**
 * <idaas-phone-login> for WeChat: `<button open-type="getPhoneNumber">` wired to the SDK.
 *
 * - No continuation (or `mode="login"`): phone-number login, `signInWithWechatPhone`.
 * - A continuation handed over with `setContinuation(result)` (or `mode="bind"`): finishes that
 *   SOCIAL_BIND / USER_REGISTER login with the phone, `completeWithWechatPhone`.
 *
 * The client is the host's own, `getApp().idaas` (or `getApp()[clientKey]`); the component never
 * creates one, so there is one session, one storage record and one SDK instance.
 *
 * Events, with plain-data details:
 * - `success`: {status: 'SUCCESS', session, mode}
 * - `fail`: {kind, code, message, cancelled, mode, name, and when known status, field,
 *   platformCode, platformMessage, requestId}; the Error itself is `getLastError()`
 * - `result`: any other login status, {status, data, steps, mode}; the object is `getLastResult()`
 *
 * Shipped as-is in miniprogram_dist (no build step): ES2015 CommonJS. It requires the SDK entry that
 * sits next to it, `../../../wechat.js`: after Build npm that is the very file the app's
 * `require('idaas-miniprogram/wechat')` loads (miniprogram_npm/idaas-miniprogram/wechat.js), so the
 * app holds one SDK copy.
 */
const sdk = require('../../../wechat.js');
const messages = require('../../../messages.js');
const phoneLogin = require('../../shared/phone-login.js');

function syncMode(component) {
  const binding = phoneLogin.binds(component.data.mode, phoneLogin.stateOf(component));
  const label = phoneLogin.labelOf(messages, component.data, binding);
  if (component.data.binding !== binding || component.data.label !== label) {
    component.setData({ binding: binding, label: label });
  }
}

Component({
  externalClasses: ['ext-class'],
  properties: {
    /** The button's label; empty: `手机号快捷登录` / `Sign in with phone number` by `language`. */
    text: { type: String, value: '' },
    /** The label while a continuation is set (bind mode); empty: `text`, else the default. */
    continueText: { type: String, value: '' },
    /** `zh` or `en` (any zh-… / en-… tag); empty: the host app's language (wx.getAppBaseInfo). */
    language: { type: String, value: '' },
    disabled: { type: Boolean, value: false },
    /** The button's type: `primary`, `default` or `warn`. */
    type: { type: String, value: 'primary' },
    /** `auto` (bind when a continuation is set, else log in), `login` or `bind`. */
    mode: { type: String, value: 'auto' },
    /** Which property of getApp() holds the client. */
    clientKey: { type: String, value: 'idaas' },
  },
  data: { busy: false, binding: false, label: '' },
  observers: {
    'mode, text, continueText, language'() {
      syncMode(this);
    },
  },
  lifetimes: {
    attached() {
      syncMode(this);
    },
    detached() {
      phoneLogin.forget(this);
    },
  },
  methods: {
    /**
     * Hands over the SOCIAL_BIND / USER_REGISTER result of `signInWithMiniProgram`, or null to
     * clear it. A method, not a property: a property goes through setData, whose copy loses the
     * state token. Throws IdaasValidationError for anything else.
     */
    setContinuation(continuation) {
      phoneLogin.stateOf(this).continuation = phoneLogin.checkContinuation(sdk, continuation);
      syncMode(this);
    },

    /** The continuation a tap would finish, or null. */
    getContinuation() {
      return phoneLogin.stateOf(this).continuation;
    },

    /** The Error behind the last `fail` event (an IdaasError, for the SDK's is*Error guards), or null. */
    getLastError() {
      return phoneLogin.stateOf(this).error;
    },

    /** The LoginResult of the last tap that got an answer (a live continuation after `result`), or null. */
    getLastResult() {
      return phoneLogin.stateOf(this).result;
    },

    /** bindgetphonenumber. Returns the run, which never rejects (WeChat ignores it). */
    onGetPhoneNumber(event) {
      if (this.data.busy) return Promise.resolve();
      const bind = phoneLogin.binds(this.data.mode, phoneLogin.stateOf(this));
      return phoneLogin.tap(
        sdk,
        phoneLogin.stateOf(this),
        bind,
        (continuation) => {
          const client = phoneLogin.hostClient(sdk, this.data.clientKey);
          return bind
            ? sdk.completeWithWechatPhone(client, continuation, event)
            : sdk.signInWithWechatPhone(client, event);
        },
        {
          busy: (on) => this.setData({ busy: on }),
          emit: (name, detail) => this.triggerEvent(name, detail),
          sync: () => syncMode(this),
          describe: (error) => messages.describeError(error, phoneLogin.languageOf(messages, this.data.language)),
        }
      );
    },
  },
});
