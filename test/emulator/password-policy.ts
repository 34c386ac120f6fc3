/** Checks a new password against the tenant policy (the object PASSWORD_WARN sends in `data`). */
import { fail } from './errors';
import type { PasswordPolicy } from './settings';

export function enforcePasswordPolicy(policy: PasswordPolicy, password: string): void {
  if (password.length < policy.minLength || password.length > policy.maxLength) fail('IDAAS.SDK.PWD.0001');
  let rule: RegExp | undefined;
  try {
    rule = new RegExp(policy.regEx);
  } catch {
    rule = undefined; // a Java-only construct; length rules still apply
  }
  if (rule && !rule.test(password)) fail('IDAAS.SDK.PWD.0001');
}
