/**
 * <idaas-phone-login> for Alipay: `<button open-type="getAuthorize" scope="phoneNumber">`, then
 * `my.getPhoneNumber`, wired to the SDK.
 *
 * - A continuation handed over with `setContinuation(result)` (or `mode="bind"`): finishes that
 *   SOCIAL_BIND / USER_REGISTER login with the phone, `completeWithAlipayPhone`.
 * - No continuation (or `mode="login"`): Alipay has no phone-number login, so the tap runs
 *   `signInWithMiniProgram` (silent auth_base) and, if it finds no linked user, finishes it with
 *   the phone the user just agreed to share.
 *
 * The client is the host's own, `getApp().idaas` (or `getApp()[clientKey]`); the component never
 * creates one. Reach the instance with `ref` (base library 1.18.0).
 *
 * Events are Alipay-style callback props, called with `{type, detail}` so handlers read
 * `e.detail` as on WeChat:
 * - `onSuccess`: detail {status: 'SUCCESS', session, mode}
 * - `onFail`: detail {kind, code, message, cancelled, mode, name, and when known status, field,
 *   platformCode, platformMessage, requestId}; the Error itself is `getLastError()`
 * - `onResult`: any other login status, detail {status, data, steps, mode}; the object is
 *   `getLastResult()`
 *
 * Shipped as-is at the package root, `components/alipay/` (no build step; WeChat's Build npm copies
 * only miniprogram_dist, so it never reaches a WeChat app). An ES2015 module that imports the SDK by
 * the very specifier and syntax the app uses, `import … from 'idaas-miniprogram/alipay'`: Alipay
 * resolves both through the package's `exports` to one file, so the app holds one SDK copy.
 */
import {
  completeWithAlipayPhone,
  IdaasUserCancelledError,
  IdaasValidationError,
  isIdaasError,
  isUserCancelledError,
  signInWithMiniProgram,
} from 'idaas-miniprogram/alipay';
import { describeError, messageLanguage } from 'idaas-miniprogram/messages';
import * as phoneLogin from '../../shared/phone-login.js';

// What the shared helper needs of the SDK.
const sdk = {
  IdaasValidationError: IdaasValidationError,
  isIdaasError: isIdaasError,
  isUserCancelledError: isUserCancelledError,
};
const messages = { describeError: describeError, messageLanguage: messageLanguage };

const HANDLERS = { success: 'onSuccess', fail: 'onFail', result: 'onResult' };

function syncMode(component) {
  const binding = phoneLogin.binds(component.props.mode, phoneLogin.stateOf(component));
  const label = phoneLogin.labelOf(messages, component.props, binding);
  if (component.data.binding !== binding || component.data.label !== label) {
    component.setData({ binding: binding, label: label });
  }
}

function view(component) {
  return {
    busy: (on) => component.setData({ busy: on }),
    emit: (name, detail) => {
      const handler = component.props[HANDLERS[name]];
      if (typeof handler === 'function') handler({ type: name, detail: detail });
    },
    sync: () => syncMode(component),
    describe: (error) => messages.describeError(error, phoneLogin.languageOf(messages, component.props.language)),
  };
}

Component({
  props: {
    /** The button's label; empty: `手机号快捷登录` / `Sign in with phone number` by `language`. */
    text: '',
    /** The label while a continuation is set (bind mode); empty: `text`, else the default. */
    continueText: '',
    /** `zh` or `en` (any zh-… / en-… tag); empty: the host app's language (my.getSystemInfoSync). */
    language: '',
    disabled: false,
    /** The button's type: `primary`, `default` or `warn`. */
    type: 'primary',
    /** `auto` (bind when a continuation is set, else sign in and bind), `login` or `bind`. */
    mode: 'auto',
    /** Which property of getApp() holds the client. */
    clientKey: 'idaas',
    className: '',
  },
  data: { busy: false, binding: false, label: '' },
  didMount() {
    syncMode(this);
  },
  didUpdate(prevProps) {
    const props = this.props;
    if (['mode', 'text', 'continueText', 'language'].some((name) => prevProps[name] !== props[name])) syncMode(this);
  },
  didUnmount() {
    phoneLogin.forget(this);
  },
  methods: {
    /**
     * Hands over the SOCIAL_BIND / USER_REGISTER result of `signInWithMiniProgram`, or null to
     * clear it. A method, not a prop: props and setData copy values, and a copy loses the state
     * token. Throws IdaasValidationError for anything else.
     */
    setContinuation(continuation) {
      phoneLogin.stateOf(this).continuation = phoneLogin.checkContinuation(sdk, continuation);
      syncMode(this);
    },

    /** The continuation a tap would finish, or null. */
    getContinuation() {
      return phoneLogin.stateOf(this).continuation;
    },

    /** The Error behind the last `onFail` (an IdaasError, for the SDK's is*Error guards), or null. */
    getLastError() {
      return phoneLogin.stateOf(this).error;
    },

    /** The LoginResult of the last tap that got an answer (a live continuation after `onResult`), or null. */
    getLastResult() {
      return phoneLogin.stateOf(this).result;
    },

    /** The user agreed to share the phone number. Returns the run, which never rejects. */
    onGetAuthorize() {
      if (this.data.busy) return Promise.resolve();
      const bind = phoneLogin.binds(this.props.mode, phoneLogin.stateOf(this));
      return phoneLogin.tap(
        sdk,
        phoneLogin.stateOf(this),
        bind,
        (continuation) => {
          const client = phoneLogin.hostClient(sdk, this.props.clientKey);
          if (bind) return completeWithAlipayPhone(client, continuation);
          return signInWithMiniProgram(client).then((result) =>
            phoneLogin.isBindContinuation(result) ? completeWithAlipayPhone(client, result) : result
          );
        },
        view(this)
      );
    },

    /** The consent sheet was refused (or failed): `{type: 'getAuthorize', errorMessage}`. */
    onAuthError(event) {
      const info = Object(Object(event).detail || event);
      const bind = phoneLogin.binds(this.props.mode, phoneLogin.stateOf(this));
      const error = new IdaasUserCancelledError({
        code: 'USER_CANCELLED',
        message: 'The user declined to share the phone number.',
        platformCode: typeof info.error === 'number' ? info.error : undefined,
        platformMessage: typeof info.errorMessage === 'string' ? info.errorMessage : undefined,
      });
      phoneLogin.fail(sdk, phoneLogin.stateOf(this), error, bind ? 'bind' : 'login', view(this));
    },
  },
});
