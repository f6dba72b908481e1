import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Session } from '../../session';
import type { AppState } from '../../store';

interface Props {
  session: Session;
  state: AppState;
  id: number;
  base: string;
}

type Page = ComponentType<Props>;
let loaded: Page | null = null;

/**
 * The proposal page, loaded when first shown: it brings the editor (CodeMirror), which the
 * board does not need.
 */
export function LazyProposalPage(props: Props) {
  const [Page, setPage] = useState<Page | null>(() => loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (Page) return;
    import('./ProposalPage').then(
      (m) => {
        loaded = m.ProposalPage;
        setPage(() => m.ProposalPage);
      },
      () => setFailed(true),
    );
  }, [Page]);
  if (Page) return <Page {...props} />;
  return (
    <section class="panel" aria-busy={!failed}>
      {failed ? (
        <p class="field-error" role="alert">
          {t('proposal.loadFailed')}
        </p>
      ) : (
        <p>{t('app.loading')}</p>
      )}
    </section>
  );
}
