import { useState } from 'preact/hooks';
import type { MessageKey } from '../../i18n';
import { t, tn } from '../../i18n';
import type { Round, RoundItemKind, Track, VoteMethod } from '../../protocol';
import { ROUND_ITEM_KINDS, VOTE_METHODS } from '../../protocol';
import { itemKindOf, kindKey, kindPlural } from './roundItems';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { DownloadButton } from '../../ui/DownloadButtons';
import { RoundTurnout } from './RoundTurnout';
import { VotersField } from './VotersField';
import type { VotersChoice } from './eligibility';
import { eligibleOf, effectiveVoters, votersToSend } from './eligibility';
import { ResultsView } from './ResultsView';
import { overLimit, useLimits, useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import './voting.css';

interface Props {
  session: Session;
  state: AppState;
  /** Facilitators open and run rounds; leads only follow them. */
  controls: boolean;
}

function wholeNumber(text: string): number | null {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : null;
}

/** The console's "Voting" panel: open a round, run the rounds (close, reveal, reopen), live results. */
export function RoundsPanel({ session, state, controls }: Props) {
  const event = state.event;
  const { busy, error, run } = useRequests();
  if (!event) return null;
  const rounds = Object.values(state.rounds).sort((a, b) => b.id - a.id);
  const trackName = (id: number | null) =>
    id === null ? t('rounds.allTracks') : (event.tracks.find((tr) => tr.id === id)?.name ?? String(id));

  return (
    <section class="panel rounds" aria-labelledby="rounds-heading">
      <h2 id="rounds-heading">{t('rounds.title')}</h2>
      {controls ? (
        <details class="rounds__new" open={rounds.length === 0}>
          <summary class="rounds__new-summary">{t('rounds.open')}</summary>
          <OpenRoundForm session={session} tracks={event.tracks} busy={busy} run={run} />
        </details>
      ) : null}
      <ErrorLine error={error} />
      <div class="rounds__list-head">
        <h3>{t('rounds.list')}</h3>
        {controls && rounds.length > 0 ? (
          <DownloadButton
            session={session}
            code={event.code}
            file="results.csv"
            label={t('rounds.downloadResults')}
            small
          />
        ) : null}
      </div>
      {rounds.length === 0 ? <p class="empty">{t('rounds.none')}</p> : null}
      <ul class="rounds__list">
        {rounds.map((round) => (
          <RoundItem
            key={round.id}
            state={state}
            round={round}
            controls={controls}
            busy={busy}
            trackName={trackName}
            act={(step) => run(() => session.actions.rounds[step](round.id))}
          />
        ))}
      </ul>
    </section>
  );
}

/** Who may vote in a round, as the round list says it. */
function votersText(round: Round, trackName: (id: number | null) => string): string {
  const eligible = eligibleOf(round);
  if (eligible === 'everyone') return t('rounds.votersOf.everyone');
  if (eligible === 'track') return t('rounds.votersOf.track', { track: trackName(round.track) });
  return t('rounds.votersOf.tracks', { tracks: eligible.map((id) => trackName(id)).join(', ') });
}

/** Results shown per round before "Show all". */
const RESULTS_TOP = 5;

/** What `run` of useRequests takes: a request, and texts for its error codes. */
type Run = <T>(send: () => Promise<T>, texts?: Partial<Record<string, string>>) => Promise<T | undefined>;

/** The facilitator's form that opens a round. */
function OpenRoundForm({ session, tracks, busy, run }: { session: Session; tracks: Track[]; busy: boolean; run: Run }) {
  const [title, setTitle] = useState('');
  const [scope, setScope] = useState('');
  const [kind, setKind] = useState<RoundItemKind>('ideas');
  const [method, setMethod] = useState<VoteMethod>('dots');
  const [budget, setBudget] = useState('5');
  const [perItem, setPerItem] = useState('3');
  const [allowOwn, setAllowOwn] = useState(true);
  const [liveResults, setLiveResults] = useState(false);
  const [randomOrder, setRandomOrder] = useState(true);
  const [voters, setVoters] = useState<VotersChoice | null>(null);
  const [chosen, setChosen] = useState<number[]>([]);
  const [invalid, setInvalid] = useState<string | null>(null);
  const track = scope === '' ? null : Number(scope);
  const chooseVoters = (choice: VotersChoice) => {
    setVoters(choice);
    // Chosen tracks start from the round's own track.
    if (choice === 'tracks' && chosen.length === 0 && track !== null) setChosen([track]);
  };
  const titleMax = useLimits(session)?.roundTitle;

  const submit = async (e: Event) => {
    e.preventDefault();
    const text = title.trim();
    if (text === '' || overLimit(text, titleMax)) {
      setInvalid(t('rounds.titleRequired'));
      document.getElementById('round-title')?.focus();
      return;
    }
    const b = method === 'approval' ? 1 : wholeNumber(budget);
    const m = method === 'dots' ? wholeNumber(perItem) : 3;
    if (b === null || m === null || (method === 'dots' && m > b)) {
      setInvalid(t('rounds.badNumber'));
      return;
    }
    if (effectiveVoters(voters, track, kind) === 'tracks' && chosen.length === 0) {
      setInvalid(t('rounds.votersNone'));
      return;
    }
    setInvalid(null);
    const result = await run(() =>
      session.actions.rounds.open({
        title: text,
        track,
        items: kind,
        eligible: votersToSend(voters, chosen, track, kind),
        method,
        budget: b,
        maxPerItem: m,
        allowOwn,
        liveResults,
        randomOrder,
      }),
    );
    if (result) setTitle('');
  };

  return (
    <form class="form rounds__form" onSubmit={submit} noValidate aria-labelledby="rounds-open-heading">
      <h3 id="rounds-open-heading" class="visually-hidden">
        {t('rounds.open')}
      </h3>
      <div class="field">
        <label for="round-title">{t('rounds.roundTitle')}</label>
        <input
          id="round-title"
          class="input"
          maxLength={titleMax}
          value={title}
          aria-invalid={invalid !== null}
          aria-describedby={invalid ? 'round-form-error' : undefined}
          onInput={(e) => setTitle(e.currentTarget.value)}
        />
      </div>
      <div class="field">
        <label for="round-items">{t('rounds.itemKind')}</label>
        <select
          id="round-items"
          class="input"
          value={kind}
          aria-describedby="round-items-hint"
          onChange={(e) => setKind(e.currentTarget.value as RoundItemKind)}
        >
          {ROUND_ITEM_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`rounds.itemKind.${k}` as MessageKey)}
            </option>
          ))}
        </select>
        <p id="round-items-hint" class="hint">
          {t(`rounds.itemKindHint.${kind}` as MessageKey)}
        </p>
      </div>
      <div class="form--inline rounds__row">
        <div class="field">
          <label for="round-scope">{t(kindKey('rounds.scope', kind))}</label>
          <select id="round-scope" class="input" value={scope} onChange={(e) => setScope(e.currentTarget.value)}>
            <option value="">{t('rounds.allTracks')}</option>
            {tracks.map((tr) => (
              <option key={tr.id} value={String(tr.id)}>
                {tr.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="round-method">{t('rounds.method')}</label>
          <select
            id="round-method"
            class="input"
            value={method}
            onChange={(e) => setMethod(e.currentTarget.value as VoteMethod)}
          >
            {VOTE_METHODS.map((m) => (
              <option key={m} value={m}>
                {t(`rounds.method.${m}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <VotersField
        tracks={tracks}
        track={track}
        kind={kind}
        choice={voters}
        chosen={chosen}
        onChoice={chooseVoters}
        onChosen={setChosen}
      />
      {method !== 'approval' ? (
        <div class="form--inline rounds__row">
          <div class="field">
            <label for="round-budget">{t('rounds.budget')}</label>
            <input
              id="round-budget"
              class="input"
              type="number"
              min={1}
              max={100}
              value={budget}
              onInput={(e) => setBudget(e.currentTarget.value)}
            />
          </div>
          {method === 'dots' ? (
            <div class="field">
              <label for="round-per-item">{t(kindKey('rounds.maxPerItem', kind))}</label>
              <input
                id="round-per-item"
                class="input"
                type="number"
                min={1}
                max={100}
                value={perItem}
                onInput={(e) => setPerItem(e.currentTarget.value)}
              />
            </div>
          ) : null}
        </div>
      ) : null}
      <label class="check">
        <input type="checkbox" checked={allowOwn} onChange={(e) => setAllowOwn(e.currentTarget.checked)} />
        {t(kindKey('rounds.allowOwn', kind))}
      </label>
      <label class="check">
        <input type="checkbox" checked={liveResults} onChange={(e) => setLiveResults(e.currentTarget.checked)} />
        {t('rounds.liveResults')}
      </label>
      <label class="check">
        <input type="checkbox" checked={randomOrder} onChange={(e) => setRandomOrder(e.currentTarget.checked)} />
        {t(kindKey('rounds.randomOrder', kind))}
      </label>
      {invalid ? (
        <p id="round-form-error" class="field-error">
          {invalid}
        </p>
      ) : null}
      <button type="submit" class="btn btn--primary" disabled={busy}>
        {busy ? t('rounds.opening') : t('rounds.submit')}
      </button>
    </form>
  );
}

/** One round of the list: its title, state and rules, the facilitator's steps, its results. */
function RoundItem({
  state,
  round,
  controls,
  busy,
  trackName,
  act,
}: {
  state: AppState;
  round: Round;
  controls: boolean;
  busy: boolean;
  trackName: (id: number | null) => string;
  act: (step: 'close' | 'reveal' | 'reopen') => void;
}) {
  const results = state.results[round.id];
  return (
    <li class="rounds__item" data-testid={`round-${round.id}`}>
      <div class="rounds__head">
        <div>
          <p class="rounds__title">
            {round.title}{' '}
            <span class={`badge badge--round-${round.state}`}>{t(`rounds.state.${round.state}` as MessageKey)}</span>
            {itemKindOf(round) === 'proposals' ? (
              <>
                {' '}
                <span class="badge badge--final">{t('rounds.final')}</span>
              </>
            ) : null}
          </p>
          <p class="muted rounds__meta">
            {t('rounds.meta', {
              scope: trackName(round.track),
              method: t(`rounds.methodName.${round.method}` as MessageKey),
              items: tn(kindPlural('rounds.items', itemKindOf(round)), round.items.length),
            })}
          </p>
          <p class="muted rounds__meta" data-testid="round-voters-of">
            {votersText(round, trackName)}
          </p>
          {round.allowOwn ? null : <p class="muted rounds__meta">{t(kindKey('vote.ownRule', itemKindOf(round)))}</p>}
        </div>
        {controls ? (
          <div class="rounds__actions">
            {round.state === 'open' ? (
              <button
                type="button"
                class="btn btn--small"
                disabled={busy}
                aria-label={t('rounds.closeLabel', { title: round.title })}
                onClick={() => act('close')}
              >
                {t('rounds.close')}
              </button>
            ) : null}
            {round.state === 'closed' ? (
              <button
                type="button"
                class="btn btn--small btn--primary"
                disabled={busy}
                aria-label={t('rounds.revealLabel', { title: round.title })}
                onClick={() => act('reveal')}
              >
                {t('rounds.reveal')}
              </button>
            ) : null}
            {round.state !== 'open' ? (
              <button
                type="button"
                class="btn btn--small btn--ghost"
                disabled={busy}
                aria-label={t('rounds.reopenLabel', { title: round.title })}
                onClick={() => act('reopen')}
              >
                {t('rounds.reopen')}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
      <div class="rounds__body">
        <RoundTurnout state={state} round={round} />
        {results ? (
          <ResultsView
            state={state}
            round={round}
            items={results}
            level={3}
            limit={RESULTS_TOP}
            note={
              round.state === 'open'
                ? t(round.liveResults ? 'results.live' : 'results.liveStaffOnly')
                : round.state === 'closed' && !round.liveResults
                  ? t('results.hiddenNote')
                  : undefined
            }
          />
        ) : null}
      </div>
    </li>
  );
}
