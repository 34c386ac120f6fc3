/** Checks a new password against the tenant policy (the object PASSWORD_WARN sends in `data`). */
import { fail } from './errors';
import type { PasswordPolicy } from './settings';

export function meetsPasswordPolicy(policy: PasswordPolicy, password: string): boolean {
  if (password.length < policy.minLength || password.length > policy.maxLength) return false;
  let rule: RegExp | undefined;
  try {
    rule = new RegExp(policy.regEx);
  } catch {
    rule = undefined; // a Java-only construct; length rules still apply
  }
  return !rule || rule.test(password);
}

export function enforcePasswordPolicy(policy: PasswordPolicy, password: string): void {
  if (!meetsPasswordPolicy(policy, password)) fail('IDAAS.SDK.PWD.0001');
}
