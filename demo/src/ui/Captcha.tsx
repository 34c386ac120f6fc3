/**
 * The slider captcha (AJ-Captcha style): drag the piece until it fills the hole. `onSlide` gets the
 * puzzle token and the x offset; if it rejects, a new puzzle is loaded (one attempt per puzzle).
 * Works with touch (mini programs, phones) and the mouse (desktop browsers).
 */
import { Image, Text, View } from '@tarojs/components';
import { getCaptcha } from 'idaas-miniprogram/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { t } from '../i18n';
import { errorText, idaas, isH5 } from '../idaas';

const WIDTH = 310;
const HEIGHT = 155;
const PIECE = 47;
const MAX_X = WIDTH - PIECE;

/** The x of the first touch of a touch event (mini programs and touch screens). */
function pageX(e: unknown): number {
  const touches = (e as { touches?: { pageX: number }[] }).touches;
  return touches?.[0] ? touches[0].pageX : 0;
}

interface Props {
  /** Verifies the slide (and usually sends a code); reject to get a new puzzle. */
  onSlide(solved: { token: string; x: number }): Promise<void>;
  /** Shown above the puzzle. */
  title?: string;
}

export function Captcha({ onSlide, title }: Props) {
  const [puzzle, setPuzzle] = useState<{ token: string; background: string; piece: string } | null>(null);
  const [x, setX] = useState(0);
  const [status, setStatus] = useState<'loading' | 'ready' | 'checking' | 'done'>('loading');
  const [message, setMessage] = useState('');
  const drag = useRef<{ startX: number; startPointer: number } | null>(null);
  const current = useRef(0);

  const load = useCallback(async () => {
    setStatus('loading');
    setX(0);
    current.current = 0;
    try {
      const p = await getCaptcha(idaas);
      setPuzzle({
        token: p.token,
        background: `data:image/png;base64,${p.originalImageBase64}`,
        piece: `data:image/png;base64,${p.jigsawImageBase64}`,
      });
      setStatus('ready');
    } catch (e) {
      setMessage(errorText(e));
      setStatus('ready');
    }
  }, []);

  useEffect(() => {
    load();
  }, [load]);

  const move = (pointer: number) => {
    if (!drag.current) return;
    const next = Math.max(0, Math.min(MAX_X, drag.current.startX + pointer - drag.current.startPointer));
    current.current = next;
    setX(next);
  };

  const release = async () => {
    if (!drag.current || !puzzle) return;
    drag.current = null;
    setStatus('checking');
    setMessage('');
    try {
      await onSlide({ token: puzzle.token, x: Math.round(current.current) });
      setStatus('done');
    } catch (e) {
      setMessage(errorText(e));
      await load();
    }
  };

  const start = (pointer: number) => {
    if (status !== 'ready' || !puzzle) return;
    drag.current = { startX: current.current, startPointer: pointer };
  };

  // Desktop browsers: follow the mouse anywhere on the page once the knob is pressed.
  const onMouseDown = (e: { clientX: number; preventDefault(): void }) => {
    if (!isH5) return;
    e.preventDefault();
    start(e.clientX);
    const onMove = (ev: MouseEvent) => move(ev.clientX);
    const onUp = () => {
      window.removeEventListener('mousemove', onMove);
      window.removeEventListener('mouseup', onUp);
      release();
    };
    window.addEventListener('mousemove', onMove);
    window.addEventListener('mouseup', onUp);
  };

  if (status === 'done') return null;
  return (
    <View className="captcha" id="captcha">
      <Text className="hint">{title || t.slideToGetCode}</Text>
      <View className="captcha-board" style={{ width: `${WIDTH}px`, height: `${HEIGHT}px` }}>
        {puzzle && (
          <Image src={puzzle.background} style={{ width: `${WIDTH}px`, height: `${HEIGHT}px`, display: 'block' }} />
        )}
        {puzzle && (
          <Image
            src={puzzle.piece}
            style={{ position: 'absolute', top: '0', left: `${x}px`, width: `${PIECE}px`, height: `${HEIGHT}px` }}
          />
        )}
      </View>
      <View className="captcha-track" style={{ width: `${WIDTH}px` }}>
        <View
          id="captcha-knob"
          className="captcha-knob"
          style={{ left: `${x}px`, width: `${PIECE}px` }}
          onTouchStart={(e) => start(pageX(e))}
          onTouchMove={(e) => move(pageX(e))}
          onTouchEnd={() => release()}
          {...({ onMouseDown } as object)}
        >
          ⇆
        </View>
        <Text className="captcha-label">
          {status === 'loading' ? t.loading : status === 'checking' ? t.checking : t.drag}
        </Text>
      </View>
      {message && <View className="error">{message}</View>}
      <Text className="link" onClick={() => load()}>
        {t.newPuzzle}
      </Text>
    </View>
  );
}
