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
import { accountCenter, home, idaas } from '../../idaas';
import { Action, Card, ErrorText, Field, Notice, Page, useAction } from '../../ui/kit';
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
    <Page title="Security">
      <ErrorText>{lists.error}</ErrorText>
      <ChangePassword />
      <Card title="Recent logins" id="login-history">
        {history.length === 0 && <Text className="hint">{lists.busy ? 'Loading…' : 'No logins recorded.'}</Text>}
        {history.slice(0, 5).map((entry) => (
          <View className="list-item" key={entry.uuid}>
            <Text className="list-item-title">{entry.createTime}</Text>
            <Text className="list-item-sub">{`${entry.loginMode || 'login'} · ${entry.loginIp || ''} ${entry.loginAddress || ''}`}</Text>
          </View>
        ))}
      </Card>
      <Card title="Linked accounts" id="social-bindings">
        {social.map((item) => (
          <View className="list-item" key={item.enterpriseAuthId}>
            <Text className="list-item-title">{item.name || item.enterpriseAuthId}</Text>
            <Text className="list-item-sub">
              {item.bound ? `Linked (${item.socialUserId || 'yes'})` : 'Not linked'}
            </Text>
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
                Unlink
              </Text>
            )}
          </View>
        ))}
      </Card>
      <Card title="Privacy consents" id="consents">
        {consents.length === 0 && <Text className="hint">No consents on record.</Text>}
        {consents.map((record) => (
          <View className="list-item" key={record.recordUuid || record.uuid}>
            <View className="list-item-title">{`${record.versionTitle || 'Terms'} ${record.versionNumber || ''}`}</View>
            <Text
              className="link"
              onClick={() =>
                lists.run(async () => {
                  await accountCenter.recallConsent(record.recordUuid || record.uuid);
                  setConsents(await accountCenter.getConsentRecords());
                })
              }
            >
              Withdraw
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
    <Card title="Password" id="change-password">
      <Notice>{done}</Notice>
      {cleared ? (
        <View>
          <ErrorText>{error}</ErrorText>
          <Field id="cp-new" label="New password" password value={password} onChange={setPassword} />
          <Text className="hint">8–18 characters with upper and lower case letters, a digit and a symbol.</Text>
          <Action
            id="cp-save"
            loading={busy}
            onClick={() =>
              run(async () => {
                await accountCenter.changePassword(cleared, password);
                setCleared(null);
                setPassword('');
                setRound(round + 1);
                setDone('Password changed. Use the new one next time you sign in.');
              })
            }
          >
            Save new password
          </Action>
        </View>
      ) : (
        <TwoFactor
          key={round}
          prefix="cp"
          operation="UPDATE_PASSWORD"
          label="Change password"
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
    <Card title="Delete account" id="delete-account">
      <Text className="hint">Deletes your account, its links and its sessions. This cannot be undone.</Text>
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
            Delete my account now
          </Action>
        </View>
      ) : (
        <TwoFactor prefix="del" operation="UNSUBSCRIBE" label="Delete my account" onCleared={setCleared} />
      )}
    </Card>
  );
}
