import { formatNumber, t, tn } from '../../i18n';
import type { Round } from '../../protocol';
import type { AppState } from '../../store';
import { percent, waitingMembers } from './turnout';
import './voting.css';

interface Props {
  state: AppState;
  round: Round;
}

/**
 * Who has voted in a round (never what): "38 of 60 have voted", a bar per track, and the
 * names of those who have not voted yet, folded. Nothing until the server reports it.
 */
export function RoundTurnout({ state, round }: Props) {
  const turnout = state.turnout[round.id];
  const event = state.event;
  if (!turnout || !event) return null;
  const tracks = event.tracks.filter((tr) => turnout.byTrack[String(tr.id)] !== undefined);
  const waiting = waitingMembers(state, turnout);
  const trackName = (id: number | null) => event.tracks.find((tr) => tr.id === id)?.name ?? '';
  const labelId = `turnout-${round.id}`;
  return (
    <section
      class="turnout"
      aria-label={t('turnout.ofRound', { title: round.title })}
      data-testid={`turnout-${round.id}`}
    >
      <div class="turnout__head">
        <h3 id={labelId} class="turnout__title">
          {t('turnout.title')}
        </h3>
        <p class="turnout__total" data-testid={`turnout-total-${round.id}`}>
          {t('turnout.total', { voted: formatNumber(turnout.voted), eligible: formatNumber(turnout.eligible) })}
          <span class="turnout__pct"> · {t('turnout.percent', { pct: percent(turnout.voted, turnout.eligible) })}</span>
        </p>
      </div>
      <Bar voted={turnout.voted} eligible={turnout.eligible} label={t('turnout.title')} />
      {tracks.length > 1 ? (
        <ul class="turnout__tracks">
          {tracks.map((tr) => {
            const part = turnout.byTrack[String(tr.id)];
            return (
              <li key={tr.id} class="turnout__track" data-testid={`turnout-track-${round.id}-${tr.id}`}>
                <span class="turnout__track-name" data-clip="content" title={tr.name}>
                  {tr.name}
                </span>
                <Bar voted={part.voted} eligible={part.eligible} label={tr.name} />
                <span class="turnout__track-count">
                  {t('turnout.fraction', { voted: formatNumber(part.voted), eligible: formatNumber(part.eligible) })}
                </span>
              </li>
            );
          })}
        </ul>
      ) : null}
      {turnout.waiting !== undefined ? (
        <details class="turnout__waiting">
          <summary data-testid={`turnout-waiting-${round.id}`}>{tn('turnout.waiting', waiting.length)}</summary>
          {waiting.length === 0 ? (
            <p class="muted">{t('turnout.everyone')}</p>
          ) : (
            <ul class="turnout__names">
              {waiting.map((m) => (
                <li key={m.id}>
                  <span class="turnout__name">{m.name}</span>
                  {m.track !== null ? <span class="muted"> · {trackName(m.track)}</span> : null}
                </li>
              ))}
            </ul>
          )}
        </details>
      ) : null}
    </section>
  );
}

/** A turnout bar; the numbers are said beside it, so the bar itself is decoration. */
function Bar({ voted, eligible, label }: { voted: number; eligible: number; label: string }) {
  return (
    <span class="turnout__bar" aria-hidden="true" title={label}>
      <span class="turnout__fill" style={{ width: `${percent(voted, eligible)}%` }} />
    </span>
  );
}
