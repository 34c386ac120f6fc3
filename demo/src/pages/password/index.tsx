/** Password login (user name, mobile or email): /login/auth, then PASSWORD_WARN / PASSWORD_EXPIRED / MFA_AUTH. */
import { loginWithIdentifier } from 'idaas-miniprogram/taro';
import { useState } from 'react';
import { DemoMessage, t } from '../../i18n';
import { idaas } from '../../idaas';
import { Action, Card, ErrorText, Field, Page, useAction } from '../../ui/kit';
import { LoginSteps, useLoginFlow } from '../../ui/LoginSteps';

export default function PasswordLogin() {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const { step, setStep, settle } = useLoginFlow();

  return (
    <Page title={t.passwordLogin}>
      {step ? (
        <LoginSteps step={step} settle={settle} restart={() => setStep(null)} />
      ) : (
        <Card title={t.signInWithPassword}>
          <ErrorText>{error}</ErrorText>
          <Field id="pw-user" label={t.userNameMobileOrEmail} value={user} onChange={setUser} />
          <Field id="pw-password" label={t.password} password value={password} onChange={setPassword} />
          <Action
            id="pw-login"
            loading={busy}
            onClick={() =>
              run(async () => {
                if (!user.trim() || !password) throw new DemoMessage(t.enterPassword);
                settle(await loginWithIdentifier(idaas, { user_name: user, password }));
              })
            }
          >
            {t.signIn}
          </Action>
        </Card>
      )}
    </Page>
  );
}
