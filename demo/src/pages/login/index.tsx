/**
 * One-tap login: the mini-program login (wx.login / my.getAuthCode; in the browser the emulator's
 * simulated WeChat). A user the tenant does not know yet (USER_REGISTER) or whose identity is not
 * linked (SOCIAL_BIND) finishes with the phone-number button (WeChat getPhoneNumber, Alipay
 * getAuthorize) or, as a fallback, an SMS code after the slider captcha.
 */
import { Button, Text, View } from '@tarojs/components';
import {
  type BindContinuation,
  completeWithAlipayPhone,
  completeWithSmsCode,
  completeWithWechatPhone,
  type LoginResult,
  sendContinuationSms,
  signInWithMiniProgram,
} from 'idaas-miniprogram/taro';
import { useState } from 'react';
import { dev, env, errorText, home, idaas, isAlipay } from '../../idaas';
import { Captcha } from '../../ui/Captcha';
import { DevInbox } from '../../ui/DevInbox';
import { Action, Card, ErrorText, Field, Notice, Page, Row, useAction } from '../../ui/kit';

export default function OneTapLogin() {
  const [continuation, setContinuation] = useState<BindContinuation | null>(null);
  const [phone, setPhone] = useState('');
  const [smsMobile, setSmsMobile] = useState('');
  const [smsCode, setSmsCode] = useState('');
  const [smsStage, setSmsStage] = useState<'off' | 'captcha' | 'sent'>('off');
  const [identity, setIdentity] = useState(dev?.identity() || '');
  const { busy, error, setError, run } = useAction();

  const settle = (result: LoginResult) => {
    if (result.status === 'SUCCESS') home();
    else if (result.status === 'SOCIAL_BIND' || result.status === 'USER_REGISTER') setContinuation(result);
    else if (result.status === 'MFA_AUTH')
      throw new Error('This account also needs a second factor: use the password login.');
    else if (result.status === 'ACCESS_DENIED') throw new Error('Access denied: this account may not sign in.');
    else throw new Error(`The server answered an unexpected login status (${result.status}).`);
  };

  const restart = () => {
    setContinuation(null);
    setSmsStage('off');
    setSmsCode('');
    setError('');
  };

  const signIn = () =>
    run(async () => {
      restart();
      settle(await signInWithMiniProgram(idaas));
    });

  // A step that used the state token spends the continuation, even when it fails: start again then.
  const finish = (step: () => Promise<LoginResult>) =>
    run(async () => {
      try {
        settle(await step());
      } catch (e) {
        setContinuation(null);
        setSmsStage('off');
        throw new Error(`${errorText(e)} Tap "Sign in" to start again.`);
      }
    });

  const simulatedPhone = () =>
    finish(async () => {
      if (!continuation || !dev) throw new Error('Sign in first.');
      dev.simulatedPhone = phone;
      if (isAlipay) return completeWithAlipayPhone(idaas, continuation);
      return completeWithWechatPhone(idaas, continuation, await dev.wechatPhoneCode(phone));
    });

  const isNew = continuation?.status === 'USER_REGISTER';
  return (
    <Page title={`Sign in with ${isAlipay ? 'Alipay' : 'WeChat'}`}>
      <ErrorText>{error}</ErrorText>
      {!continuation ? (
        <Card title="One tap">
          <Text className="hint">
            {isAlipay
              ? 'Signs in with your Alipay account (my.getAuthCode, silent).'
              : 'Signs in with your WeChat account (wx.login).'}
          </Text>
          <Action id="one-tap" loading={busy} onClick={signIn}>
            Sign in
          </Action>
          {dev && (
            <View className="simulated">
              <Row label={isAlipay ? 'Simulated Alipay user' : 'Simulated WeChat openid'} value={identity} />
              <Text className="link" id="new-identity" onClick={() => setIdentity(dev?.switchIdentity() || '')}>
                Be a new user
              </Text>
              {!isAlipay && (
                <Text className="link" onClick={() => setIdentity(dev?.switchIdentity('o-emu-openid-alice') || '')}>
                  Be Alice (already linked)
                </Text>
              )}
            </View>
          )}
        </Card>
      ) : (
        <View id="bind-step">
          <Card title={isNew ? 'Welcome! One more step' : 'Link your account'}>
            <Text className="hint">
              {isNew
                ? 'Share your phone number to create your account.'
                : 'Share the phone number of your existing account to link it.'}
            </Text>
            {dev ? (
              <View>
                <Field
                  id="simulated-phone"
                  label={`Phone number ${isAlipay ? 'Alipay' : 'WeChat'} shares (simulated)`}
                  type="number"
                  value={phone}
                  onChange={setPhone}
                />
                <Action id="share-phone" loading={busy} onClick={simulatedPhone}>
                  Share my phone number
                </Action>
              </View>
            ) : env === 'weapp' ? (
              <Button
                className="action action-primary"
                openType="getPhoneNumber"
                onGetPhoneNumber={(e) => finish(() => completeWithWechatPhone(idaas, continuation, e))}
              >
                Share my phone number
              </Button>
            ) : (
              <Button
                className="action action-primary"
                openType="getAuthorize"
                scope="phoneNumber"
                onGetAuthorize={() => finish(() => completeWithAlipayPhone(idaas, continuation))}
                onError={() => setError('You declined to share your phone number. Use an SMS code instead.')}
              >
                Share my phone number
              </Button>
            )}
          </Card>
          <Card title="Or use an SMS code" id="sms-fallback">
            <Field id="bind-mobile" label="Mobile" type="number" value={smsMobile} onChange={setSmsMobile} />
            {smsStage === 'off' && (
              <Action id="bind-get-code" kind="default" onClick={() => setSmsStage('captcha')}>
                Get code
              </Action>
            )}
            {smsStage === 'captcha' && (
              <Captcha
                onSlide={async (captcha) => {
                  await sendContinuationSms(idaas, continuation, { mobile: smsMobile, captcha });
                  setSmsStage('sent');
                }}
              />
            )}
            {smsStage === 'sent' && <Notice>Code sent.</Notice>}
            {smsStage === 'sent' && <DevInbox to={smsMobile} />}
            <Field id="bind-code" label="Code" type="number" value={smsCode} onChange={setSmsCode} />
            <Action
              id="bind-verify"
              kind="default"
              loading={busy}
              onClick={() =>
                finish(() => completeWithSmsCode(idaas, continuation, { mobile: smsMobile, verifyCode: smsCode }))
              }
            >
              Verify
            </Action>
          </Card>
          <Text className="link" onClick={restart}>
            Start again
          </Text>
        </View>
      )}
    </Page>
  );
}
