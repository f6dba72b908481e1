import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { CopyField } from '../../ui/CopyField';
import { QrCode } from '../../ui/QrCode';

/** A link's QR code and address, in a modal dialog (Escape or Close shuts it). */
export function LinkQrDialog({ name, url, onClose }: { name: string; url: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    if (ref.current && !ref.current.open) ref.current.showModal();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class="confirm-dialog link-qr"
      aria-labelledby="link-qr-title"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id="link-qr-title" class="confirm-dialog__title">
        {t('slinks.qrTitle', { name })}
      </h2>
      <p class="muted">{t('slinks.qrNote')}</p>
      <div class="link-qr__code">
        <QrCode url={url} size={240} />
      </div>
      <CopyField label={t('slinks.address')} value={url} />
      <div class="confirm-dialog__actions">
        <button type="button" class="btn btn--primary" onClick={onClose}>
          {t('slinks.close')}
        </button>
      </div>
    </dialog>
  );
}
