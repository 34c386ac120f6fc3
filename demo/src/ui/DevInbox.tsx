/**
 * The emulator sends nothing: in development the demo shows the code it "sent" where a phone or a
 * mailbox would have received it (the emulator's outbox). Renders nothing against a real tenant.
 */
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { dev, errorText } from '../idaas';

export function DevInbox({ to, channel = 'SMS' }: { to?: string; channel?: 'SMS' | 'Email' }) {
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
      <Text className="dev-inbox-title">{`Simulated ${channel}${to ? ` to ${to}` : ''}`}</Text>
      {code ? (
        <Text className="dev-inbox-code" id="dev-inbox-code">{`Your code is ${code}`}</Text>
      ) : (
        <Text className="hint">{problem || 'Waiting for the code…'}</Text>
      )}
      <Text className="link" onClick={check}>
        Check again
      </Text>
    </View>
  );
}
