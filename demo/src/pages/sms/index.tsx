/** SMS login: mobile (checked first) → slider captcha → code (LOGIN_SMS) → /login/mobile-verify-code. */
import { Text, View } from '@tarojs/components';
import { loginWithMobileCode, sendSmsCode, verifyCaptcha } from 'idaas-miniprogram/taro';
import { useState } from 'react';
import { t } from '../../i18n';
import { errorText, idaas } from '../../idaas';
import { Captcha } from '../../ui/Captcha';
import { DevInbox } from '../../ui/DevInbox';
import {
  Action,
  Card,
  check,
  ErrorText,
  Field,
  Notice,
  Page,
  RESEND_SECONDS,
  useAction,
  useCountdown,
} from '../../ui/kit';
import { LoginSteps, useLoginFlow } from '../../ui/LoginSteps';

export default function SmsLogin() {
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');
  const [stage, setStage] = useState<'mobile' | 'captcha' | 'sent'>('mobile');
  const [wait, startWait] = useCountdown();
  const { busy, error, setError, run } = useAction();
  const { step, setStep, settle } = useLoginFlow();

  if (step)
    return (
      <Page title={t.smsLogin}>
        <LoginSteps step={step} settle={settle} restart={() => setStep(null)} />
      </Page>
    );

  // The number is checked before the captcha is shown: a typo never costs a solved puzzle.
  const askForCode = () => {
    setError('');
    try {
      check.mobile(mobile);
      setStage('captcha');
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Page title={t.smsLogin}>
      <ErrorText>{error}</ErrorText>
      <Card title={t.signInWithCode}>
        <Field id="sms-mobile" label={t.mobile} digits value={mobile} onChange={setMobile} />
        {stage === 'mobile' && (
          <Action id="sms-get-code" kind="default" onClick={askForCode}>
            {t.getCode}
          </Action>
        )}
        {stage === 'captcha' && (
          <Captcha
            onSlide={async ({ token, x }) => {
              const to = check.mobile(mobile);
              const captchaToken = await verifyCaptcha(idaas, { token, x, sender: to });
              await sendSmsCode(idaas, { mobile: to, type: 'LOGIN_SMS', captchaToken });
              setStage('sent');
              startWait(RESEND_SECONDS);
            }}
          />
        )}
        {stage === 'sent' && (
          <View>
            <Notice>{t.codeSentTo(mobile)}</Notice>
            <DevInbox to={mobile} />
            <Text
              className={wait > 0 ? 'hint resend-wait' : 'link'}
              id="sms-send-again"
              onClick={() => wait <= 0 && askForCode()}
            >
              {wait > 0 ? t.resendIn(wait) : t.sendAgain}
            </Text>
          </View>
        )}
        <Field id="sms-code" label={t.code} digits value={code} onChange={setCode} />
        <Action
          id="sms-login"
          loading={busy}
          onClick={() =>
            run(async () => {
              const verify_code = check.code(code);
              settle(await loginWithMobileCode(idaas, { mobile: check.mobile(mobile), verify_code }));
            })
          }
        >
          {t.signIn}
        </Action>
      </Card>
    </Page>
  );
}
