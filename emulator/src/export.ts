/**
 * `--export-on-exit DIR` / `emulator.exportSeed()`: today's tenant, apps and users (with their
 * passwords, linked identities and remaining password lifetimes) written back as a seed, so
 * `--import DIR` starts the next run with the same test users. Sessions, codes and faults are
 * runtime state and are not kept; the account-center data is the seed's as loaded.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EmulatorSeed, SeedUser } from './seed';
import type { EmulatorState } from './state';

/** The file inside an import/export directory. */
export const EXPORT_FILE = 'idaas-emulator-seed.json';
const DAY = 86_400_000;

export function stateAsSeed(state: EmulatorState): EmulatorSeed {
  const now = state.clock.now();
  const users: SeedUser[] = [...state.users.values()].map((u) => ({
    id: u.id,
    userName: u.userName,
    name: u.name,
    ...(u.mobile ? { mobile: u.mobile } : {}),
    ...(u.email ? { email: u.email } : {}),
    password: u.password,
    status: u.status,
    mfa: u.mfa,
    passwordExpiresInDays: u.passwordExpiresAt === null ? null : (u.passwordExpiresAt - now) / DAY,
    profile: { ...u.profile },
    social: state.bindingsOf(u.id).map((b) => ({
      type: b.type,
      uid: b.uid,
      id: b.id,
      nickname: b.nickname,
      headImage: b.headImage,
      channelId: b.channelId,
    })),
  }));
  const seed = state.loadedSeed;
  return {
    description: `Exported by idaas-emulator at ${new Date(now).toISOString()}`,
    tenant: JSON.parse(JSON.stringify(state.tenant)),
    apps: [...state.apps.values()].map((a) => JSON.parse(JSON.stringify(a))),
    users,
    ...(seed.accountCenter ? { accountCenter: seed.accountCenter } : {}),
  };
}

/** Writes DIR/idaas-emulator-seed.json (creating DIR) and returns the file's path. */
export function writeExport(dir: string, seed: EmulatorSeed): string {
  const path = join(resolve(dir), EXPORT_FILE);
  mkdirSync(resolve(dir), { recursive: true });
  writeFileSync(path, `${JSON.stringify(seed, null, 2)}\n`);
  return path;
}

/** The seed file inside an `--import` directory (an error naming the file when it is missing). */
export function importPath(dir: string): string {
  const path = join(resolve(dir), EXPORT_FILE);
  try {
    readFileSync(path);
  } catch {
    throw new Error(`--import ${dir}: no ${EXPORT_FILE} in it (write one with --export-on-exit ${dir})`);
  }
  return path;
}
