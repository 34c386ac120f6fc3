/**
 * The account center's flow ids (`fId`). `operate_check` starts a flow for one operation; every
 * step consumes the fId it was given and answers with the next one, so an fId works once and only
 * for the step it was issued for. fIds expire (`accountCenter.fIdTtlSeconds`, emulator clock) and
 * are burnt after `accountCenter.maxVerifyAttempts` wrong codes/passwords. A failed step (bad code,
 * same password…) leaves the fId usable.
 *
 *   operate_check ─┬─ NEED_TWO_FACTOR → two_factor ─ 2fa/obtain_code → two_factor_sent ─┐
 *                  │                         └──────── 2fa/verify_code (PWD) ────────────┤
 *                  │                                   2fa/verify_code (SMS/EMAIL) ──────┤
 *                  └─ <flowType> ──────────────────────────────────────────────────→ ready
 *   ready ─ change_pwd | unsubscribe                                   (flow ends)
 *   ready ─ change_phone_or_email/obtain_code → change_sent ─ …/verify_code (flow ends)
 */
import type { Clock } from '../clock';
import { chinaTime, randomDigits } from '../ids';
import type { OtpChannel } from '../otp';

/**
 * `operateType` → the flowType of its last step. The seed documents only UPDATE_PASSWORD →
 * USER_UPDATE_PWD (its list of values is cut); the other three are the emulator's names.
 */
export const OPERATIONS = {
  UPDATE_PASSWORD: 'USER_UPDATE_PWD',
  UPDATE_PHONE: 'USER_UPDATE_PHONE',
  UPDATE_EMAIL: 'USER_UPDATE_EMAIL',
  UNSUBSCRIBE: 'USER_UNSUBSCRIBE',
} as const;
export type OperateType = keyof typeof OPERATIONS;

export const isOperateType = (v: string): v is OperateType => Object.hasOwn(OPERATIONS, v);

export type FlowStage =
  | { step: 'two_factor' }
  | { step: 'two_factor_sent'; channel: OtpChannel; to: string }
  | { step: 'ready' }
  | { step: 'change_sent'; channel: OtpChannel; to: string };
export type FlowStep = FlowStage['step'];

export interface Flow {
  fId: string;
  userId: string;
  clientId: string;
  operation: OperateType;
  stage: FlowStage;
  expiresAt: number;
  /** Wrong codes/passwords so far (carried over to the next fId of a resend). */
  failures: number;
}

export type FlowLookup = { flow: Flow } | { problem: 'unknown' | 'expired' };

/** `yyyyMMddHHmmssSSS` + 16 digits + `_Y_03`, like the documented `202206130938354797885760663934976_Y_03`. */
function newFId(now: number): string {
  return `${chinaTime(now).replace(/[-: .]/g, '')}${randomDigits(16)}_Y_03`;
}

export class FlowStore {
  private flows = new Map<string, Flow>();

  constructor(private readonly clock: Clock) {}

  start(input: Pick<Flow, 'userId' | 'clientId' | 'operation' | 'stage'>, ttlSeconds: number): Flow {
    return this.issue({ ...input, failures: 0 }, ttlSeconds);
  }

  /** The flow of `fId` if it is live and `userId`'s (another user's fId is "unknown"). Expired ones are dropped. */
  lookup(fId: string, userId: string): FlowLookup {
    const flow = this.flows.get(fId.trim());
    if (!flow || flow.userId !== userId) return { problem: 'unknown' };
    if (flow.expiresAt <= this.clock.now()) {
      this.flows.delete(flow.fId);
      return { problem: 'expired' };
    }
    return { flow };
  }

  /** Consumes `flow` and issues its successor at `stage` with a fresh fId and lifetime. */
  next(flow: Flow, stage: FlowStage, ttlSeconds: number): Flow {
    this.flows.delete(flow.fId);
    return this.issue({ ...flow, stage }, ttlSeconds);
  }

  consume(flow: Flow): void {
    this.flows.delete(flow.fId);
  }

  /** Counts a wrong code/password; burns the fId at `max`. */
  recordFailure(flow: Flow, max: number): void {
    flow.failures += 1;
    if (flow.failures >= max) this.flows.delete(flow.fId);
  }

  forgetUser(userId: string): void {
    for (const [fId, f] of this.flows) if (f.userId === userId) this.flows.delete(fId);
  }

  all(): Flow[] {
    return [...this.flows.values()];
  }

  clear(): void {
    this.flows.clear();
  }

  private issue(input: Omit<Flow, 'fId' | 'expiresAt'>, ttlSeconds: number): Flow {
    const now = this.clock.now();
    const flow: Flow = { ...input, fId: newFId(now), expiresAt: now + ttlSeconds * 1000 };
    this.flows.set(flow.fId, flow);
    return flow;
  }
}
