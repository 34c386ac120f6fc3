/**
 * The catalogue covers every code there is, in both languages, and its sentences are for people:
 * - every code documented in the vendor spec and the seeds (read from the files, not listed here);
 * - every code the emulator answers with (read from its sources, wherever the emulator lives);
 * - every code the SDK raises (read from src/);
 * and no sentence contains a code or a field name.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ERROR_CODES } from '../../src/error-codes';
import { IdaasServerError } from '../../src/errors';
import { describeError, FIELD_LABELS } from '../../src/messages';

const root = resolve(__dirname, '../..');
const specDir = join(root, 'test/fixtures/vendor-spec');

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    return statSync(path).isDirectory() ? filesUnder(path, ext) : ext.test(name) ? [path] : [];
  });
}

/** Every error code a text names: client API, EIAM, account-center keys, OAuth table rows. */
function codesIn(text: string): Set<string> {
  const found = new Set<string>();
  const add = (re: RegExp, group = 0) => {
    for (const m of text.matchAll(re)) found.add(m[group]);
  };
  add(/IDAAS\.SDK\.[A-Z]+\.\d{4}/g);
  add(/(?<![.\w])SDK\.[A-Z]+\.\d{4}/g);
  add(/\b(?:Params|Operation)(?:\.[A-Za-z0-9]+)*[A-Za-z0-9]\b/g);
  add(/\bOPERATION_FAILURE_[A-Z_]*[A-Z]\b/g);
  // OAuth codes: "| 400 | invalid_grant |" (client-api.md §6.3), "error | string | invalid_token |" (seed 001).
  add(/^\|\s*\d{3}\s*\|\s*([a-z]+(?:_[a-z]+)+)\s*\|/gm, 1);
  add(/^error\s*\|\s*string\s*\|\s*([a-z]+(?:_[a-z]+)+)\s*\|/gm, 1);
  return found;
}

const specFiles = [join(specDir, 'client-api.md'), ...filesUnder(join(specDir, 'seeds'), /\.txt$/)];
const documented = new Set(specFiles.flatMap((file) => [...codesIn(readFileSync(file, 'utf8'))]));

function missing(codes: Iterable<string>): string[] {
  return [...codes].filter((code) => !ERROR_CODES[code]?.en || !/[\u4e00-\u9fff]/.test(ERROR_CODES[code]?.zh || ''));
}

describe('the vendor spec copy', () => {
  // The copy in the repository is what CI reads; where the original is checked out next to the
  // repository (../shared/spec), the two must be the same.
  const originals = [resolve(root, '../shared/spec'), resolve(root, '../../shared/spec')].filter(existsSync);
  test.each(originals.length ? originals : ['(no original next to this checkout)'])('matches %s', (original) => {
    if (!existsSync(original)) return;
    for (const file of specFiles) {
      const relative = file.slice(specDir.length + 1);
      expect(readFileSync(file, 'utf8')).toBe(readFileSync(join(original, relative), 'utf8'));
    }
  });
});

