/**
 * `decodeIdToken` on id_tokens of the vendor's shape (header, the documented claims, the profile as
 * the JSON string of the \`api\` claim, a 342-character RS256 signature), about 900 and 1,623
 * characters long: the median of DECODE_ROUNDS rounds of DECODE_CALLS decodes after a warm-up, in
 * a process of its own (bench/run.mjs), so no other measurement's garbage is collected during it.
 */
import { decodeIdToken } from 'idaas-miniprogram';
import { emit, quantile, type Row, round } from './row';

const DECODE_CALLS = 20_000;
const DECODE_ROUNDS = 7;
const GOAL_DECODE_US = 15;

/**
 * An id_token shaped like the vendor's (client-api.md §5: RS256 header, registered claims, the
 * profile as a JSON string in `api`, with Chinese text), padded with profile attributes to
 * `length` characters; the signature is 342 characters, as RS256 over 2048 bits is.
 */
function vendorShapedToken(length: number): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = part({ kid: 'a8b3c1', alg: 'RS256' });
  const signature = 's'.repeat(342);
  const claims = (note: string) => ({
    iss: 'https://acme.bccastle.com/api/v1/oauth2',
    aud: 'bench-app',
    exp: 1653484412,
    jti: 'yLRTfWcUdbOOyAilwYSFjg',
    iat: 1653466412,
    nbf: 1653466292,
    sub: '20220425140138519-BF1B-528B0551B',
    api: JSON.stringify({
      name: '竹云用户',
      mobile: '+86-15907132852',
      id: '20220425140138519-BF1B-528B0551B',
      userName: 'louxi',
      email: 'louxi@example.com',
      attr_department: '研发中心',
      attr_note: note,
    }),
  });
  let note = '';
  while (`${header}.${part(claims(note))}.${signature}`.length < length) note += 'n';
  return `${header}.${part(claims(note))}.${signature}`;
}

function decoding(): Row[] {
  const rows: Row[] = [];
  for (const length of [769, 1623]) {
    const token = vendorShapedToken(length);
    if (decodeIdToken(token).profile.name !== '竹云用户') throw new Error('the bench token did not decode');
    for (let i = 0; i < DECODE_CALLS; i++) decodeIdToken(token); // warm-up
    const samples: number[] = [];
    for (let pass = 0; pass < DECODE_ROUNDS; pass++) {
      const start = process.hrtime.bigint();
      for (let i = 0; i < DECODE_CALLS; i++) decodeIdToken(token);
      samples.push(Number(process.hrtime.bigint() - start) / 1000 / DECODE_CALLS);
    }
    rows.push({
      section: 'Token decoding',
      name: `decodeIdToken, ${token.length.toLocaleString('en')}-character id_token (median of ${DECODE_ROUNDS} × ${DECODE_CALLS.toLocaleString('en')})`,
      value: quantile(samples, 0.5),
      unit: 'µs',
      goal: length > 1000 ? { op: '<=', value: GOAL_DECODE_US } : null,
      details: { characters: token.length, p90Us: round(quantile(samples, 0.9)) },
    });
  }
  return rows;
}

emit(decoding());
