/** Home: the signed-in state, the profile decoded from the id_token, the session's expiry, logout. */
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { decodeIdToken, type IdTokenClaims, type SessionInfo } from 'idaas-miniprogram/taro';
import { useEffect, useState } from 'react';
import { t } from '../../i18n';
import { baseUrl, clientId, dev, env, go, hostName, idaas } from '../../idaas';
import { Action, Card, ErrorText, formatTime, Notice, Page, Row, useAction } from '../../ui/kit';

export default function Home() {
  const [session, setSession] = useState<SessionInfo | null>(idaas.tokens.getSessionInfo());
  const [claims, setClaims] = useState<IdTokenClaims | null>(null);
  const [notice, setNotice] = useState('');
  const { busy, error, run } = useAction();

  // In the background: Logout stays tappable (and not spinning) while the page refreshes itself.
  const refresh = () =>
    run(
      async () => {
        const info = idaas.tokens.getSessionInfo();
        setSession(info);
        setClaims(null);
        if (!info) return;
        // A fresh id_token (refreshed through the session token when needed), decoded for display.
        const idToken = await idaas.getIdToken();
        const decoded = decodeIdToken(idToken);
        setClaims(decoded.claims);
        setSession(idaas.tokens.getSessionInfo());
      },
      { background: true },
    );

  useDidShow(() => {
    refresh();
  });
  useEffect(() => idaas.tokens.onSignedOut(() => setSession(null)), []);

  const logout = () =>
    run(async () => {
      const { serverRevoked } = await idaas.logout();
      setSession(null);
      setClaims(null);
      setNotice(serverRevoked ? t.signedOutRevoked : t.signedOutLocal);
    });

  const profile = session?.profile;
  return (
    <Page title={t.appTitle} root>
      <Notice>{notice}</Notice>
      <ErrorText>{error}</ErrorText>
      {session ? (
        <View id="signed-in">
          <Card title={t.signedInAs(profile?.name || profile?.userName || profile?.mobile || t.aUser)}>
            <Row label={t.userName} value={profile?.userName || '—'} />
            <Row label={t.name} value={profile?.name || '—'} />
            <Row label={t.mobile} value={profile?.mobile || '—'} />
            <Row label={t.email} value={profile?.email || '—'} />
            <Row label={t.userId} value={profile?.id || claims?.sub || '—'} />
          </Card>
          <Card title={t.session}>
            <Row label={t.sessionExpires} value={formatTime(session.sessionExpiresAt)} />
            <Row label={t.idTokenExpires} value={formatTime(session.idTokenExpiresAt)} />
            <Row label={t.issuer} value={claims?.iss || '—'} />
            <Row label={t.audience} value={String(claims?.aud ?? '—')} />
          </Card>
          <View className="actions">
            <Action id="go-profile" kind="default" onClick={() => go('/pages/profile/index')}>
              {t.profile}
            </Action>
            <Action id="go-security" kind="default" onClick={() => go('/pages/security/index')}>
              {t.security}
            </Action>
            <Action id="logout" kind="warn" loading={busy} onClick={logout}>
              {t.logOut}
            </Action>
          </View>
        </View>
      ) : (
        <View id="signed-out">
          <Card title={t.notSignedIn}>
            <Text className="hint">{t.chooseWay}</Text>
          </Card>
          <View className="actions">
            <Action id="go-one-tap" onClick={() => go('/pages/login/index')}>
              {t.oneTapLogin(hostName())}
            </Action>
            <Action id="go-sms" kind="default" onClick={() => go('/pages/sms/index')}>
              {t.smsCodeLogin}
            </Action>
            <Action id="go-password" kind="default" onClick={() => go('/pages/password/index')}>
              {t.passwordLogin}
            </Action>
          </View>
        </View>
      )}
      <Card title={t.environment}>
        <Row label={t.runtime} value={`${env} (${idaas.platform.name})`} />
        <Row label={t.idaasAddress} value={baseUrl} />
        <Row label={t.language} value={t.languageName} />
        <Row label={t.clientIdLabel} value={clientId} />
        {dev && <Row label={t.simulatedUser} value={dev.identity()} />}
      </Card>
    </Page>
  );
}
