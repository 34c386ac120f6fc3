/** The `logo` of an authentication source: a small base64 PNG (a coloured disc), made once per social type. */
import { encodePng, type Rgba } from '../png';

const COLOURS: Record<string, Rgba> = {
  wechat: [7, 193, 96, 255],
  alipay: [22, 119, 255, 255],
  qq: [18, 183, 245, 255],
  weibo: [230, 22, 45, 255],
  apple: [0, 0, 0, 255],
};
const OTHER: Rgba = [120, 120, 120, 255];
const CLEAR: Rgba = [0, 0, 0, 0];
const SIZE = 32;

const cache = new Map<string, string>();

export function logoOf(socialType: string): string {
  let logo = cache.get(socialType);
  if (!logo) {
    const colour = COLOURS[socialType] ?? OTHER;
    const r = SIZE / 2;
    const png = encodePng(SIZE, SIZE, (x, y) => ((x - r + 0.5) ** 2 + (y - r + 0.5) ** 2 <= r * r ? colour : CLEAR));
    logo = png.toString('base64');
    cache.set(socialType, logo);
  }
  return logo;
}
