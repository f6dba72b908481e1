import { t } from '../../i18n';

interface Props {
  frozen: boolean;
  /** The viewer could edit if proposals were not frozen. */
  canEdit?: boolean;
}

/** "Proposals are frozen": shown on proposal pages to everyone while the facilitator has frozen them. */
export function FrozenBanner({ frozen, canEdit }: Props) {
  return (
    <div role="status" aria-live="polite" class="frozen-wrap">
      {frozen ? (
        <p class="frozen-banner" data-testid="frozen-banner">
          <span class="frozen-banner__icon" aria-hidden="true">
            ❄
          </span>
          {canEdit ? t('frozen.bannerEditor') : t('frozen.banner')}
        </p>
      ) : null}
    </div>
  );
}
