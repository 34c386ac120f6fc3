/**
 * The emulator sends nothing: in development the demo shows the code it "sent" where a phone or a
 * mailbox would have received it (the emulator's outbox). Renders nothing against a real tenant.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { t } from '../i18n';
import { dev, errorText } from '../idaas';

export function DevInbox({ to, channel = 'sms' }: { to?: string; channel?: 'sms' | 'email' }) {
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState('');

  const check = () => {
    if (!dev) return;
    setProblem('');
    dev.latestCode(to).then(setCode, (e) => setProblem(errorText(e)));
  };

  // Read once per recipient ("Check again" reads again).
  useEffect(check, [to]);

  if (!dev) return null;
  return (
    <View className="dev-inbox" id="dev-inbox">
      <Text className="dev-inbox-title">{t.simulated(channel, to || '')}</Text>
      {code ? (
        <Text className="dev-inbox-code" id="dev-inbox-code">
          {t.yourCode(code)}
        </Text>
      ) : (
        <Text className="hint">{problem || t.waitingForCode}</Text>
      )}
      <Text className="link" onClick={check}>
        {t.checkAgain}
      </Text>
    </View>
  );
}
