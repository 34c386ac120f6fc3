/**
 * The steps a password (or code) login may ask for before it succeeds: PASSWORD_WARN (skip or
 * change), PASSWORD_EXPIRED (change), MFA_AUTH (an SMS code). Each step's answer goes back through
 * `settle`, so chains such as PASSWORD_WARN → MFA_AUTH work too.
 */
import { Text, View } from '@tarojs/components';
import {
  completeMfaWithSms,
  type LoginContinuation,
  type LoginResult,
  sendSmsCode,
  skipPasswordUpdate,
  updateExpiredPassword,
  verifyCaptcha,
} from 'idaas-miniprogram/taro';
import { useState } from 'react';
import { home, idaas } from '../idaas';
import { Captcha } from './Captcha';
import { DevInbox } from './DevInbox';
import { Action, Card, ErrorText, Field, Notice, useAction } from './kit';

export type LoginStep = LoginContinuation<'MFA_AUTH' | 'PASSWORD_WARN' | 'PASSWORD_EXPIRED'>;

/** What a login page does with a result: home on SUCCESS, a step to show, or an error in words. */
export function useLoginFlow() {
  const [step, setStep] = useState<LoginStep | null>(null);
  const settle = (result: LoginResult) => {
    if (result.status === 'SUCCESS') {
      setStep(null);
      home();
    } else if (
      result.status === 'MFA_AUTH' ||
      result.status === 'PASSWORD_WARN' ||
      result.status === 'PASSWORD_EXPIRED'
    ) {
      setStep(result);
    } else if (result.status === 'ACCESS_DENIED') {
      throw new Error('Access denied: this account may not sign in (it is disabled or blocked).');
    } else if (result.status === 'SOCIAL_BIND' || result.status === 'USER_REGISTER') {
      throw new Error('This account still needs a phone number: use the one-tap login.');
    } else {
      throw new Error(`The server answered an unexpected login status (${result.rawStatus || 'none'}).`);
    }
  };
  return { step, setStep, settle };
}

export function LoginSteps({
  step,
  settle,
  restart,
}: {
  step: LoginStep;
  settle(result: LoginResult): void;
  restart(): void;
}) {
  if (step.status === 'MFA_AUTH') return <MfaStep step={step} settle={settle} restart={restart} />;
  return <PasswordStep step={step} settle={settle} restart={restart} />;
}

function PasswordStep({
  step,
  settle,
  restart,
}: {
  step: LoginContinuation<'PASSWORD_WARN' | 'PASSWORD_EXPIRED'>;
  settle(result: LoginResult): void;
  restart(): void;
}) {
  const warn = step.status === 'PASSWORD_WARN';
  const [changing, setChanging] = useState(!warn);
  const [oldPassword, setOldPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const { busy, error, run } = useAction();

  return (
    <Card title={warn ? 'Your password expires soon' : 'Your password has expired'} id="password-step">
      <Text className="hint">
        {warn
          ? 'Change it now, or skip and be reminded at the next sign-in.'
          : 'Choose a new password to finish signing in.'}
      </Text>
      <ErrorText>{error}</ErrorText>
      {changing ? (
        <View>
          <Field id="old-password" label="Current password" password value={oldPassword} onChange={setOldPassword} />
          <Field id="new-password" label="New password" password value={newPassword} onChange={setNewPassword} />
          <Text className="hint">8–18 characters with upper and lower case letters, a digit and a symbol.</Text>
          <Action
            id="change-expiring"
            loading={busy}
            onClick={() =>
              run(async () =>
                settle(
                  await updateExpiredPassword(idaas, step, { old_password: oldPassword, new_password: newPassword }),
                ),
              )
            }
          >
            Change password and sign in
          </Action>
        </View>
      ) : (
        <View className="actions">
          <Action
            id="skip-password"
            loading={busy}
            onClick={() =>
              run(async () => {
                if (step.status === 'PASSWORD_WARN') settle(await skipPasswordUpdate(idaas, step));
              })
            }
          >
            Skip for now
          </Action>
          <Action id="change-now" kind="default" onClick={() => setChanging(true)}>
            Change it now
          </Action>
        </View>
      )}
      <Text className="link" onClick={restart}>
        Start again
      </Text>
    </Card>
  );
}

function MfaStep({
  step,
  settle,
  restart,
}: {
  step: LoginContinuation<'MFA_AUTH'>;
  settle(result: LoginResult): void;
  restart(): void;
}) {
  const data = (step.data || {}) as { mobile?: string };
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [captcha, setCaptcha] = useState(false);
  const { busy, error, run } = useAction();

  return (
    <Card title="Second factor" id="mfa-step">
      <Text className="hint">
        {`This account asks for an SMS code as well${data.mobile ? ` (sent to ${data.mobile})` : ''}. Enter that mobile number.`}
      </Text>
      <ErrorText>{error}</ErrorText>
      <Field id="mfa-mobile" label="Mobile" type="number" value={mobile} onChange={setMobile} />
      {!sent && !captcha && (
        <Action id="mfa-get-code" kind="default" onClick={() => setCaptcha(true)}>
          Get code
        </Action>
      )}
      {captcha && !sent && (
        <Captcha
          onSlide={async ({ token, x }) => {
            const captchaToken = await verifyCaptcha(idaas, { token, x, sender: mobile });
            await sendSmsCode(idaas, { mobile, type: 'MFA_AUTH_SMS', captchaToken });
            setSent(true);
          }}
        />
      )}
      {sent && <Notice>Code sent.</Notice>}
      {sent && <DevInbox to={mobile} />}
      <Field id="mfa-code" label="Code" type="number" value={code} onChange={setCode} />
      <Action
        id="mfa-verify"
        loading={busy}
        onClick={() => run(async () => settle(await completeMfaWithSms(idaas, step, { mobile, verify_code: code })))}
      >
        Verify and sign in
      </Action>
      <Text className="link" onClick={restart}>
        Start again
      </Text>
    </Card>
  );
}