describe('every code has a zh-CN and an en sentence', () => {
  test('every code documented in client-api.md and the seeds', () => {
    // The extraction itself finds what the docs are known to hold (a negative control for the regexes).
    for (const sample of [
      'IDAAS.SDK.LOGIN.1001',
      'SDK.COMMON.1014',
      'SDK.SMS.1006',
      'Params.Illegal.User.Password.Same.Old',
      'Operation.Failure.Unsupport.2fa.Type',
      'OPERATION_FAILURE_GESTURE_SIGN_ERROR',
      'invalid_grant',
      'invalid_token',
      'unauthorized_user',
    ]) {
      expect(documented).toContain(sample);
    }
    expect(documented.size).toBeGreaterThan(60);
    expect(missing(documented)).toEqual([]);
  });

  test('every code the emulator answers with', () => {
    const dir = [join(root, 'emulator'), join(root, 'test/emulator')].find(existsSync);
    expect(dir).toBeDefined();
    const sources = filesUnder(dir!, /\.ts$/).filter((f) => !/\.test\.ts$/.test(f));
    const codes = new Set<string>();
    for (const file of sources) {
      const text = readFileSync(file, 'utf8');
      for (const code of codesIn(text)) codes.add(code);
      // Its own namespaces, and the account center's `blank('FId')` / `illegal('Type')` helpers.
      for (const m of text.matchAll(/'(EMULATOR\.[A-Z_]+)'/g)) codes.add(m[1]);
      for (const m of text.matchAll(/\b(blank|illegal)\('([A-Za-z.]+)'\)/g))
        codes.add(`Params.${m[1] === 'blank' ? 'Blank' : 'Illegal'}.${m[2]}`);
    }
    expect(codes).toContain('IDAAS.SDK.LOGIN.0001');
    expect(codes).toContain('Params.Illegal.User.Password.Policy');
    expect(codes).toContain('Params.Blank.FId');
    expect(missing(codes)).toEqual([]);
  });

  test('every code the SDK and its native components raise', () => {
    const codes = new Set<string>();
    for (const file of [...filesUnder(join(root, 'src'), /\.ts$/), ...filesUnder(join(root, 'components'), /\.js$/)]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bcode:\s*'([A-Z][A-Z0-9_]+)'/g)) codes.add(m[1]);
      for (const m of text.matchAll(/\b\w+(?:Error|unavailable|invalid|fail)\(\s*'([A-Z][A-Z0-9_]+)'/g))
        codes.add(m[1]);
    }
    // Session errors are `SESSION_<REASON>` for every reason the type allows.
    const reasons = /type SessionErrorReason = ([^;]+);/.exec(readFileSync(join(root, 'src/errors.ts'), 'utf8'))![1];
    for (const m of reasons.matchAll(/'(\w+)'/g)) codes.add(`SESSION_${m[1].toUpperCase()}`);
    expect(codes).toContain('INVALID_ARGUMENT');
    expect(codes).toContain('SESSION_CHANGED');
    expect(codes).toContain('CLIENT_MISSING');
    expect(missing(codes)).toEqual([]);
  });
});

describe('the sentences are for people', () => {
  const CODE = /[A-Za-z]\w*\.[A-Za-z]\w*|IDAAS|\bSDK\b|\b\d{4}\b/;
  const SNAKE = /\b[a-z0-9]+_[a-z0-9_]+\b|\b[A-Z0-9]+_[A-Z0-9_]+\b/;
  const CAMEL = /\b[a-z]+[A-Z]\w*\b|\bId[A-Z]/;
  const sentences = Object.entries(ERROR_CODES).flatMap(([code, info]) => [
    [code, 'en', info.en],
    [code, 'zh', info.zh],
  ]);

  test.each(sentences)('%s (%s) names no code and no field', (code, language, sentence) => {
    expect(sentence).not.toContain(code);
    expect(sentence).not.toMatch(CODE);
    expect(sentence).not.toMatch(SNAKE);
    expect(sentence).not.toMatch(CAMEL);
    // Field names a person would not say: the vendor's and the SDK's spellings that are not words.
    for (const field of Object.keys(FIELD_LABELS).filter((f) => SNAKE.test(f) || CAMEL.test(f))) {
      expect(sentence).not.toContain(field);
    }
    if (language === 'zh') {
      expect(sentence).toMatch(/[\u4e00-\u9fff]/);
      expect(sentence).not.toMatch(/[A-Za-z]/);
    } else {
      expect(sentence).toMatch(/^[A-Z].*[.]$/);
      expect(sentence).not.toMatch(/[\u3000-\u9fff\uff00-\uffef]/);
    }
  });

  test('the checks catch a code, a snake_case field and a camelCase field (negative control)', () => {
    expect('Incorrect password (IDAAS.SDK.LOGIN.0001)').toMatch(CODE);
    expect('Operation.Failure.Flow.Type.Mismatch').toMatch(CODE);
    expect('verify_code must be a non-empty string.').toMatch(SNAKE);
    expect('clientId cannot be empty').toMatch(CAMEL);
  });
});

describe('describeError in the catalogue’s words', () => {
  test('a documented code answers in each language, without the code', () => {
    const error = new IdaasServerError({
      code: 'IDAAS.SDK.LOGIN.0001',
      message: 'Incorrect account or password (IDAAS.SDK.LOGIN.0001)',
    });
    expect(describeError(error, 'en')).toBe(ERROR_CODES['IDAAS.SDK.LOGIN.0001'].en);
    expect(describeError(error, 'zh')).toBe(ERROR_CODES['IDAAS.SDK.LOGIN.0001'].zh);
    expect(error.code).toBe('IDAAS.SDK.LOGIN.0001');
  });

  test.each(documented.size ? [...documented] : ['none'])('%s never reaches the screen raw', (code) => {
    for (const language of ['en', 'zh'] as const) {
      const words = describeError(new IdaasServerError({ code, message: `${code} (${code})` }), language);
      expect(words).not.toContain(code);
    }
  });
});
