/** Home: the signed-in state, the profile decoded from the id_token, the session's expiry, logout. */
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { decodeIdToken, type IdTokenClaims, type SessionInfo } from 'idaas-miniprogram/taro';
import { useEffect, useState } from 'react';
import { baseUrl, clientId, dev, env, go, idaas } from '../../idaas';
import { Action, Card, ErrorText, formatTime, Notice, Page, Row, useAction } from '../../ui/kit';

export default function Home() {
  const [session, setSession] = useState<SessionInfo | null>(idaas.tokens.getSessionInfo());
  const [claims, setClaims] = useState<IdTokenClaims | null>(null);
  const [notice, setNotice] = useState('');
  const { busy, error, run } = useAction();

  const refresh = () =>
    run(async () => {
      const info = idaas.tokens.getSessionInfo();
      setSession(info);
      setClaims(null);
      if (!info) return;
      // A fresh id_token (refreshed through the session token when needed), decoded for display.
      const idToken = await idaas.getIdToken();
      const decoded = decodeIdToken(idToken);
      setClaims(decoded.claims);
      setSession(idaas.tokens.getSessionInfo());
    });

  useDidShow(() => {
    refresh();
  });
  useEffect(() => idaas.tokens.onSignedOut(() => setSession(null)), []);

  const logout = () =>
    run(async () => {
      const { serverRevoked } = await idaas.logout();
      setSession(null);
      setClaims(null);
      setNotice(serverRevoked ? 'Signed out. The session was revoked on the server.' : 'Signed out on this device.');
    });

  const profile = session?.profile;
  return (
    <Page title="idaas-miniprogram demo">
      <Notice>{notice}</Notice>
      <ErrorText>{error}</ErrorText>
      {session ? (
        <View id="signed-in">
          <Card title={`Signed in as ${profile?.name || profile?.userName || profile?.mobile || 'a user'}`}>
            <Row label="User name" value={profile?.userName || '—'} />
            <Row label="Name" value={profile?.name || '—'} />
            <Row label="Mobile" value={profile?.mobile || '—'} />
            <Row label="Email" value={profile?.email || '—'} />
            <Row label="User id" value={profile?.id || claims?.sub || '—'} />
          </Card>
          <Card title="Session">
            <Row label="Session expires" value={formatTime(session.sessionExpiresAt)} />
            <Row label="id_token expires" value={formatTime(session.idTokenExpiresAt)} />
            <Row label="Issuer" value={claims?.iss || '—'} />
            <Row label="Audience" value={String(claims?.aud ?? '—')} />
          </Card>
          <View className="actions">
            <Action id="go-profile" kind="default" onClick={() => go('/pages/profile/index')}>
              Profile
            </Action>
            <Action id="go-security" kind="default" onClick={() => go('/pages/security/index')}>
              Security
            </Action>
            <Action id="logout" kind="warn" loading={busy} onClick={logout}>
              Log out
            </Action>
          </View>
        </View>
      ) : (
        <View id="signed-out">
          <Card title="You are not signed in">
            <Text className="hint">Choose a way to sign in.</Text>
          </Card>
          <View className="actions">
            <Action id="go-one-tap" onClick={() => go('/pages/login/index')}>
              One-tap login ({env === 'alipay' ? 'Alipay' : 'WeChat'})
            </Action>
            <Action id="go-sms" kind="default" onClick={() => go('/pages/sms/index')}>
              SMS code login
            </Action>
            <Action id="go-password" kind="default" onClick={() => go('/pages/password/index')}>
              Password login
            </Action>
          </View>
        </View>
      )}
      <Card title="Environment">
        <Row label="Runtime" value={`${env} (${idaas.platform.name})`} />
        <Row label="IDaaS" value={baseUrl} />
        <Row label="Client id" value={clientId} />
        {dev && <Row label="Simulated user" value={dev.identity()} />}
      </Card>
    </Page>
  );
}
