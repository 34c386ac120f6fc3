/**
 * Security (the account center, /api/bff/v1.2/developer/ciam/user/*): change the password with a
 * second factor, login history, social bindings, consent records, delete the account.
 */
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type {
  AuthorizedStep,
  ConsentRecord,
  LoginHistoryEntry,
  SocialBindInfo,
} from 'idaas-miniprogram/account-center';
import { useState } from 'react';
import { t } from '../../i18n';
import { accountCenter, home, idaas } from '../../idaas';
import { Action, Card, ErrorText, Field, formatTime, Notice, Page, serverTime, useAction } from '../../ui/kit';
import { TwoFactor } from '../../ui/TwoFactor';

export default function Security() {
  const [history, setHistory] = useState<LoginHistoryEntry[]>([]);
  const [social, setSocial] = useState<SocialBindInfo[]>([]);
  const [consents, setConsents] = useState<ConsentRecord[]>([]);
  const lists = useAction();

  const load = () =>
    lists.run(async () => {
      if (!idaas.tokens.isSignedIn()) {
        home();
        return;
      }
      const [h, s, c] = await Promise.all([
        accountCenter.getLoginHistory(),
        accountCenter.getSocialBindings(),
        accountCenter.getConsentRecords(),
      ]);
      setHistory(h);
      setSocial(s);
      setConsents(c);
    });

  useDidShow(() => {
    load();
  });

  return (
    <Page title={t.security}>
      <ErrorText>{lists.error}</ErrorText>
      <ChangePassword />
      <Card title={t.recentLogins} id="login-history">
        {history.length === 0 && <Text className="hint">{lists.busy ? t.loading : t.noLogins}</Text>}
        {history.slice(0, 5).map((entry) => (
          <View className="list-item" key={entry.uuid}>
            <Text className="list-item-title login-time">{formatTime(serverTime(entry.createTime))}</Text>
            <Text className="list-item-sub">{`${t.loginModes[entry.loginMode || ''] || t.loginLabel} · ${entry.loginIp || ''}`}</Text>
          </View>
        ))}
      </Card>
      <Card title={t.linkedAccounts} id="social-bindings">
        {social.map((item) => (
          <View className="list-item" key={item.enterpriseAuthId}>
            <Text className="list-item-title">{item.name || item.enterpriseAuthId}</Text>
            <Text className="list-item-sub">{item.bound ? t.linked(item.socialUserId || '✓') : t.notLinked}</Text>
            {item.bound && (
              <Text
                className="link"
                onClick={() =>
                  lists.run(async () => {
                    await accountCenter.unbindSocial(item.enterpriseAuthId);
                    setSocial(await accountCenter.getSocialBindings());
                  })
                }
              >
                {t.unlink}
              </Text>
            )}
          </View>
        ))}
      </Card>
      <Card title={t.consents} id="consents">
        {consents.length === 0 && <Text className="hint">{t.noConsents}</Text>}
        {consents.map((record) => (
          <View className="list-item" key={record.recordUuid || record.uuid}>
            <View className="list-item-title">{`${record.versionTitle || t.terms} ${record.versionNumber || ''}`}</View>
            <Text
              className="link"
              onClick={() =>
                lists.run(async () => {
                  await accountCenter.recallConsent(record.recordUuid || record.uuid);
                  setConsents(await accountCenter.getConsentRecords());
                })
              }
            >
              {t.withdraw}
            </Text>
          </View>
        ))}
      </Card>
      <DeleteAccount />
    </Page>
  );
}

function ChangePassword() {
  const [cleared, setCleared] = useState<AuthorizedStep<'UPDATE_PASSWORD'> | null>(null);
  const [password, setPassword] = useState('');
  const [done, setDone] = useState('');
  const [round, setRound] = useState(0);
  const { busy, error, run } = useAction();

  return (
    <Card title={t.passwordCard} id="change-password">
      <Notice>{done}</Notice>
      {cleared ? (
        <View>
          <ErrorText>{error}</ErrorText>
          <Field id="cp-new" label={t.newPassword} password value={password} onChange={setPassword} />
          <Text className="hint">{t.passwordRule}</Text>
          <Action
            id="cp-save"
            loading={busy}
            onClick={() =>
              run(async () => {
                await accountCenter.changePassword(cleared, password);
                setCleared(null);
                setPassword('');
                setRound(round + 1);
                setDone(t.passwordChanged);
              })
            }
          >
            {t.saveNewPassword}
          </Action>
        </View>
      ) : (
        <TwoFactor
          key={round}
          prefix="cp"
          operation="UPDATE_PASSWORD"
          label={t.changePassword}
          onCleared={(step) => {
            setDone('');
            setCleared(step);
          }}
        />
      )}
    </Card>
  );
}

function DeleteAccount() {
  const [cleared, setCleared] = useState<AuthorizedStep<'UNSUBSCRIBE'> | null>(null);
  const { busy, error, run } = useAction();
  return (
    <Card title={t.deleteAccount} id="delete-account">
      <Text className="hint">{t.deleteHint}</Text>
      {cleared ? (
        <View>
          <ErrorText>{error}</ErrorText>
          <Action
            id="delete-confirm"
            kind="warn"
            loading={busy}
            onClick={() =>
              run(async () => {
                await accountCenter.deleteAccount(cleared);
                home();
              })
            }
          >
            {t.deleteNow}
          </Action>
        </View>
      ) : (
        <TwoFactor prefix="del" operation="UNSUBSCRIBE" label={t.deleteMine} onCleared={setCleared} />
      )}
    </Card>
  );
}
