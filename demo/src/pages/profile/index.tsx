/**
 * Profile: edit fields (/profile/update), change the mobile with WeChat's phone authorization
 * (/profile/update-mobile-by-wechat), change the email with a code (/profile/update-email). The
 * fields start with the current values; an empty or unchanged save says so instead of "saved".
 */
import { Button, Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import {
  type IdaasProfile,
  sendEmailCode,
  updateEmail,
  updateMobileByWechat,
  updateProfile,
  verifyCaptcha,
} from 'idaas-miniprogram/taro';
import { useState } from 'react';
import { DemoMessage, t } from '../../i18n';
import { dev, env, errorText, home, idaas } from '../../idaas';
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
  useDraft,
} from '../../ui/kit';

function currentProfile(): IdaasProfile {
  return idaas.tokens.getSessionInfo()?.profile || {};
}

// The id_token carries no nickname: the demo remembers the one it last saved, per user.
const savedNicknames: Record<string, string> = {};

function nicknameOf(profile: IdaasProfile): string {
  const claimed = profile.attr_nick_name ?? profile.nickname;
  return typeof claimed === 'string' ? claimed : savedNicknames[profile.id || ''] || '';
}

export default function Profile() {
  const [profile, setProfile] = useState<IdaasProfile>(currentProfile());
  // The fields follow the reloaded profile until the user types in them (then they are the user's).
  const [name, setName] = useDraft(profile.name || '');
  const [nickname, setNickname] = useDraft(nicknameOf(profile));
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [emailCode, setEmailCode] = useState('');
  const [emailStage, setEmailStage] = useState<'off' | 'captcha' | 'sent'>('off');
  const [wait, startWait] = useCountdown();
  const [notice, setNotice] = useState('');
  const { busy, error, setError, run } = useAction();

  // The id_token carries the profile: refresh it after a change so the page shows the new values.
  const reload = async () => {
    await idaas.tokens.getIdToken({ forceRefresh: true });
    setProfile(currentProfile());
  };

  useDidShow(() => {
    if (!idaas.tokens.isSignedIn()) home();
    else run(reload, { background: true });
  });

  const done = async (message: string) => {
    await reload();
    setNotice(message);
  };

  const save = () =>
    run(async () => {
      setNotice('');
      const newName = name.trim();
      const newNickname = nickname.trim();
      if (!newName) throw new DemoMessage(t.enterName);
      if (newName === (profile.name || '') && newNickname === nicknameOf(profile)) {
        setNotice(t.nothingChanged);
        return;
      }
      await updateProfile(idaas, { name: newName, ...(newNickname ? { attr_nick_name: newNickname } : {}) });
      if (profile.id) savedNicknames[profile.id] = newNickname;
      await done(t.profileSaved);
    });

  const askForEmailCode = () => {
    setError('');
    try {
      check.email(email);
      setEmailStage('captcha');
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <Page title={t.profile}>
      <Notice>{notice}</Notice>
      <ErrorText>{error}</ErrorText>
      <Card title={t.you}>
        <Row label={t.userName} value={profile.userName || '—'} />
        <Row label={t.name} value={profile.name || '—'} />
        <Row label={t.mobile} value={profile.mobile || '—'} />
        <Row label={t.email} value={profile.email || '—'} />
      </Card>
      <Card title={t.edit}>
        <Field id="profile-name" label={t.name} value={name} onChange={setName} />
        <Field id="profile-nickname" label={t.nickname} value={nickname} onChange={setNickname} />
        <Action id="profile-save" loading={busy} onClick={save}>
          {t.save}
        </Action>
      </Card>
      <Card title={t.mobileNumber}>
        {dev ? (
          <View>
            <Field id="wechat-phone" label={t.wechatSharesSimulated} digits value={phone} onChange={setPhone} />
            <Action
              id="wechat-phone-save"
              kind="default"
              loading={busy}
              onClick={() =>
                run(async () => {
                  await updateMobileByWechat(idaas, await dev!.wechatPhoneCode(check.mobile(phone)));
                  await done(t.mobileUpdated);
                })
              }
            >
              {t.useWechatPhone}
            </Action>
          </View>
        ) : env === 'weapp' ? (
          <Button
            className="action action-default"
            openType="getPhoneNumber"
            disabled={busy}
            onGetPhoneNumber={(e) => {
              // An open-type button is not an Action: it needs its own guard against a second tap.
              if (busy) return;
              run(async () => {
                await updateMobileByWechat(idaas, e);
                await done(t.mobileUpdated);
              });
            }}
          >
            {t.useWechatPhone}
          </Button>
        ) : (
          <Text className="hint">{t.wechatOnly}</Text>
        )}
      </Card>
      <Card title={t.email}>
        <Field id="new-email" label={t.newEmail} value={email} onChange={setEmail} />
        {emailStage === 'off' && (
          <Action id="email-get-code" kind="default" onClick={askForEmailCode}>
            {t.getCode}
          </Action>
        )}
        {emailStage === 'captcha' && (
          <Captcha
            onSlide={async ({ token, x }) => {
              const to = check.email(email);
              const captchaToken = await verifyCaptcha(idaas, { token, x, sender: to });
              await sendEmailCode(idaas, { email: to, type: 'UPDATE_EMAIL_EMS', captchaToken });
              setEmailStage('sent');
              startWait(RESEND_SECONDS);
            }}
          />
        )}
        {emailStage === 'sent' && <Notice>{t.codeSentTo(email)}</Notice>}
        {emailStage === 'sent' && <DevInbox to={email} channel="email" />}
        {emailStage === 'sent' && (
          <Text
            className={wait > 0 ? 'hint resend-wait' : 'link'}
            id="email-send-again"
            onClick={() => wait <= 0 && askForEmailCode()}
          >
            {wait > 0 ? t.resendIn(wait) : t.sendAgain}
          </Text>
        )}
        <Field id="email-code" label={t.code} digits value={emailCode} onChange={setEmailCode} />
        <Action
          id="email-save"
          loading={busy}
          onClick={() =>
            run(async () => {
              await updateEmail(idaas, { email: check.email(email), verify_code: check.code(emailCode) });
              setEmailStage('off');
              setEmailCode('');
              await done(t.emailUpdated);
            })
          }
        >
          {t.changeEmail}
        </Action>
      </Card>
    </Page>
  );
}
