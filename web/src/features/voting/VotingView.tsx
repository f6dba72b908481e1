import { useEffect, useState } from 'preact/hooks';
import { CommandError } from '../../connection';
import { errorText, t, tn } from '../../i18n';
import type { Round } from '../../protocol';
import { describeItem, forbiddenAsOwn, itemKindOf, kindKey, kindPlural } from './roundItems';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { ItemDetail } from './RoundItemLabel';
import type { BallotMap } from './voting';
import { cost, itemOrder, maxPerItem, remaining, spent, whyNotMore, withVotes } from './voting';

interface Props {
  session: Session;
  state: AppState;
  round: Round;
}

const NO_VOTES: BallotMap = {};

/** A vote sent but not yet confirmed by the change stream. */
interface Unconfirmed {
  votes: number;
  /** Counts the requests about this item, so only the latest one settles it. */
  n: number;
  acked: boolean;
}

/** The text shown when the server refuses a vote. */
function refusal(code: string, round: Round): string {
  switch (code) {
    case 'over_budget':
      return t('vote.refused.over_budget');
    case 'round_closed':
      return t('vote.refused.round_closed');
    case 'own_idea':
      return t(kindKey('vote.refused.own_idea', itemKindOf(round)));
    case 'bad_value':
      return t(kindKey('vote.refused.bad_value', itemKindOf(round)), { max: tn('vote.yours', maxPerItem(round)) });
    default:
      return errorText(code);
  }
}

function Dots({ votes, max, label }: { votes: number; max: number; label: string }) {
  const total = Math.max(votes, max);
  return (
    <span class="vote-dots" role="img" aria-label={label}>
      {Array.from({ length: total }, (_, i) => (
        <span key={i} class={i < votes ? 'vote-dot vote-dot--on' : 'vote-dot'} aria-hidden="true">
          {i < votes ? t('vote.dotOn') : t('vote.dotOff')}
        </span>
      ))}
    </span>
  );
}

/** A participant's ballot for one open round: the items (ideas, clusters or proposals), +/− per item and what is left. */
export function VotingView({ session, state, round }: Props) {
  const you = state.you;
  const server: BallotMap = state.ballots[round.id] ?? NO_VOTES;
  const [unconfirmed, setUnconfirmed] = useState<Record<number, Unconfirmed>>({});
  const [counter, setCounter] = useState(0);
  const [message, setMessage] = useState<string | null>(null);

  // The server's word wins: a confirmed vote gives way to what the change stream says.
  useEffect(() => {
    setUnconfirmed((u) => {
      let changed = false;
      const next: Record<number, Unconfirmed> = {};
      for (const [key, entry] of Object.entries(u)) {
        const item = Number(key);
        if (entry.acked || (server[item] ?? 0) === entry.votes) changed = true;
        else next[item] = entry;
      }
      return changed ? next : u;
    });
  }, [server]);

  let ballot: BallotMap = { ...server };
  for (const [key, entry] of Object.entries(unconfirmed)) ballot = withVotes(ballot, Number(key), entry.votes);

  const settle = (item: number, n: number, ok: boolean) =>
    setUnconfirmed((u) => {
      const entry = u[item];
      if (!entry || entry.n !== n) return u;
      const next = { ...u };
      if (ok && (state.ballots[round.id]?.[item] ?? 0) !== entry.votes) next[item] = { ...entry, acked: true };
      else delete next[item];
      return next;
    });

  const setVotes = (item: number, votes: number) => {
    const n = counter + 1;
    setCounter(n);
    setMessage(null);
    setUnconfirmed((u) => ({ ...u, [item]: { votes, n, acked: false } }));
    session.actions.rounds.vote(round.id, item, votes).then(
      () => settle(item, n, true),
      (err: unknown) => {
        settle(item, n, false);
        setMessage(refusal(err instanceof CommandError ? err.code : 'unknown', round));
      },
    );
  };

  const order = itemOrder(round, you?.id ?? null);
  const method = round.method;
  const left = remaining(round, ballot);
  const cap = maxPerItem(round);
  const budgetGone = method !== 'approval' && whyNotMoreAnywhere(round, ballot, order);
  const headingId = `vote-${round.id}`;
  const kind = itemKindOf(round);

  return (
    <section class="panel vote" aria-labelledby={headingId} data-testid="voting">
      <h2 id={headingId}>{t('vote.heading', { title: round.title })}</h2>
      <p class="muted">
        {method === 'approval'
          ? t(kindKey('vote.howTo.approval', kind))
          : t(kindKey(method === 'quadratic' ? 'vote.howTo.quadratic' : 'vote.howTo.dots', kind), {
              budget: round.budget,
              max: cap,
            })}
      </p>
      {round.allowOwn ? null : (
        <p class="muted vote__rule" data-testid="own-rule">
          {t(kindKey('vote.ownRule', kind))}
        </p>
      )}
      {order.length === 0 ? <p class="empty">{t(kindKey('vote.noItems', kind))}</p> : null}
      <ul class="vote__list">
        {order.map((item) => (
          <VoteItem key={item} state={state} round={round} ballot={ballot} item={item} setVotes={setVotes} />
        ))}
      </ul>
      <div class="vote__budget" data-testid="vote-budget">
        <p class="vote__left" role="status">
          {method === 'approval'
            ? tn(kindPlural('vote.approved', kind), spent(round, ballot))
            : tn(method === 'quadratic' ? 'vote.left.quadratic' : 'vote.left.dots', left, { budget: round.budget })}
        </p>
        {budgetGone ? (
          <p class="vote__hint">
            {method === 'quadratic' ? t('vote.budgetSpent.quadratic') : t(kindKey('vote.budgetSpent', kind))}
          </p>
        ) : null}
        {message ? (
          <p class="field-error vote__error" role="alert">
            {message}
          </p>
        ) : null}
      </div>
    </section>
  );
}

