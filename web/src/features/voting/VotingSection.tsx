import { t } from '../../i18n';
import type { Round } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { roundsFor, showsResults } from './voting';
import { mayVote } from './eligibility';
import { ResultsView } from './ResultsView';
import { VotingView } from './VotingView';
import './voting.css';

interface Props {
  session: Session;
  state: AppState;
  /** Only the open rounds (the ballots), or only the others (closed, revealed); both without. */
  part?: 'open' | 'past';
  /** Older revealed rounds show only their heading and "Show all" (the newest its top few). */
  foldOlder?: boolean;
}

/** How many results a folded-out round shows before "Show all" (a phone's board stays short). */
const RESULTS_SHOWN = 5;

/**
 * A participant's rounds, newest first: the ballot of an open round they may vote in (with its
 * results when the round shows them live), "Voting has closed" for a closed one, the results
 * once revealed (the top few, then "Show all"; with `foldOlder`, older rounds only the
 * button), also of the rounds of other tracks, marked as such.
 */
export function VotingSection({ session, state, part, foldOlder = false }: Props) {
  const rounds = roundsFor(state).filter((r) => part === undefined || (part === 'open') === (r.state === 'open'));
  if (rounds.length === 0) return null;
  const newestRevealed = rounds.find((r) => r.state === 'revealed' && state.results[r.id])?.id;
  return (
    <div class="voting" role="region" aria-label={part === 'past' ? t('vote.pastRegion') : t('vote.region')}>
      {rounds.map((round) => (
        <RoundEntry
          key={round.id}
          session={session}
          state={state}
          round={round}
          unfolded={!foldOlder || round.id === newestRevealed}
        />
      ))}
    </div>
  );
}

function RoundEntry({
  session,
  state,
  round,
  unfolded,
}: {
  session: Session;
  state: AppState;
  round: Round;
  unfolded: boolean;
}) {
  const results = state.results[round.id];
  if (round.state === 'open') {
    return (
      <div>
        <VotingView session={session} state={state} round={round} />
        {results && showsResults(state, round) ? (
          <div class="panel">
            <ResultsView state={state} round={round} items={results} note={t('results.live')} limit={RESULTS_SHOWN} />
          </div>
        ) : null}
      </div>
    );
  }
  if (round.state === 'revealed' && results) {
    // Another track's round shows once revealed, to read: the participant had no vote in it.
    return (
      <div class="panel">
        <ResultsView
          state={state}
          round={round}
          items={results}
          limit={unfolded ? RESULTS_SHOWN : 0}
          note={mayVote(round, state.you) ? undefined : t('results.notYours')}
        />
      </div>
    );
  }
  return (
    <section class="panel vote vote--closed" aria-labelledby={`vote-closed-${round.id}`}>
      <h2 id={`vote-closed-${round.id}`}>{t('vote.closedTitle', { title: round.title })}</h2>
      <p data-testid="voting-closed">{t('vote.closed')}</p>
    </section>
  );
}
