import { t } from '../../i18n';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { roundsFor, showsResults } from './voting';
import { ResultsView } from './ResultsView';
import { VotingView } from './VotingView';
import './voting.css';

interface Props {
  session: Session;
  state: AppState;
}

/**
 * A participant's rounds, newest first: the ballot of an open round (with its results when
 * the round shows them live), "Voting has closed" for a closed one, the results once revealed.
 */
export function VotingSection({ session, state }: Props) {
  const rounds = roundsFor(state);
  if (rounds.length === 0) return null;
  return (
    <div class="voting" role="region" aria-label={t('vote.region')}>
      {rounds.map((round) => {
        const results = state.results[round.id];
        if (round.state === 'open') {
          return (
            <div key={round.id}>
              <VotingView key={round.id} session={session} state={state} round={round} />
              {results && showsResults(state, round) ? (
                <div class="panel">
                  <ResultsView state={state} round={round} items={results} note={t('results.live')} />
                </div>
              ) : null}
            </div>
          );
        }
        if (round.state === 'revealed' && results) {
          return (
            <div key={round.id} class="panel">
              <ResultsView state={state} round={round} items={results} />
            </div>
          );
        }
        return (
          <section key={round.id} class="panel vote vote--closed" aria-labelledby={`vote-closed-${round.id}`}>
            <h2 id={`vote-closed-${round.id}`}>{t('vote.closedTitle', { title: round.title })}</h2>
            <p data-testid="voting-closed">{t('vote.closed')}</p>
          </section>
        );
      })}
    </div>
  );
}
