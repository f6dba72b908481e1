import { useState } from 'preact/hooks';
import { effectivePhase, mayEdit, mayPost } from '../../agenda';
import { t, tn } from '../../i18n';
import type { PhaseKind, Track } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { canModerate, connectedInTrack } from '../../store';
import { ideasOfTrack } from '../../ideaViews';
import { AgendaPanel } from './AgendaPanel';
import { AnnouncementBanner } from '../../ui/AnnouncementBanner';
import { Composer } from '../board/Composer';
import { DraftingPanel } from '../drafting/DraftingPanel';
import { MembersPanel } from '../people/MembersPanel';
import { PeoplePanel } from '../people/PeoplePanel';
import { PhaseBar } from '../../ui/PhaseBar';
import { ReportView } from '../report/ReportView';
import { RoundsPanel } from '../voting/RoundsPanel';
import { ScreenPanel } from './ScreenPanel';
import { SuggestionsPanel } from './SuggestionsPanel';
import { TrackIdeas } from '../board/TrackIdeas';
import { TrackPace } from './TrackPace';
import { lazyView } from '../../ui/lazy';
import './console.css';

interface Props {
  session: Session;
  state: AppState;
  /** This page's path (`/lead/CODE`), for links to the proposals. */
  base: string;
}

// The lead's own profile (name, organisation, consent), as on a participant's board.
const ProfileForm = lazyView(() => import('../people/ProfileForm').then((m) => m.ProfileForm));

/** The phases in which a lead works on the ideas themselves (they start unfolded; later, the proposals). */
const IDEA_KINDS: ReadonlySet<PhaseKind> = new Set(['welcome', 'ideation', 'clustering', 'voting']);

/**
 * A track lead's view: their own track first (composer and ideas, unfolded while people
 * post and cluster), then what the phase needs (the rounds while voting, the report once
 * published, the proposals), every other track folded (opened on demand), the rest.
 * Works on a phone as on a laptop.
 */
export function LeadBoard({ session, state, base }: Props) {
  const { event, you, agenda, presence } = state;
  const [profile, setProfile] = useState(false);
  if (!event || !you) return null;
  const own = event.tracks.find((tr) => tr.id === you.track) ?? null;
  const others = event.tracks.filter((tr) => tr.id !== own?.id);
  const kind = effectivePhase(agenda, own?.id)?.kind;
  const ideasOpen = kind === undefined || IDEA_KINDS.has(kind);
  // The rounds come right after the track while people vote, after the other tracks otherwise.
  const rounds =
    Object.keys(state.rounds).length > 0 ? <RoundsPanel session={session} state={state} controls={false} /> : null;

  return (
    <div class="staff lead-board">
      <div class="lead-board__head">
        <h1 class="board__title">{event.title}</h1>
        <p class="muted">
          {own ? t('lead.of', { track: own.name }) : t('staff.lead')}
          {' · '}
          <span>{t('staff.joinCode')}</span> <span class="code-chip">{event.code}</span>
        </p>
        {profile ? null : (
          <button type="button" class="btn btn--small btn--ghost" onClick={() => setProfile(true)}>
            {t('profile.open')}
          </button>
        )}
      </div>
      {profile ? <ProfileForm session={session} state={state} onClose={() => setProfile(false)} /> : null}
      <AnnouncementBanner state={state} />
      <PhaseBar agenda={agenda} offset={state.clockOffset} track={own?.id} />
      {own ? <TrackSection session={session} state={state} track={own} open={ideasOpen} own /> : null}
      {kind === 'voting' ? rounds : null}
      <ReportView session={session} state={state} />
      <DraftingPanel session={session} state={state} base={base} />
      <section class="lead-board__others" aria-labelledby="other-tracks">
        <h2 id="other-tracks">{t('lead.otherTracks')}</h2>
        {others.map((track) => (
          <TrackSection key={track.id} session={session} state={state} track={track} open={false} />
        ))}
        {presence ? <p class="hint">{tn('staff.connected', presence.connected)}</p> : null}
      </section>
      {kind !== 'voting' ? rounds : null}
      <AgendaPanel agenda={agenda} controls={false} />
      <ScreenPanel session={session} event={event} screen={state.screen} presence={presence} controls={false} />
      <PeoplePanel session={session} state={state} controls={false} />
      <MembersPanel session={session} state={state} />
    </div>
  );
}

interface TrackProps {
  session: Session;
  state: AppState;
  track: Track;
  /** The ideas start unfolded. */
  open: boolean;
  /** The lead's own track: a composer while people post. */
  own?: boolean;
}

/** One track: its heading and counts, and its ideas in a fold (the lead's own with a composer). */
function TrackSection({ session, state, track, open, own = false }: TrackProps) {
  const { agenda, presence } = state;
  // A folded track's ideas are made when it is first opened (seven tracks of cards are many).
  const [opened, setOpened] = useState(open);
  const onToggle = (e: Event) => {
    if ((e.currentTarget as HTMLDetailsElement).open) setOpened(true);
  };
  const ideas = ideasOfTrack(state, track.id);
  const headingId = `track-${track.id}`;
  const counts = `${tn('board.count', ideas.length)}${
    presence ? ` · ${tn('staff.here', connectedInTrack(state, track.id))}` : ''
  }`;
  const body = (
    <>
      {track.description ? <p class="column__desc">{track.description}</p> : null}
      <TrackPace session={session} agenda={agenda} track={track} you={state.you} />
      {own && mayPost(agenda, track.id) ? <Composer session={session} state={state} track={track} /> : null}
      {opened && canModerate(state.you, track.id) ? (
        <SuggestionsPanel session={session} state={state} track={track} />
      ) : null}
      {opened ? (
        <TrackIdeas
          state={state}
          session={session}
          track={track}
          ideas={ideas}
          authorActions={mayEdit(agenda, track.id)}
          emptyText={t('board.empty')}
          labelledBy={headingId}
          idPrefix={headingId}
        />
      ) : null}
    </>
  );
  if (own) {
    return (
      <section class="lead-track lead-track--own" aria-labelledby={headingId} data-testid="own-track">
        <div class="column__head">
          <h2 id={headingId}>{t('lead.yourTrack', { track: track.name })}</h2>
          <span class="count">{counts}</span>
        </div>
        {open ? (
          body
        ) : (
          <details class="lead-track__fold" onToggle={onToggle}>
            <summary class="lead-track__summary">{tn('lead.showIdeas', ideas.length)}</summary>
            {body}
          </details>
        )}
      </section>
    );
  }
  return (
    <details class="lead-track" data-testid={`track-fold-${track.id}`} open={open} onToggle={onToggle}>
      <summary class="lead-track__summary">
        <span id={headingId} class="lead-track__name">
          {track.name}
        </span>
        <span class="count">{counts}</span>
      </summary>
      {body}
    </details>
  );
}
