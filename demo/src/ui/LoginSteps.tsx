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
import { DemoMessage, t } from '../i18n';
import { errorText, home, idaas } from '../idaas';
import { Captcha } from './Captcha';
import { DevInbox } from './DevInbox';
import { Action, Card, check, ErrorText, Field, Notice, RESEND_SECONDS, useAction, useCountdown } from './kit';

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
      throw new DemoMessage(t.accessDenied);
    } else if (result.status === 'SOCIAL_BIND' || result.status === 'USER_REGISTER') {
      throw new DemoMessage(t.needsPhone);
    } else {
      throw new DemoMessage(t.unexpectedStatus);
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
    <Card title={warn ? t.expiresSoon : t.expired} id="password-step">
      <Text className="hint">{warn ? t.changeOrSkip : t.chooseNew}</Text>
      <ErrorText>{error}</ErrorText>
      {changing ? (
        <View>
          <Field id="old-password" label={t.currentPassword} password value={oldPassword} onChange={setOldPassword} />
          <Field id="new-password" label={t.newPassword} password value={newPassword} onChange={setNewPassword} />
          <Text className="hint">{t.passwordRule}</Text>
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
            {t.changeAndSignIn}
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
            {t.skipForNow}
          </Action>
          <Action id="change-now" kind="default" onClick={() => setChanging(true)}>
            {t.changeNow}
          </Action>
        </View>
      )}
      <Text className="link" onClick={restart}>
        {t.startAgain}
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
  const [wait, startWait] = useCountdown();
  const { busy, error, setError, run } = useAction();
  const askForCode = () => {
    setError('');
    try {
      check.mobile(mobile);
      setSent(false);
      setCaptcha(true);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Card title={t.secondFactor} id="mfa-step">
      <Text className="hint">{t.mfaHint(data.mobile || '')}</Text>
      <ErrorText>{error}</ErrorText>
      <Field id="mfa-mobile" label={t.mobile} digits value={mobile} onChange={setMobile} />
      {!sent && !captcha && (
        <Action id="mfa-get-code" kind="default" onClick={askForCode}>
          {t.getCode}
        </Action>
      )}
      {captcha && !sent && (
        <Captcha
          onSlide={async ({ token, x }) => {
            const to = check.mobile(mobile);
            const captchaToken = await verifyCaptcha(idaas, { token, x, sender: to });
            await sendSmsCode(idaas, { mobile: to, type: 'MFA_AUTH_SMS', captchaToken });
            setSent(true);
            startWait(RESEND_SECONDS);
          }}
        />
      )}
      {sent && <Notice>{t.codeSent}</Notice>}
      {sent && <DevInbox to={mobile} />}
      {sent && (
        <Text
          className={wait > 0 ? 'hint resend-wait' : 'link'}
          id="mfa-send-again"
          onClick={() => wait <= 0 && askForCode()}
        >
          {wait > 0 ? t.resendIn(wait) : t.sendAgain}
        </Text>
      )}
      <Field id="mfa-code" label={t.code} digits value={code} onChange={setCode} />
      <Action
        id="mfa-verify"
        loading={busy}
        onClick={() =>
          run(async () => {
            const verify_code = check.code(code);
            settle(await completeMfaWithSms(idaas, step, { mobile: check.mobile(mobile), verify_code }));
          })
        }
      >
        {t.verifyAndSignIn}
      </Action>
      <Text className="link" onClick={restart}>
        {t.startAgain}
      </Text>
    </Card>
  );
}
