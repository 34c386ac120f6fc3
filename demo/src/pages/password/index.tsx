/** Password login (user name, mobile or email): /login/auth, then PASSWORD_WARN / PASSWORD_EXPIRED / MFA_AUTH. */
import { loginWithIdentifier } from 'idaas-miniprogram/taro';
import { useState } from 'react';
import { idaas } from '../../idaas';
import { Action, Card, ErrorText, Field, Page, useAction } from '../../ui/kit';
import { LoginSteps, useLoginFlow } from '../../ui/LoginSteps';

export default function PasswordLogin() {
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();
  const { step, setStep, settle } = useLoginFlow();

  return (
    <Page title="Password login">
      {step ? (
        <LoginSteps step={step} settle={settle} restart={() => setStep(null)} />
      ) : (
        <Card title="Sign in with a password">
          <ErrorText>{error}</ErrorText>
          <Field id="pw-user" label="User name, mobile or email" value={user} onChange={setUser} />
          <Field id="pw-password" label="Password" password value={password} onChange={setPassword} />
          <Action
            id="pw-login"
            loading={busy}
            onClick={() => run(async () => settle(await loginWithIdentifier(idaas, { user_name: user, password })))}
          >
            Sign in
          </Action>
        </Card>
      )}
    </Page>
  );
}
