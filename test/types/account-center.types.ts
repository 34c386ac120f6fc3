/**
 * Compile-only: the account-center flow types stop a step of one operation, or a step that still
 * needs its second factor, from reaching the wrong final call.
 */
import {
  type AccountCenter,
  type AuthorizedStep,
  type ChangeCodeStep,
  createAccountCenter,
  type TwoFactorStep,
} from '../../src/account-center';
import type { IdaasClient } from '../../src/client';

declare const client: IdaasClient;
const center: AccountCenter = createAccountCenter(client, { baseUrl: 'https://t.example.com' });

declare const passwordCleared: AuthorizedStep<'UPDATE_PASSWORD'>;
declare const unsubscribeCleared: AuthorizedStep<'UNSUBSCRIBE'>;
declare const phoneCleared: AuthorizedStep<'UPDATE_PHONE'>;
declare const passwordNeeds2fa: TwoFactorStep<'UPDATE_PASSWORD'>;
declare const codeSent: ChangeCodeStep;

async function flows() {
  const start = await center.startOperation('UPDATE_PASSWORD');
  if (start.needsTwoFactor) {
    const sent: TwoFactorStep<'UPDATE_PASSWORD'> = await center.sendTwoFactorCode(start, 'SMS');
    const cleared: AuthorizedStep<'UPDATE_PASSWORD'> = await center.verifyTwoFactor(sent, {
      type: 'SMS',
      code: '123456',
    });
    await center.changePassword(cleared, 'new');
  } else {
    await center.changePassword(start, 'new');
  }
  await center.deleteAccount(unsubscribeCleared);
  await center.verifyChangeCode(
    await center.sendChangeCode(phoneCleared, { type: 'SMS', phoneNumber: '13900000000' }),
    '1234',
  );

  // @ts-expect-error a step still needing its second factor cannot change the password
  await center.changePassword(passwordNeeds2fa, 'new');
  // @ts-expect-error a step cleared for another operation cannot change the password
  await center.changePassword(unsubscribeCleared, 'new');
  // @ts-expect-error a password step cannot delete the account
  await center.deleteAccount(passwordCleared);
  // @ts-expect-error a password step cannot send a phone-change code
  await center.sendChangeCode(passwordCleared, { type: 'SMS', phoneNumber: '13900000000' });
  // @ts-expect-error the change code step is verified with verifyChangeCode, not verifyTwoFactor
  await center.verifyTwoFactor(codeSent, { type: 'SMS', code: '1' });
  // @ts-expect-error PWD proof needs a password, not a code
  await center.verifyTwoFactor(passwordNeeds2fa, { type: 'PWD', code: '1' });
  // @ts-expect-error not an operation
  await center.startOperation('RESET_EVERYTHING');
  // @ts-expect-error 2FA codes go by SMS or EMAIL only
  await center.sendTwoFactorCode(passwordNeeds2fa, 'PWD');
  // @ts-expect-error the info update needs the account uuid
  await center.updateInfo({ displayName: 'x' });
}
void flows;
