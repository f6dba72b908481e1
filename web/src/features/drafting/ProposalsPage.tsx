import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import type { AppState } from '../../store';
import { FrozenBanner } from './FrozenBanner';
import { Link } from '../../ui/Link';
import { ProposalList } from './ProposalList';
import './drafting.css';

interface Props {
  state: AppState;
  base: string;
}

/** Every proposal of the event, by track. */
export function ProposalsPage({ state, base }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  if (!state.event) {
    return (
      <section class="panel" aria-busy="true">
        <p>{t('app.loading')}</p>
      </section>
    );
  }
  return (
    <div class="proposals-page">
      <nav class="crumbs" aria-label={t('proposals.crumbs')}>
        <Link href={base}>{t('proposals.backToBoard')}</Link>
      </nav>
      <FrozenBanner frozen={state.frozen} />
      <section class="panel" aria-labelledby="proposals-heading">
        <h1 id="proposals-heading" ref={heading} tabIndex={-1}>
          {t('proposals.title')}
        </h1>
        <ProposalList state={state} base={base} level={2} />
      </section>
    </div>
  );
}
