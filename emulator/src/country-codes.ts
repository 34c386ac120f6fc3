/** What `GET /country-codes` serves, and the per-country rules used to validate mobile numbers. */

export interface AreaCodeDefinition {
  areaCode: string;
  displayMapping: { 'zh-TW': string; en: string; 'zh-CN': string };
  countryCode: string;
  /**
   * As the vendor writes them, commas inside character classes included. The vendor's rules for
   * 86, 852, 853 and 886 are verbatim (issue 14): they match the full `+852-51234567` form, and
   * for 852/853/886 the `+area` prefix is required.
   */
  mobileRegex: string;
  areaCodeSuffixes: string[];
}

export const AREA_CODES: AreaCodeDefinition[] = [
  {
    areaCode: '86',
    displayMapping: { 'zh-TW': '中國大陸', en: 'Chinese Mainland', 'zh-CN': '中国大陆' },
    countryCode: 'CN',
    mobileRegex: '^(\\+86){0,1}\\-?1\\d{10}$',
    areaCodeSuffixes: [],
  },
  {
    areaCode: '852',
    displayMapping: { 'zh-TW': '中國香港', en: 'Hong Kong, China', 'zh-CN': '中国香港' },
    countryCode: 'HK',
    mobileRegex: '^(\\+852){1}\\-?0{0,1}[1,4,5,6,7,8,9](?:\\d{7}|\\d{8}|\\d{12})$',
    areaCodeSuffixes: [],
  },
  {
    areaCode: '853',
    displayMapping: { 'zh-TW': '中國澳門', en: 'Macao, China', 'zh-CN': '中国澳门' },
    countryCode: 'MO',
    mobileRegex: '^(\\+853){1}\\-?0{0,1}[1,4,5,6,7,8,9](?:\\d{7}|\\d{8}|\\d{12})$',
    areaCodeSuffixes: [],
  },
  {
    areaCode: '886',
    displayMapping: { 'zh-TW': '中國台灣', en: 'Taiwan, China', 'zh-CN': '中国台湾' },
    countryCode: 'TW',
    mobileRegex: '^(\\+886){1}\\-?[6,7,9](?:\\d{7}|\\d{8})$',
    areaCodeSuffixes: [],
  },
  {
    areaCode: '1',
    displayMapping: { 'zh-TW': '美國', en: 'United States', 'zh-CN': '美国' },
    countryCode: 'US',
    mobileRegex: '^\\d{10}$',
    areaCodeSuffixes: [],
  },
  {
    areaCode: '65',
    displayMapping: { 'zh-TW': '新加坡', en: 'Singapore', 'zh-CN': '新加坡' },
    countryCode: 'SG',
    mobileRegex: '^[8,9]\\d{7}$',
    areaCodeSuffixes: [],
  },
];

const byAreaCode = new Map(AREA_CODES.map((d) => [d.areaCode, new RegExp(d.mobileRegex)]));

/**
 * True when the number matches its area's rule, tested on the full `+cc-number` form as the
 * vendor's rules describe it (or on the national part, for rules written without the prefix);
 * numbers from areas not listed pass on length alone.
 */
export function isValidNationalNumber(areaCode: string, number: string): boolean {
  const rule = byAreaCode.get(areaCode);
  return rule ? rule.test(`+${areaCode}-${number}`) || rule.test(number) : /^\d{4,15}$/.test(number);
}

/** Area codes, longest first, for splitting `+8613800000001`. */
export const AREA_CODES_LONGEST_FIRST = AREA_CODES.map((d) => d.areaCode).sort((a, b) => b.length - a.length);
