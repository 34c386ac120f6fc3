/**
 * The account center's second factor for one operation: operate_check, then an SMS code (or the
 * current password), then `onCleared` with the step the final call needs.
 */
import { Text, View } from '@tarojs/components';
import type { AccountOperation, AuthorizedStep, TwoFactorStep } from 'idaas-miniprogram/account-center';
import { useState } from 'react';
import { DemoMessage, t } from '../i18n';
import { accountCenter } from '../idaas';
import { DevInbox } from './DevInbox';
import { Action, check, ErrorText, Field, Notice, useAction } from './kit';

export function TwoFactor<Op extends AccountOperation>({
  operation,
  label,
  onCleared,
  prefix,
}: {
  operation: Op;
  label: string;
  prefix: string;
  onCleared(step: AuthorizedStep<Op>): void;
}) {
  const [step, setStep] = useState<TwoFactorStep<Op> | null>(null);
  const [sent, setSent] = useState(false);
  const [usePassword, setUsePassword] = useState(false);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useAction();

  const start = () =>
    run(async () => {
      const started = await accountCenter.startOperation(operation);
      if (started.needsTwoFactor) setStep(started);
      else onCleared(started);
    });

  if (!step)
    return (
      <View>
        <ErrorText>{error}</ErrorText>
        <Action id={`${prefix}-start`} kind="default" loading={busy} onClick={start}>
          {label}
        </Action>
      </View>
    );

  return (
    <View className="two-factor">
      <Text className="hint">{t.confirmFirst}</Text>
      <ErrorText>{error}</ErrorText>
      {usePassword ? (
        <View>
          <Field id={`${prefix}-current`} label={t.currentPassword} password value={password} onChange={setPassword} />
          <Action
            id={`${prefix}-verify-password`}
            loading={busy}
            onClick={() =>
              run(async () => onCleared(await accountCenter.verifyTwoFactor(step, { type: 'PWD', password })))
            }
          >
            {t.confirm}
          </Action>
        </View>
      ) : (
        <View>
          {sent ? (
            <View>
              <Notice>{t.codeSentToMobile}</Notice>
              <DevInbox />
            </View>
          ) : (
            <Action
              id={`${prefix}-send-code`}
              kind="default"
              loading={busy}
              onClick={() =>
                run(async () => {
                  setStep(await accountCenter.sendTwoFactorCode(step, 'SMS'));
                  setSent(true);
                })
              }
            >
              {t.sendCodeToMobile}
            </Action>
          )}
          <Field id={`${prefix}-code`} label={t.code} digits value={code} onChange={setCode} />
          <Action
            id={`${prefix}-verify-code`}
            loading={busy}
            onClick={() =>
              run(async () => {
                // Confirming before a code was sent would spend the step on the server's refusal.
                if (!sent) throw new DemoMessage(t.getCodeFirst);
                onCleared(await accountCenter.verifyTwoFactor(step, { type: 'SMS', code: check.code(code) }));
              })
            }
          >
            {t.confirm}
          </Action>
        </View>
      )}
      <Text className="link" onClick={() => setUsePassword(!usePassword)}>
        {usePassword ? t.useSmsInstead : t.usePasswordInstead}
      </Text>
    </View>
  );
}
