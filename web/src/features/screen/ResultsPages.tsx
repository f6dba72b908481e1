import { t, tn } from '../../i18n';
import type { Round } from '../../protocol';
import type { AppState } from '../../store';
import { describeItem, itemKindOf, kindKey } from '../voting/roundItems';
import { ranked, tiedRanks } from '../voting/voting';
import { pageCount, pageOf, resultsShown } from './screenMode';
import { PageIndicator, usePage } from './Pager';

/** Ranked items on one page: two columns of eight. */
export const RESULTS_PER_PAGE = 16;

interface Props {
  state: AppState;
  round: Round | null;
}

/**
 * Every item of a round, ranked, sixteen a page, turning by themselves; only once the round
 * is revealed (or shows live results). The screen names no one.
 */
export function ResultsPages({ state, round }: Props) {
  const visible = round !== null && resultsShown(state, round);
  const list = visible ? ranked(state.results[round.id] ?? []) : [];
  const pages = pageCount(list.length, RESULTS_PER_PAGE);
  const page = usePage(pages, `results-${round?.id ?? 0}`);
  if (!round || !visible) {
    return (
      <section class="screen-body screen-body--center" aria-labelledby="screen-results-heading">
        <h2 id="screen-results-heading" class="screen-message" data-testid="results-waiting">
          {round ? t('screen.resultsLater') : t('screen.noRound')}
        </h2>
        {round ? <p class="screen-message__sub">{round.title}</p> : null}
      </section>
    );
  }
  const shown = pageOf(list, page, RESULTS_PER_PAGE);
  const top = Math.max(1, ...list.map((r) => r.votes));
  const ties = tiedRanks(list);
  const kind = itemKindOf(round);
  return (
    <section class="screen-body" aria-labelledby="screen-results-heading" data-testid={`screen-results-${round.id}`}>
      <div class="screen-body__head">
        <h2 id="screen-results-heading" class="screen-body__title">
          {round.title}
        </h2>
        <p class="screen-count screen-count--big">
          {round.state === 'revealed' ? t('screen.results') : t('screen.liveResults')}
        </p>
        <PageIndicator label="screen.pageItems" page={page} pages={pages} total={list.length} {...shown} />
      </div>
      {list.length === 0 ? (
        <p class="screen-message">{t('results.none')}</p>
      ) : (
        <ol class="screen-results" key={page}>
          {shown.items.map((r) => {
            const text = describeItem(state, kind, r.item).text ?? t(kindKey('vote.unknownIdea', kind));
            return (
              <li key={r.item} class="screen-result" data-testid="screen-result">
                <p class="screen-result__rank">
                  <span class="visually-hidden">{t('results.rank', { rank: r.rank })}</span>
                  <span aria-hidden="true">{r.rank}</span>
                  {ties.has(r.rank) ? <span class="screen-result__tie">{t('results.tie')}</span> : null}
                </p>
                <p class="screen-result__text" data-item={r.item}>
                  {text}
                </p>
                <p class="screen-result__votes">{tn('results.votes', r.votes)}</p>
                <span class="screen-result__bar" aria-hidden="true">
                  <span class="screen-result__fill" style={{ width: `${Math.round((r.votes / top) * 100)}%` }} />
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
