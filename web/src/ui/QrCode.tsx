import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

interface Props {
  url: string;
  /** Drawn size in CSS pixels (the stylesheet scales it to the screen). */
  size: number;
}

/** A QR code of `url` drawn on a canvas (the encoder loads only on pages that show one). */
export function QrCode({ url, size }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let live = true;
    import('qrcode')
      .then((mod) => {
        // A CommonJS package: its functions may sit on the default export.
        const QR = (mod as unknown as { default?: typeof mod }).default ?? mod;
        if (!live || !canvas.current) return;
        const scale = Math.max(1, Math.round(globalThis.devicePixelRatio || 1));
        return QR.toCanvas(canvas.current, url, {
          width: size * scale,
          margin: 2,
          errorCorrectionLevel: 'M',
          color: { dark: '#000000', light: '#ffffff' },
        });
      })
      .catch((err: unknown) => console.warn('roundtable: QR code not drawn', err));
    return () => {
      live = false;
    };
  }, [url, size]);
  return (
    <canvas
      ref={canvas}
      class="qr"
      width={size}
      height={size}
      role="img"
      aria-label={t('screen.qr', { url })}
      data-testid="qr"
    />
  );
}
