/**
 * Validators run in linear time (issue 14 point 12). Not a timing test: every regex the SDK runs
 * is watched, and none may see more than a few KB whatever the input's size, so no backtracking
 * pattern can turn a crafted 1 MB input into seconds of work. The email check, now by index
 * instead of the quadratic `^[^\s@]+@[^\s@]+\.[^\s@]+$`, is shown to mean the same thing.
 */
import fc from 'fast-check';
import { rememberCountryCodes } from '../../src/api/call';
import { createClientFor } from '../../src/client';
import { isValidationError } from '../../src/errors';
import { interpretAnswer } from '../../src/http/answer';
import { quote } from '../../src/http/redact';
import { normalizeBaseUrl, withoutTrailingSlashes } from '../../src/http/url';
import { checkFields, optionalText } from '../../src/util/validate';
import { fakePlatform, jsonResponse } from '../support/fakes';

const MB = 1 << 20;
const LIMIT = 4096;

/** Runs `work` with RegExp.prototype.exec watched (test, replace, split and match all go through it). */
function longestRegexInput(work: () => void): number {
  const exec = RegExp.prototype.exec;
  let longest = 0;
  const tooLong = new Error('a regex was handed too long an input');
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    longest = Math.max(longest, String(input).length);
    // Stop there rather than run it: a backtracking pattern would take minutes on 1 MB.
    if (longest > LIMIT) throw tooLong;
    return exec.call(this, input);
  };
  try {
    work();
  } catch (error) {
    if (error !== tooLong && !isValidationError(error) && !(error instanceof Error && 'kind' in error)) throw error;
  } finally {
    RegExp.prototype.exec = exec;
  }
  return longest;
}

/** The inputs that make backtracking regexes quadratic or worse, 1 MB each. */
const HOSTILE: Record<string, string> = {
  'an email with a dotless domain': `a@${'a'.repeat(MB)}@`,
  'an email of dots': `a@${'a.'.repeat(MB / 2)} `,
  'a run of @': '@'.repeat(MB),
  digits: '1'.repeat(MB),
  'digits then a letter': `${'1'.repeat(MB)}x`,
  'a run of slashes': `https://a.example.com${'/'.repeat(MB)}x`,
  'eyJ repeated': 'eyJ'.repeat(MB / 3),
  whitespace: `${' '.repeat(MB)}x`,
};

const client = createClientFor(
  fakePlatform(() => jsonResponse(200, {})),
  { baseUrl: 'https://t.example.com', clientId: 'c' },
);
// A tenant whose own rule backtracks exponentially: it only ever sees a short string.
rememberCountryCodes(client, [{ areaCode: '86', mobileRegex: '^(\\d+)+x$' } as never]);

describe.each(Object.entries(HOSTILE))('%s (1 MB): no regex sees more than 4 KB', (_name, input) => {
  test.each(['mobile:m', 'email:e', 'verify_code:c', 'password'])('checkFields %s', (rule) => {
    const name = rule.split(':')[0];
    expect(longestRegexInput(() => checkFields({ [name]: input }, rule))).toBeLessThanOrEqual(LIMIT);
    expect(longestRegexInput(() => checkFields({ [name]: input }, rule, { 86: /^(\d+)+x$/ }))).toBeLessThanOrEqual(
      LIMIT,
    );
  });

  test('baseUrl and optional fields', () => {
    expect(longestRegexInput(() => normalizeBaseUrl(input))).toBeLessThanOrEqual(LIMIT);
    expect(longestRegexInput(() => optionalText({ language: input }, 'language'))).toBeLessThanOrEqual(LIMIT);
  });

  test('the parts of an answer an error quotes', () => {
    expect(longestRegexInput(() => quote(input, ['secret-secret']))).toBeLessThanOrEqual(LIMIT);
    const response = { status: 502, headers: { 'content-type': input }, body: '<html>' };
    expect(longestRegexInput(() => interpretAnswer(response, []))).toBeLessThanOrEqual(LIMIT);
  });
});

test('trailing slashes are dropped by index, with the same result as /\\/+$/', () => {
  fc.assert(
    fc.property(fc.stringMatching(/^[a-z/]{0,12}$/), (text) => {
      expect(withoutTrailingSlashes(text)).toBe(text.replace(/\/+$/, ''));
    }),
  );
});

const OLD_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

test('the email check means what the old regex meant (for addresses up to 254 characters)', () => {
  const emailish = fc.stringMatching(/^[a-z.@ \t]{0,20}$/);
  fc.assert(
    fc.property(fc.oneof(emailish, fc.emailAddress(), fc.string({ maxLength: 30 })), (text) => {
      const candidate = text.trim();
      fc.pre(candidate.length > 0 && candidate.length <= 254);
      let accepted = true;
      try {
        checkFields({ email: candidate }, 'email:e');
      } catch {
        accepted = false;
      }
      expect(accepted).toBe(OLD_EMAIL.test(candidate));
    }),
    { numRuns: 2000 },
  );
});

test.each(['a@b.c', 'a.b@c.d.e', 'x@y.c.', '用户@例子.中国'])('%s is an email', (email) => {
  expect(() => checkFields({ email }, 'email:e')).not.toThrow();
});

test.each(['a@b', '@b.c', 'a@.c', 'a@b.', 'a@@b.c', 'a b@c.d', `${'a'.repeat(250)}@b.cd`])('%s is not', (email) => {
  expect(() => checkFields({ email }, 'email:e')).toThrow(expect.objectContaining({ field: 'email' }));
});
