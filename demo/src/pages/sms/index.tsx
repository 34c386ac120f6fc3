/** SMS login: mobile → slider captcha → code (LOGIN_SMS) → /login/mobile-verify-code. */
import { Text, View } from '@tarojs/components';
import { loginWithMobileCode, sendSmsCode, verifyCaptcha } from 'idaas-miniprogram/taro';
import { useState } from 'react';
import { idaas } from '../../idaas';
import { Captcha } from '../../ui/Captcha';
import { DevInbox } from '../../ui/DevInbox';
import { Action, Card, ErrorText, Field, Notice, Page, useAction } from '../../ui/kit';
import { LoginSteps, useLoginFlow } from '../../ui/LoginSteps';

export default function SmsLogin() {
  const [mobile, setMobile] = useState('');
  const [code, setCode] = useState('');
  const [stage, setStage] = useState<'mobile' | 'captcha' | 'sent'>('mobile');
  const { busy, error, setError, run } = useAction();
  const { step, setStep, settle } = useLoginFlow();

  if (step)
    return (
      <Page title="SMS login">
        <LoginSteps step={step} settle={settle} restart={() => setStep(null)} />
      </Page>
    );

  return (
    <Page title="SMS login">
      <ErrorText>{error}</ErrorText>
      <Card title="Sign in with a code">
        <Field id="sms-mobile" label="Mobile" type="number" value={mobile} onChange={setMobile} />
        {stage === 'mobile' && (
          <Action
            id="sms-get-code"
            kind="default"
            onClick={() => {
              setError('');
              if (!/^1\d{10}$/.test(mobile)) setError('Enter an 11-digit mainland China mobile number.');
              else setStage('captcha');
            }}
          >
            Get code
          </Action>
        )}
        {stage === 'captcha' && (
          <Captcha
            onSlide={async ({ token, x }) => {
              const captchaToken = await verifyCaptcha(idaas, { token, x, sender: mobile });
              await sendSmsCode(idaas, { mobile, type: 'LOGIN_SMS', captchaToken });
              setStage('sent');
            }}
          />
        )}
        {stage === 'sent' && (
          <View>
            <Notice>{`Code sent to ${mobile}.`}</Notice>
            <DevInbox to={mobile} />
            <Text className="link" onClick={() => setStage('captcha')}>
              Send again
            </Text>
          </View>
        )}
        <Field id="sms-code" label="Code" type="number" value={code} onChange={setCode} />
        <Action
          id="sms-login"
          loading={busy}
          onClick={() => run(async () => settle(await loginWithMobileCode(idaas, { mobile, verify_code: code })))}
        >
          Sign in
        </Action>
      </Card>
    </Page>
  );
}
