/**
 * The slider captcha (AJ-Captcha style): `GET /captcha` hands out a background with a hole and the
 * matching piece; `/captcha/verify` accepts an x within `tolerancePx` of the hole and returns a
 * `captcha_token` (`<token>---<point_json>`) bound to the `sender`, which `/sms/send` and
 * `/email/send` each consume once.
 *
 * Choices where the docs are silent: a puzzle allows one verify attempt (a miss burns it, as
 * AJ-Captcha does); y is not checked (the docs say it is always 5.0); the captcha_token is single-use.
 */
import type { Clock } from './clock';
import { randomString } from './ids';
import { encodePng, type Rgba } from './png';

export const BACKGROUND_WIDTH = 310;
export const BACKGROUND_HEIGHT = 155;
export const PIECE_SIZE = 47;
const PIECE_TOP = 54;

interface Puzzle {
  x: number;
  expiresAt: number;
}

interface CaptchaGrant {
  sender: string;
  expiresAt: number;
}

/** The AJ-Captcha object `GET /captcha` answers with (null fields as in the documented example). */
export interface CaptchaResponse {
  captchaId: null;
  projectCode: null;
  captchaOriginalPath: null;
  captchaFontType: null;
  captchaFontSize: null;
  secretKey: string;
  originalImageBase64: string;
  point: null;
  jigsawImageBase64: string;
  wordList: null;
  pointList: null;
  pointJson: null;
  token: string;
  result: false;
  captchaVerification: null;
}

function backgroundPixel(holeX: number) {
  return (x: number, y: number): Rgba => {
    if (x >= holeX && x < holeX + PIECE_SIZE && y >= PIECE_TOP && y < PIECE_TOP + PIECE_SIZE) {
      return [40, 40, 40, 255];
    }
    // A diagonal gradient with stripes, so the hole stands out.
    const stripe = (x + y) % 24 < 12 ? 20 : 0;
    return [
      90 + Math.floor((x / BACKGROUND_WIDTH) * 100),
      140 + stripe,
      200 - Math.floor((y / BACKGROUND_HEIGHT) * 80),
      255,
    ];
  };
}

function piecePixel(x: number, y: number): Rgba {
  if (y < PIECE_TOP || y >= PIECE_TOP + PIECE_SIZE) return [0, 0, 0, 0];
  const border = x < 2 || x >= PIECE_SIZE - 2 || y < PIECE_TOP + 2 || y >= PIECE_TOP + PIECE_SIZE - 2;
  return border ? [255, 255, 255, 255] : [230, 160, 60, 255];
}

// The piece never changes; encode it once.
let pieceBase64: string | undefined;

export class CaptchaStore {
  private puzzles = new Map<string, Puzzle>();
  private grants = new Map<string, CaptchaGrant>();

  constructor(private readonly clock: Clock) {}

  create(ttlSeconds: number): CaptchaResponse {
    const token = randomString(32, '0123456789abcdef');
    const x = 60 + Math.floor(Math.random() * (BACKGROUND_WIDTH - PIECE_SIZE - 70));
    this.puzzles.set(token, { x, expiresAt: this.clock.now() + ttlSeconds * 1000 });
    pieceBase64 ??= encodePng(PIECE_SIZE, BACKGROUND_HEIGHT, piecePixel).toString('base64');
    return {
      captchaId: null,
      projectCode: null,
      captchaOriginalPath: null,
      captchaFontType: null,
      captchaFontSize: null,
      secretKey: randomString(16),
      originalImageBase64: encodePng(BACKGROUND_WIDTH, BACKGROUND_HEIGHT, backgroundPixel(x)).toString('base64'),
      point: null,
      jigsawImageBase64: pieceBase64,
      wordList: null,
      pointList: null,
      pointJson: null,
      token,
      result: false,
      captchaVerification: null,
    };
  }

  /** The answer of a live puzzle (for tests and the control route), without consuming it. */
  peek(token: string): { x: number; y: number } | undefined {
    const p = this.puzzles.get(token);
    return p && p.expiresAt > this.clock.now() ? { x: p.x, y: 5 } : undefined;
  }

  /**
   * One attempt per puzzle. Returns the captcha_token on success, undefined on a miss,
   * an unknown/expired token, or a second attempt.
   */
  verify(token: string, x: number, pointJson: string, sender: string, tolerancePx: number, grantTtlSeconds: number) {
    const puzzle = this.puzzles.get(token);
    this.puzzles.delete(token);
    if (!puzzle || puzzle.expiresAt <= this.clock.now()) return undefined;
    if (Math.abs(x - puzzle.x) > tolerancePx) return undefined;
    const captchaToken = `${token}---${pointJson}`;
    this.grants.set(captchaToken, { sender, expiresAt: this.clock.now() + grantTtlSeconds * 1000 });
    return captchaToken;
  }

  /** Consumes a captcha_token issued for `sender`. False when unknown, expired, used or for someone else. */
  consumeGrant(captchaToken: string, sender: string): boolean {
    const grant = this.grants.get(captchaToken);
    if (!grant) return false;
    this.grants.delete(captchaToken);
    return grant.expiresAt > this.clock.now() && grant.sender === sender;
  }

  clear(): void {
    this.puzzles.clear();
    this.grants.clear();
  }
}
