import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { effectivePhase, mayEdit, mayPost } from '../../agenda';
import type { MessageKey } from '../../i18n';
import { t, tn } from '../../i18n';
import type { Agenda } from '../../protocol';
import { MY_DATA_FILE } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { ideasOfTrack } from '../../ideaViews';
import { AnnouncementBanner } from '../../ui/AnnouncementBanner';
import { Composer } from './Composer';
import { PhaseBar } from '../../ui/PhaseBar';
import { TrackIdeas } from './TrackIdeas';
import { TrackTabs } from './TrackTabs';
import type { BoardPart } from './boardOrder';
import { boardOrder } from './boardOrder';
import { DownloadButton } from '../../ui/DownloadButtons';
import { lazyView } from '../../ui/lazy';
import { isDraftingPhase } from '../drafting/drafting';
import { isPublished } from '../report/report';
import { roundsFor } from '../voting/voting';
import './board.css';

// Voting, the report, the proposals and the profile form come as chunks of their own, loaded
// when the board first shows them: joining and posting an idea do not wait for them.
const VotingSection = lazyView(() => import('../voting/VotingSection').then((m) => m.VotingSection), {
  look: 'inline',
});
const ReportView = lazyView(() => import('../report/ReportView').then((m) => m.ReportView), { look: 'inline' });
const ProposalsSection = lazyView(() => import('../drafting/ProposalsSection').then((m) => m.ProposalsSection), {
  look: 'inline',
});
const ProfileForm = lazyView(() => import('../people/ProfileForm').then((m) => m.ProfileForm));

interface Props {
  session: Session;
  state: AppState;
  /** This page's path (`/join/CODE`), for links to the proposals. */
  base: string;
}

/** Why the composer is not shown in the phase the track is in. */
function noPostingKey(agenda: Agenda | null, track: number): MessageKey {
  const kind = effectivePhase(agenda, track)?.kind;
  if (kind === 'welcome') return 'board.noPosting.welcome';
  if (kind === 'closed') return 'board.noPosting.closed';
  return 'board.noPosting';
}

/**
 * The participant's board: what matters in the phase first (boardOrder), then one track's
 * ideas at a time, their own first, with a composer.
 */
export function ParticipantBoard({ session, state, base }: Props) {
  const { event, you, agenda, presence } = state;
  const [chosen, setChosen] = useState<number | null>(null);
  const [moved, setMoved] = useState<string | null>(null);
  const [profile, setProfile] = useState(false);
  const ownTrack = you?.track ?? null;
  const ownTable = you?.table ?? null;
  const seat = useRef<{ track: number | null; table: number | null } | null>(null);

  // Moved by the facilitator: show the new track, and say so (only when the seat changed:
  // a new event or tables object finds the seat as it was and says nothing).
  useEffect(() => {
    const before = seat.current;
    seat.current = { track: ownTrack, table: ownTable };
    if (before === null || !event || (before.track === ownTrack && before.table === ownTable)) return;
    setChosen(null);
    const trackName = event.tracks.find((tr) => tr.id === ownTrack)?.name ?? '';
    const tableName = ownTable === null ? null : (state.tables[ownTable]?.name ?? null);
    setMoved(
      tableName === null
        ? t('board.movedTo', { track: trackName })
        : t('board.movedToTable', { track: trackName, table: tableName }),
    );
  }, [ownTrack, ownTable, event, state.tables]);

  if (!event) {
    return (
      <section class="panel" aria-busy="true">
        <p>{t('app.loading')}</p>
      </section>
    );
  }
  const trackId = chosen ?? ownTrack ?? event.tracks[0]?.id;
  const track = event.tracks.find((tr) => tr.id === trackId) ?? event.tracks[0];
  if (!track) return null;
  const ideas = ideasOfTrack(state, track.id);
  const posting = mayPost(agenda, track.id);
  const table = ownTable === null ? null : state.tables[ownTable];
  const order = boardOrder(state, ownTrack);

  // The same tests as the sections' own "nothing to show": a section that would render
  // nothing does not fetch its chunk.
  const rounds = roundsFor(state);
  const hasProposals = isDraftingPhase(state, ownTrack ?? undefined) || Object.keys(state.proposals).length > 0;
  const parts: Record<BoardPart, JSX.Element | null> = {
    vote: rounds.some((r) => r.state === 'open') ? (
      <VotingSection key="vote" session={session} state={state} part="open" />
    ) : null,
    report: isPublished(state.report) ? <ReportView key="report" session={session} state={state} /> : null,
    proposals: hasProposals ? <ProposalsSection key="proposals" state={state} base={base} track={ownTrack} /> : null,
    results: rounds.some((r) => r.state !== 'open') ? (
      <VotingSection key="results" session={session} state={state} part="past" foldOlder />
    ) : null,
    ideas: (
      <div key="ideas" class="board__ideas">
        <TrackTabs tracks={event.tracks} current={track.id} own={ownTrack} onSelect={setChosen} />
        <section class="track-view" aria-labelledby="track-heading">
          <div class="track-view__head">
            <h2 id="track-heading">{t('board.ideasIn', { track: track.name })}</h2>
            {state.lastSeq > 0 ? <span class="count">{tn('board.count', ideas.length)}</span> : null}
          </div>
          {track.description ? <p class="track-view__desc">{track.description}</p> : null}
          {posting ? (
            <Composer session={session} state={state} track={track} />
          ) : (
            <p class="phase-note" data-testid="no-posting">
              {t(noPostingKey(agenda, track.id))}
            </p>
          )}
          <TrackIdeas
            state={state}
            session={session}
            track={track}
            ideas={ideas}
            authorActions={mayEdit(agenda, track.id)}
            emptyText={state.lastSeq > 0 ? t('board.empty') : t('app.loading')}
            labelledBy="track-heading"
            idPrefix="board"
          />
        </section>
      </div>
    ),
  };

  return (
    <div class="board" data-order={order.join(' ')}>
      <AnnouncementBanner state={state} />
      <div class="board__intro">
        <h1 class="board__title">{event.title}</h1>
        <p class="muted board__who">
          {you ? <span data-testid="you">{t('board.you', { name: you.name })}</span> : null}
          {table ? <span data-testid="your-table">{t('board.yourTable', { table: table.name })}</span> : null}
          {presence ? (
            <span class="board__people" data-testid="people-here">
              {tn('board.people', presence.connected)}
            </span>
          ) : null}
        </p>
        {you ? (
          <div class="board__mine">
            {you.role === 'participant' && !profile ? (
              <button type="button" class="btn btn--small btn--ghost board__profile" onClick={() => setProfile(true)}>
                {t('profile.open')}
              </button>
            ) : null}
            <DownloadButton session={session} code={event.code} file={MY_DATA_FILE} label={t('board.myData')} small />
          </div>
        ) : null}
        <p class="board__moved" role="status">
          {moved ?? ''}
        </p>
      </div>
      {profile ? <ProfileForm session={session} state={state} onClose={() => setProfile(false)} /> : null}
      <PhaseBar agenda={agenda} offset={state.clockOffset} track={track.id} />
      {order.map((part) => parts[part])}
    </div>
  );
}
