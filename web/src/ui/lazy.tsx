/**
 * Views loaded when first shown. The join page carries only what joining and posting need;
 * voting, drafting, the report, the console and the admin page come as separate chunks
 * (each with its own CSS) the first time they are rendered. The service worker precaches
 * them, so they open offline too once the app has been loaded online.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { MessageKey } from '../i18n';
import { t } from '../i18n';

interface Options {
  /** The message shown when the chunk cannot be fetched (offline the first time). */
  failed?: MessageKey;
  /** `inline`: a line inside a page (a board section); `panel` (default): a whole page's body. */
  look?: 'panel' | 'inline';
}

/**
 * A component that renders `load()`'s component once the chunk is there: "Loading…" until
 * then, and on failure a message with a "Try again" button that fetches the chunk again.
 * The loaded component is kept, so later renders are immediate.
 */
export function lazyView<P extends object>(
  load: () => Promise<ComponentType<P>>,
  options: Options = {},
): ComponentType<P> {
  let loaded: ComponentType<P> | null = null;
  const { failed: failedKey = 'app.loadFailed', look = 'panel' } = options;

  function LazyView(props: P) {
    const [View, setView] = useState<ComponentType<P> | null>(() => loaded);
    const [failed, setFailed] = useState(false);
    const [attempt, setAttempt] = useState(0);
    useEffect(() => {
      if (View) return;
      let live = true;
      load().then(
        (view) => {
          loaded = view;
          if (live) setView(() => view);
        },
        () => {
          if (live) setFailed(true);
        },
      );
      return () => {
        live = false;
      };
    }, [View, attempt]);
    if (View) return <View {...props} />;
    const Tag = look === 'panel' ? 'section' : 'div';
    return (
      <Tag class={look === 'panel' ? 'panel lazy-view' : 'lazy-view lazy-view--inline'} aria-busy={!failed}>
        {failed ? (
          <>
            <p class="field-error" role="alert" data-testid="load-failed">
              {t(failedKey)}
            </p>
            <button
              type="button"
              class="btn btn--small"
              onClick={() => {
                setFailed(false);
                setAttempt((n) => n + 1);
              }}
            >
              {t('app.retryLoad')}
            </button>
          </>
        ) : (
          <p class="muted">{t('app.loading')}</p>
        )}
      </Tag>
    );
  }
  return LazyView;
}
