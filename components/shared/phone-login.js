/**
 * What the WeChat and Alipay <idaas-phone-login> components share: the per-instance state, finding
 * the host's client, checking a continuation, and running one tap into `success` / `fail` /
 * `result`. Each component passes its own SDK entry (`wechat.js` / `alipay.js`), so this file
 * loads no adapter.
 *
 * ES2015 module. Alipay gets it as-is (package root `components/shared/`, next to the Alipay
 * component that imports it); WeChat's copy in miniprogram_dist is the same code turned into
 * CommonJS by the build (the WeChat component `require`s it).
 */

const BIND_STATUSES = ['SOCIAL_BIND', 'USER_REGISTER'];

// The button's default labels, in the host app's language unless the `language` property says
// otherwise; the `text` / `continue-text` properties replace them.
const LABELS = {
  zh: { login: '手机号快捷登录', bind: '授权手机号并继续' },
  en: { login: 'Sign in with phone number', bind: 'Continue with my phone number' },
};

/** `zh` or `en`: the `language` property when set, else the host app's (messages.messageLanguage). */
export function languageOf(messages, asked) {
  return messages.messageLanguage(asked || undefined);
}

/** The label to show: the host's own text, else the default for the mode in the language. */
export function labelOf(messages, props, binding) {
  const own = binding ? props.continueText || props.text : props.text;
  return own || LABELS[languageOf(messages, props.language)][binding ? 'bind' : 'login'];
}

const ERROR_FIELDS = ['name', 'status', 'field', 'platformCode', 'platformMessage', 'requestId'];

// Per-instance state that must not go through setData: the continuation keeps its state token in a
// non-enumerable property, which a setData copy would drop; Errors and results keep their class.
const states = new WeakMap();

/** The instance's state: `{continuation, error, result}`. */
export function stateOf(component) {
  let state = states.get(component);
  if (!state) {
    state = { continuation: null, error: null, result: null };
    states.set(component, state);
  }
  return state;
}

/** Drops the instance's state (detached / didUnmount). */
export function forget(component) {
  states.delete(component);
}

/** The host's client, `getApp()[key]`, checked to look like an idaas-miniprogram client. */
export function hostClient(sdk, key) {
  const name = key || 'idaas';
  const app = typeof getApp === 'function' ? getApp() : undefined;
  const client = app ? app[name] : undefined;
  if (!client || typeof client.send !== 'function' || !client.tokens || !client.platform) {
    throw new sdk.IdaasValidationError({
      code: 'CLIENT_MISSING',
      field: 'clientKey',
      message:
        'getApp().' +
        name +
        ' is not an idaas-miniprogram client: create it in app.js, App({ ' +
        name +
        ': createClient({...}) }), or name yours with the client-key property.',
    });
  }
  return client;
}

/**
 * Checks what the host hands to `setContinuation`: null (clear), or a SOCIAL_BIND / USER_REGISTER
 * result that still carries its state token. Throws IdaasValidationError otherwise.
 */
export function checkContinuation(sdk, continuation) {
  if (continuation == null) return null;
  if (BIND_STATUSES.indexOf(Object(continuation).status) < 0) {
    throw new sdk.IdaasValidationError({
      code: 'INVALID_ARGUMENT',
      field: 'continuation',
      message: 'setContinuation takes the SOCIAL_BIND or USER_REGISTER result of the login, or null.',
    });
  }
  if (continuation.spent === true) {
    // Spent by any copy of the SDK: the mark is on the object itself.
    throw new sdk.IdaasValidationError({
      code: 'CONTINUATION_SPENT',
      field: 'continuation',
      message: 'This login step was already completed; start a new login.',
    });
  }
  if (typeof continuation.stateToken !== 'string' || !continuation.stateToken) {
    throw new sdk.IdaasValidationError({
      code: 'CONTINUATION_WITHOUT_STATE_TOKEN',
      field: 'continuation',
      message: 'This continuation has no state token: pass the object the login returned, not a setData copy.',
    });
  }
  return continuation;
}

/** True when a result is a continuation this component can finish with the phone. */
export function isBindContinuation(result) {
  return BIND_STATUSES.indexOf(Object(result).status) >= 0;
}

/** Whether a tap binds the continuation (`mode` bind, or auto with one set) or logs in. */
export function binds(mode, state) {
  if (mode === 'bind') return true;
  if (mode === 'login') return false;
  return !!state.continuation;
}

/** `fail`'s detail: what the error says, as plain data. */
function failDetail(sdk, error, mode, view) {
  const found = Object(error);
  const known = sdk.isIdaasError(error);
  const detail = {
    kind: known ? found.kind : 'unknown',
    code: known ? found.code : 'UNEXPECTED_ERROR',
    message: String(found.message || error),
    cancelled: sdk.isUserCancelledError(error),
    mode: mode,
  };
  // One sentence for the user, in the component's language (describeError): never a code.
  if (view && typeof view.describe === 'function') detail.text = view.describe(error);
  ERROR_FIELDS.forEach((name) => {
    if (found[name] !== undefined) detail[name] = found[name];
  });
  return detail;
}

/** Reports a failure that happened before any SDK call (e.g. Alipay's onError). */
export function fail(sdk, state, error, mode, view) {
  state.error = error;
  state.result = null;
  view.emit('fail', failDetail(sdk, error, mode, view));
}

/**
 * Runs one tap. `start(continuation)` makes the SDK call (it may throw); `view` is
 * `{busy(on), emit(name, detail), sync()}`. Never rejects.
 */
export function tap(sdk, state, bind, start, view) {
  const continuation = state.continuation;
  const mode = bind ? 'bind' : 'login';
  view.busy(true);
  let run;
  try {
    run = Promise.resolve(start(continuation));
  } catch (error) {
    run = Promise.reject(error);
  }
  return run
    .then(
      (result) => {
        state.error = null;
        state.result = result;
        // The server answered with the state token: that continuation is spent.
        if (bind && state.continuation === continuation) state.continuation = null;
        view.busy(false);
        view.sync();
        if (result.status === 'SUCCESS') {
          view.emit('success', { status: result.status, session: result.session, mode: mode });
        } else {
          view.emit('result', { status: result.status, data: result.data, steps: result.steps || [], mode: mode });
        }
      },
      (error) => {
        view.busy(false);
        fail(sdk, state, error, mode, view);
      }
    )
    .catch((error) => {
      // A host handler threw: report it rather than leave an unhandled rejection.
      console.error(error);
    });
}
