import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import { t } from '../i18n';
import type { AppState } from '../store';
import { ConnectionStatus } from './ConnectionStatus';
import { LanguagePicker } from './LanguagePicker';
import { Notices } from './Notices';

interface Props {
  /** The event title or page name shown beside the brand. */
  heading?: string;
  state?: AppState;
  onRetry?: () => void;
  onDismiss?: (id: string) => void;
  wide?: boolean;
  /** The whole window, without the top bar (the big screen draws its own). */
  full?: boolean;
  children: ComponentChildren;
}

/** The frame of every page: skip link, header with connection status, notices, main. */
export function Shell({ heading, state, onRetry, onDismiss, wide, full, children }: Props) {
  const size = full ? ' main--full' : wide ? ' main--wide' : '';
  useEffect(() => {
    document.title = heading ? `${heading} · ${t('app.name')}` : t('app.name');
  }, [heading]);
  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        {t('app.skip')}
      </a>
      {full ? null : (
        <header class="topbar">
          <div class={wide ? 'topbar__inner topbar__inner--wide' : 'topbar__inner'}>
            <a class="brand" href="/">
              {t('app.name')}
            </a>
            {heading ? (
              <span class="topbar__heading" data-clip="content" title={heading}>
                {heading}
              </span>
            ) : null}
            {/* The status and the language move to a second row together when the bar is full. */}
            <div class="topbar__tools">
              {state ? (
                <ConnectionStatus status={state.status} unsaved={state.pending.length} onRetry={onRetry} />
              ) : null}
              <LanguagePicker variant="compact" />
            </div>
          </div>
        </header>
      )}
      <main id="main" tabIndex={-1} class={`main${size}`}>
        {state && onDismiss ? <Notices notices={state.notices} onDismiss={onDismiss} /> : null}
        {children}
      </main>
    </div>
  );
}