/** One item of the ballot: its text, and the buttons that set one's votes on it. */
function VoteItem({
  state,
  round,
  ballot,
  item,
  setVotes,
}: {
  state: AppState;
  round: Round;
  ballot: BallotMap;
  item: number;
  setVotes: (item: number, votes: number) => void;
}) {
  const kind = itemKindOf(round);
  const method = round.method;
  const cap = maxPerItem(round);
  const described = describeItem(state, kind, item);
  const text = described.text ?? t(kindKey('vote.unknownIdea', kind));
  const own = forbiddenAsOwn(round, described);
  const votes = ballot[item] ?? 0;
  const block = whyNotMore(round, ballot, item);
  return (
    <li class="vote-item" data-testid="vote-item">
      <p class="vote-item__text">{text}</p>
      <ItemDetail item={described} class="vote-item__author" />
      {own ? (
        <p class="vote-item__note">{t(kindKey('vote.ownIdea', kind))}</p>
      ) : method === 'approval' ? (
        <button
          type="button"
          class={votes > 0 ? 'btn btn--primary vote-yes' : 'btn vote-yes'}
          aria-pressed={votes > 0}
          aria-label={t('vote.yesLabel', { text })}
          onClick={() => setVotes(item, votes > 0 ? 0 : 1)}
        >
          {t('vote.yes')}
        </button>
      ) : (
        <div class="vote-item__controls">
          <button
            type="button"
            class="btn vote-step"
            aria-label={t('vote.lessLabel', { text })}
            title={t('vote.less')}
            disabled={votes === 0}
            onClick={() => setVotes(item, votes - 1)}
          >
            {t('vote.minusSign')}
          </button>
          <Dots votes={votes} max={method === 'dots' ? cap : votes} label={tn('vote.yours', votes)} />
          <button
            type="button"
            class="btn vote-step"
            aria-label={t('vote.moreLabel', { text })}
            title={t('vote.more')}
            disabled={block !== null}
            onClick={() => setVotes(item, votes + 1)}
          >
            {t('vote.plusSign')}
          </button>
          {method === 'quadratic' ? (
            <span class="vote-item__cost">{t('vote.cost', { cost: cost(method, votes) })}</span>
          ) : null}
          {block === 'cap' && votes > 0 ? (
            <span class="vote-item__note">{t(kindKey('vote.capReached', kind))}</span>
          ) : null}
        </div>
      )}
    </li>
  );
}

/** Whether the budget (not the per-item cap) stops another vote on every item that has room. */
function whyNotMoreAnywhere(round: Round, ballot: BallotMap, items: readonly number[]): boolean {
  let anyBudget = false;
  for (const item of items) {
    const why = whyNotMore(round, ballot, item);
    if (why === null) return false;
    if (why === 'budget') anyBudget = true;
  }
  return anyBudget;
}
