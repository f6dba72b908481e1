import { useState } from 'preact/hooks';
import { t, tn } from '../../i18n';
import type { GroupTally, ResultItem, Round, StakeholderGroup } from '../../protocol';
import { DEFAULT_GROUPS, groupLabel } from '../../protocol';
import { describeItem, itemKindOf, kindKey } from './roundItems';
import type { AppState } from '../../store';
import { ranked, tiedRanks } from './voting';
import { itemDetailText } from './RoundItemLabel';
import './voting.css';

interface Props {
  state: Pick<AppState, 'ideas' | 'clusters' | 'proposals' | 'you'> & Partial<Pick<AppState, 'event'>>;
  round: Round;
  items: readonly ResultItem[];
  /** Heading level 2 (default) or 3 inside a panel. */
  level?: 2 | 3;
  /** The big screen: large type, only the top items, no group detail. */
  large?: boolean;
  /** Shown above the list (e.g. "live results"). */
  note?: string;
  /** Only the first items, with a button that shows the rest (a phone's board). */
  limit?: number;
}

/** The top items on the big screen. */
const SCREEN_TOP = 8;

interface GroupPart {
  code: string;
  label: string;
  /** The group's place in the event's list: its colour. */
  colour: number;
  tally: GroupTally;
}

/** The groups that voted for an item, in the event's order (then any other, e.g. staff). */
function groupsOf(r: ResultItem, groups: readonly StakeholderGroup[]): GroupPart[] {
  const codes = [
    ...groups.map((g) => g.code),
    ...Object.keys(r.byGroup).filter((c) => !groups.some((g) => g.code === c)),
  ];
  const out: GroupPart[] = [];
  codes.forEach((code, i) => {
    const tally = r.byGroup[code];
    if (!tally || (tally.votes <= 0 && tally.voters <= 0)) return;
    out.push({ code, label: groupLabel(groups, code), colour: i % 10, tally });
  });
  return out;
}

/** A round's results: ranked, with bars, voters, the groups' split and the consensus score. */
export function ResultsView({ state, round, items, level = 2, large, note, limit }: Props) {
  const [all, setAll] = useState(false);
  const list = ranked(items);
  const cut = large ? SCREEN_TOP : all ? undefined : limit;
  const shown = cut === undefined ? list : list.slice(0, cut);
  const top = Math.max(1, ...list.map((r) => r.votes));
  const ties = tiedRanks(list);
  const Heading = level === 2 ? 'h2' : 'h3';
  const headingId = `results-${round.id}${large ? '-screen' : ''}`;
  const kind = itemKindOf(round);
  return (
    <section
      class={large ? 'results results--large' : 'results'}
      aria-labelledby={headingId}
      data-testid={`results-${round.id}`}
    >
      <Heading id={headingId} class="results__title">
        {large ? round.title : t('results.heading', { title: round.title })}
      </Heading>
      {note ? <p class="results__note">{note}</p> : null}
      {list.length === 0 || list.every((r) => r.votes === 0) ? <p class="empty">{t('results.none')}</p> : null}
      <ol class="results__list" hidden={shown.length === 0}>
        {shown.map((r) => {
          const item = describeItem(state, kind, r.item);
          const text = item.text ?? t(kindKey('vote.unknownIdea', kind));
          // The big screen names no one: an idea's author and a team stay off it.
          const author = large && kind !== 'clusters' ? null : itemDetailText({ ...item, own: false });
          const groups = groupsOf(r, state.event?.groups ?? DEFAULT_GROUPS);
          const pct = Math.round((r.votes / top) * 100);
          return (
            <li key={r.item} class="result" data-testid="result-item">
              <p class="result__rank">
                <span class="visually-hidden">{t('results.rank', { rank: r.rank })}</span>
                <span aria-hidden="true">{r.rank}</span>
                {ties.has(r.rank) ? <span class="result__tie">{t('results.tie')}</span> : null}
              </p>
              <div class="result__body">
                <p class="result__text">{text}</p>
                {author ? <p class="result__author">{author}</p> : null}
                <div class="result__bar" aria-hidden="true">
                  <span class="result__fill" style={{ width: `${pct}%` }} />
                </div>
                <p class="result__nums">
                  <strong>{tn('results.votes', r.votes)}</strong> {tn('results.voters', r.voters)}
                  {large ? null : (
                    <>
                      {' · '}
                      <span class="result__consensus">{t('results.consensus', { score: r.consensus.toFixed(2) })}</span>
                    </>
                  )}
                </p>
                {!large && groups.length > 0 ? (
                  <div class="result__groups">
                    <div class="result__stack" aria-hidden="true">
                      {groups.map((g) => (
                        <span
                          key={g.code}
                          class={`result__seg result__seg--${g.colour}`}
                          style={{ flexGrow: Math.max(g.tally.votes, 0) }}
                          title={g.label}
                        />
                      ))}
                    </div>
                    <ul class="result__group-list" aria-label={t('results.byGroup')}>
                      {groups.map((g) => (
                        <li key={g.code}>
                          <span class={`result__swatch result__seg--${g.colour}`} aria-hidden="true" />
                          {t('results.groupLine', {
                            group: g.label,
                            votes: tn('results.votes', g.tally.votes),
                            voters: tn('results.people', g.tally.voters),
                          })}
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      {shown.length < list.length && !large ? (
        <button type="button" class="btn btn--ghost results__more" onClick={() => setAll(true)}>
          {tn('results.showAll', list.length)}
        </button>
      ) : null}
      {large ? null : (
        <details class="results__explain">
          <summary>{t('results.consensusWhat')}</summary>
          <p>{t('results.consensusExplained')}</p>
        </details>
      )}
    </section>
  );
}
