/**
 * One-tap login: the mini-program login (wx.login / my.getAuthCode; in the browser the emulator's
 * simulated WeChat). A user the tenant does not know yet (USER_REGISTER) or whose identity is not
 * linked (SOCIAL_BIND) finishes with the phone-number button (WeChat getPhoneNumber, Alipay
 * getAuthorize) or, as a fallback, an SMS code after the slider captcha. Input is checked before
 * anything is spent: a mistake typed here keeps the continuation and the solved captcha.
 */
import { Button, Text, View } from '@tarojs/components';
import {
  type BindContinuation,
  completeWithAlipayPhone,
  completeWithSmsCode,
  completeWithWechatPhone,
  isValidationError,
  type LoginResult,
  sendContinuationSms,
  signInWithMiniProgram,
} from 'idaas-miniprogram/taro';
import { useState } from 'react';
import { DemoMessage, t } from '../../i18n';
import { dev, env, errorText, home, hostName, idaas, isAlipay } from '../../idaas';
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
  Row,
  useAction,
  useCountdown,
} from '../../ui/kit';

export default function OneTapLogin() {
  const [continuation, setContinuation] = useState<BindContinuation | null>(null);
  const [phone, setPhone] = useState('');
  const [smsMobile, setSmsMobile] = useState('');
  const [smsCode, setSmsCode] = useState('');
  const [smsStage, setSmsStage] = useState<'off' | 'captcha' | 'sent'>('off');
  const [wait, startWait] = useCountdown();
  const [identity, setIdentity] = useState(dev?.identity() || '');
  const { busy, error, setError, run } = useAction();

  const settle = (result: LoginResult) => {
    if (result.status === 'SUCCESS') home();
    else if (result.status === 'SOCIAL_BIND' || result.status === 'USER_REGISTER') setContinuation(result);
    else if (result.status === 'MFA_AUTH') throw new DemoMessage(t.needsSecondFactor);
    else if (result.status === 'ACCESS_DENIED') throw new DemoMessage(t.accessDenied);
    else throw new DemoMessage(t.unexpectedStatus);
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

  // A request that carried the state token spends the continuation, even when it fails: start
  // again then. A mistake caught here, before any request, keeps it (and the solved captcha).
  const finish = (step: () => Promise<LoginResult>) =>
    run(async () => {
      try {
        settle(await step());
      } catch (e) {
        if (e instanceof DemoMessage || isValidationError(e)) throw e;
        setContinuation(null);
        setSmsStage('off');
        throw new DemoMessage(t.startOver(errorText(e)));
      }
    });

  const simulatedPhone = () =>
    finish(async () => {
      if (!continuation || !dev) throw new DemoMessage(t.signInFirst);
      const number = check.mobile(phone);
      dev.simulatedPhone = number;
      if (isAlipay) return completeWithAlipayPhone(idaas, continuation);
      return completeWithWechatPhone(idaas, continuation, await dev.wechatPhoneCode(number));
    });

  const askForCode = () => {
    setError('');
    try {
      check.mobile(smsMobile);
      setSmsStage('captcha');
    } catch (e) {
      setError(errorText(e));
    }
  };

  const isNew = continuation?.status === 'USER_REGISTER';
  return (
    <Page title={t.signInWith(hostName())}>
      <ErrorText>{error}</ErrorText>
      {!continuation ? (
        <Card title={t.oneTap}>
          <Text className="hint">{isAlipay ? t.oneTapHintAlipay : t.oneTapHintWechat}</Text>
          <Action id="one-tap" loading={busy} onClick={signIn}>
            {t.signIn}
          </Action>
          {dev && (
            <View className="simulated">
              <Row label={isAlipay ? t.simulatedAlipayUser : t.simulatedWechatOpenid} value={identity} />
              <Text className="link" id="new-identity" onClick={() => setIdentity(dev?.switchIdentity() || '')}>
                {t.beNewUser}
              </Text>
              {!isAlipay && (
                <Text
                  className="link"
                  id="be-alice"
                  onClick={() => setIdentity(dev?.switchIdentity('o-emu-openid-alice') || '')}
                >
                  {t.beAlice}
                </Text>
              )}
            </View>
          )}
        </Card>
      ) : (
        <View id="bind-step">
          <Card title={isNew ? t.welcome : t.linkAccount}>
            <Text className="hint">{isNew ? t.shareToCreate : t.shareToLink}</Text>
            {dev ? (
              <View>
                <Field
                  id="simulated-phone"
                  label={t.sharedPhone(hostName())}
                  digits
                  value={phone}
                  onChange={setPhone}
                />
                <Action id="share-phone" loading={busy} onClick={simulatedPhone}>
                  {t.sharePhone}
                </Action>
              </View>
            ) : env === 'weapp' ? (
              <Button
                className="action action-primary"
                openType="getPhoneNumber"
                disabled={busy}
                // Open-type buttons are not Actions: each needs its own guard against a second tap.
                onGetPhoneNumber={(e) => {
                  if (!busy) finish(() => completeWithWechatPhone(idaas, continuation, e));
                }}
              >
                {t.sharePhone}
              </Button>
            ) : (
              <Button
                className="action action-primary"
                openType="getAuthorize"
                scope="phoneNumber"
                disabled={busy}
                onGetAuthorize={() => {
                  if (!busy) finish(() => completeWithAlipayPhone(idaas, continuation));
                }}
                onError={() => setError(t.declinedPhone)}
              >
                {t.sharePhone}
              </Button>
            )}
          </Card>
          <Card title={t.orSms} id="sms-fallback">
            <Field id="bind-mobile" label={t.mobile} digits value={smsMobile} onChange={setSmsMobile} />
            {smsStage === 'off' && (
              <Action id="bind-get-code" kind="default" onClick={askForCode}>
                {t.getCode}
              </Action>
            )}
            {smsStage === 'captcha' && (
              <Captcha
                onSlide={async (captcha) => {
                  await sendContinuationSms(idaas, continuation, { mobile: check.mobile(smsMobile), captcha });
                  setSmsStage('sent');
                  startWait(RESEND_SECONDS);
                }}
              />
            )}
            {smsStage === 'sent' && <Notice>{t.codeSent}</Notice>}
            {smsStage === 'sent' && <DevInbox to={smsMobile} />}
            {smsStage === 'sent' && (
              <Text
                className={wait > 0 ? 'hint resend-wait' : 'link'}
                id="bind-send-again"
                onClick={() => wait <= 0 && askForCode()}
              >
                {wait > 0 ? t.resendIn(wait) : t.sendAgain}
              </Text>
            )}
            <Field id="bind-code" label={t.code} digits value={smsCode} onChange={setSmsCode} />
            <Action
              id="bind-verify"
              kind="default"
              loading={busy}
              onClick={() =>
                finish(async () => {
                  const mobile = check.mobile(smsMobile);
                  const verifyCode = check.code(smsCode);
                  return completeWithSmsCode(idaas, continuation, { mobile, verifyCode });
                })
              }
            >
              {t.verify}
            </Action>
          </Card>
          <Text className="link" onClick={restart}>
            {t.startAgain}
          </Text>
        </View>
      )}
    </Page>
  );
}
