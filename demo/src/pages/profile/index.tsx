/**
 * Profile: edit fields (/profile/update), change the mobile with WeChat's phone authorization
 * (/profile/update-mobile-by-wechat), change the email with a code (/profile/update-email).
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
import { dev, env, home, idaas } from '../../idaas';
import { Captcha } from '../../ui/Captcha';
import { DevInbox } from '../../ui/DevInbox';
import { Action, Card, ErrorText, Field, Notice, Page, Row, useAction } from '../../ui/kit';

function currentProfile(): IdaasProfile {
  return idaas.tokens.getSessionInfo()?.profile || {};
}

export default function Profile() {
  const [profile, setProfile] = useState<IdaasProfile>(currentProfile());
  const [name, setName] = useState(profile.name || '');
  const [nickname, setNickname] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [emailCode, setEmailCode] = useState('');
  const [emailStage, setEmailStage] = useState<'off' | 'captcha' | 'sent'>('off');
  const [notice, setNotice] = useState('');
  const { busy, error, run } = useAction();

  // The id_token carries the profile: refresh it after a change so the page shows the new values.
  const reload = async () => {
    await idaas.tokens.getIdToken({ forceRefresh: true });
    setProfile(currentProfile());
  };

  useDidShow(() => {
    if (!idaas.tokens.isSignedIn()) home();
    else run(reload);
  });

  const done = async (message: string) => {
    await reload();
    setNotice(message);
  };

  return (
    <Page title="Profile">
      <Notice>{notice}</Notice>
      <ErrorText>{error}</ErrorText>
      <Card title="You">
        <Row label="User name" value={profile.userName || '—'} />
        <Row label="Name" value={profile.name || '—'} />
        <Row label="Mobile" value={profile.mobile || '—'} />
        <Row label="Email" value={profile.email || '—'} />
      </Card>
      <Card title="Edit">
        <Field id="profile-name" label="Name" value={name} onChange={setName} />
        <Field id="profile-nickname" label="Nickname" value={nickname} onChange={setNickname} />
        <Action
          id="profile-save"
          loading={busy}
          onClick={() =>
            run(async () => {
              await updateProfile(idaas, { name, ...(nickname ? { attr_nick_name: nickname } : {}) });
              await done('Profile saved.');
            })
          }
        >
          Save
        </Action>
      </Card>
      <Card title="Mobile number">
        {dev ? (
          <View>
            <Field
              id="wechat-phone"
              label="Phone number WeChat shares (simulated)"
              type="number"
              value={phone}
              onChange={setPhone}
            />
            <Action
              id="wechat-phone-save"
              kind="default"
              loading={busy}
              onClick={() =>
                run(async () => {
                  await updateMobileByWechat(idaas, await dev!.wechatPhoneCode(phone));
                  await done('Mobile number updated from WeChat.');
                })
              }
            >
              Use my WeChat phone number
            </Action>
          </View>
        ) : env === 'weapp' ? (
          <Button
            className="action action-default"
            openType="getPhoneNumber"
            onGetPhoneNumber={(e) =>
              run(async () => {
                await updateMobileByWechat(idaas, e);
                await done('Mobile number updated from WeChat.');
              })
            }
          >
            Use my WeChat phone number
          </Button>
        ) : (
          <Text className="hint">WeChat's phone authorization is available in the WeChat build.</Text>
        )}
      </Card>
      <Card title="Email">
        <Field id="new-email" label="New email" value={email} onChange={setEmail} />
        {emailStage === 'off' && (
          <Action id="email-get-code" kind="default" onClick={() => setEmailStage('captcha')}>
            Get code
          </Action>
        )}
        {emailStage === 'captcha' && (
          <Captcha
            onSlide={async ({ token, x }) => {
              const captchaToken = await verifyCaptcha(idaas, { token, x, sender: email });
              await sendEmailCode(idaas, { email, type: 'UPDATE_EMAIL_EMS', captchaToken });
              setEmailStage('sent');
            }}
          />
        )}
        {emailStage === 'sent' && <Notice>{`Code sent to ${email}.`}</Notice>}
        {emailStage === 'sent' && <DevInbox to={email} channel="Email" />}
        <Field id="email-code" label="Code" type="number" value={emailCode} onChange={setEmailCode} />
        <Action
          id="email-save"
          loading={busy}
          onClick={() =>
            run(async () => {
              await updateEmail(idaas, { email, verify_code: emailCode });
              setEmailStage('off');
              setEmailCode('');
              await done('Email updated.');
            })
          }
        >
          Change email
        </Action>
      </Card>
    </Page>
  );
}
