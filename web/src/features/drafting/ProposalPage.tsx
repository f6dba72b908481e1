import { useEffect, useRef, useState } from 'preact/hooks';
import type { Member } from '../../protocol';
import {
  commentThreads,
  isOnTeam,
  mayComment,
  mayEditNow,
  mayEditProposal,
  mayManageProposal,
  memberName,
  sourceIdeas,
  teamCandidates,
  validTitle,
} from './drafting';
import { t, tn } from '../../i18n';
import type { Proposal } from '../../protocol';
import { viewPath } from '../../router';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { AnnouncementBanner } from '../../ui/AnnouncementBanner';
import { CommentThreads } from './CommentThreads';
import { DeleteProposal } from './DeleteProposal';
import { FrozenBanner } from './FrozenBanner';
import { useFocusWhen, useLimits, useRequests } from '../../ui/hooks';
import { Link } from '../../ui/Link';
import { teamNames } from './ProposalList';
import { SectionBlock } from './SectionBlock';
import { ErrorLine } from '../../ui/Notices';
import './drafting.css';
import { personName } from '../../people';

interface Props {
  session: Session;
  state: AppState;
  id: number;
  /** The event page's path (`/join/CODE`, `/facilitate/CODE`, `/lead/CODE`). */
  base: string;
}

/** One proposal: title, source ideas, team, every template section live, and comments. */
export function ProposalPage({ session, state, id, base }: Props) {
  const proposal = state.proposals[id];
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [id]);

  if (!state.event) {
    return (
      <section class="panel" aria-busy="true">
        <p>{t('app.loading')}</p>
      </section>
    );
  }
  const back = (
    <nav class="crumbs" aria-label={t('proposals.crumbs')}>
      <Link href={base}>{t('proposals.backToBoard')}</Link>
      <span aria-hidden="true"> · </span>
      <Link href={viewPath(base, { view: 'proposals' })}>{t('proposals.all')}</Link>
    </nav>
  );
  if (!proposal) {
    return (
      <div class="proposal-page">
        {back}
        <section class="panel">
          <h1 ref={heading} tabIndex={-1}>
            {t('proposal.missing')}
          </h1>
          <p>{t('proposal.missingBody')}</p>
        </section>
      </div>
    );
  }
  const you = state.you;
  const editable = mayEditNow(state, proposal);
  const commenting = mayComment(state, proposal);
  const trackName = state.event.tracks.find((tr) => tr.id === proposal.track)?.name ?? '';
  const ideas = sourceIdeas(state, proposal);
  const hidden = proposal.ideas.length - ideas.length;

  return (
    <div class="proposal-page" data-testid="proposal-page">
      {back}
      <AnnouncementBanner state={state} />
      <FrozenBanner frozen={state.frozen} canEdit={mayEditProposal(you, proposal)} />
      <header class="panel proposal-head">
        <p class="muted proposal-head__track">{t('proposal.inTrack', { track: trackName })}</p>
        <ProposalTitle session={session} proposal={proposal} editable={editable} headingRef={heading} />
        <div class="proposal-head__grid">
          <div>
            <h2 class="proposal-head__label">{t('proposal.team')}</h2>
            {mayManageProposal(you, proposal) ? (
              <TeamEditor session={session} state={state} proposal={proposal} />
            ) : (
              <p>{teamNames(state, proposal).join(', ') || t('proposals.noTeam')}</p>
            )}
            {isOnTeam(you, proposal) ? <p class="hint">{t('proposal.youAreOnTeam')}</p> : null}
          </div>
          <div>
            <h2 class="proposal-head__label">{tn('proposal.sources', proposal.ideas.length)}</h2>
            {ideas.length === 0 && hidden === 0 ? <p class="empty">{t('proposal.noSources')}</p> : null}
            <ul class="sources">
              {ideas.map((idea) => (
                <li key={idea.id} class="sources__item">
                  <p class="sources__text">{idea.text}</p>
                  <p class="muted sources__author">
                    {idea.author ? personName(idea.author) : t('idea.anonymous')}
                    {idea.author?.organisation ? ` · ${idea.author.organisation}` : ''}
                  </p>
                </li>
              ))}
            </ul>
            {hidden > 0 ? <p class="hint">{tn('proposal.sourcesHidden', hidden)}</p> : null}
          </div>
        </div>
        {mayManageProposal(you, proposal) ? <DeleteProposal session={session} proposal={proposal} base={base} /> : null}
      </header>

      {state.template.length === 0 ? <p class="empty">{t('proposal.noTemplate')}</p> : null}
      {state.template.map((section, index) => (
        <SectionBlock
          key={`${proposal.id}-${index}`}
          session={session}
          state={state}
          proposal={proposal}
          index={index}
          section={section}
          editable={editable}
          commenting={commenting}
        />
      ))}

      <section class="panel proposal-comments" aria-label={t('comments.onProposal')}>
        <CommentThreads
          session={session}
          state={state}
          proposal={proposal}
          threads={commentThreads(state.comments, proposal.id, null)}
          section={null}
          commenting={commenting}
          idPrefix={`p${proposal.id}`}
        />
      </section>
    </div>
  );
}

interface TitleProps {
  session: Session;
  proposal: Proposal;
  editable: boolean;
  headingRef: { current: HTMLHeadingElement | null };
}

/** The title, editable inline by the team and staff unless frozen. */
function ProposalTitle({ session, proposal, editable, headingRef }: TitleProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(proposal.title);
  const [invalid, setInvalid] = useState(false);
  const { busy, error, run } = useRequests();
  const titleMax = useLimits(session)?.proposalTitle;
  const input = useFocusWhen<HTMLInputElement>(editing);
  useEffect(() => {
    if (!editable) setEditing(false);
  }, [editable]);

  if (!editing) {
    return (
      <div class="proposal-title">
        <h1 ref={headingRef} tabIndex={-1} class="proposal-title__text" data-testid="proposal-title">
          {proposal.title}
        </h1>
        {editable ? (
          <button
            type="button"
            class="btn btn--small btn--ghost"
            aria-label={t('proposal.renameLabel', { title: proposal.title })}
            onClick={() => {
              setDraft(proposal.title);
              setEditing(true);
            }}
          >
            {t('proposal.rename')}
          </button>
        ) : null}
      </div>
    );
  }
  const submit = async (e: Event) => {
    e.preventDefault();
    const title = draft.trim();
    if (!validTitle(title, titleMax)) {
      setInvalid(true);
      input.current?.focus();
      return;
    }
    setInvalid(false);
    if (title === proposal.title) {
      setEditing(false);
      return;
    }
    const done = await run(() => session.actions.proposals.rename(proposal.id, title).then(() => true));
    if (done) {
      setEditing(false);
      requestAnimationFrame(() => headingRef.current?.focus());
    }
  };
  const titleProblem =
    titleMax === undefined ? t('proposal.titleEmpty') : t('proposal.titleRequired', { max: titleMax });
  const problem = invalid ? titleProblem : error;
  return (
    <form class="proposal-title proposal-title--editing" onSubmit={submit} noValidate>
      <label for="proposal-title-input" class="visually-hidden">
        {t('proposal.titleLabel')}
      </label>
      <input
        id="proposal-title-input"
        ref={input}
        class="input proposal-title__input"
        value={draft}
        maxLength={titleMax === undefined ? undefined : titleMax * 2}
        aria-invalid={problem !== null}
        aria-describedby={problem ? 'proposal-title-error' : undefined}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setEditing(false);
        }}
      />
      <button type="submit" class="btn btn--small btn--primary" disabled={busy}>
        {t('proposal.saveTitle')}
      </button>
      <button type="button" class="btn btn--small btn--ghost" onClick={() => setEditing(false)}>
        {t('proposal.cancel')}
      </button>
      {problem ? (
        <p id="proposal-title-error" class="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

/** Staff: the team's members, with remove buttons, and a choice to add one. */
function TeamEditor({ session, state, proposal }: { session: Session; state: AppState; proposal: Proposal }) {
  const [adding, setAdding] = useState('');
  const { busy, error, run } = useRequests();
  const candidates: Member[] = teamCandidates(state, proposal.track).filter((m) => !proposal.team.includes(m.id));
  const others = Object.values(state.members)
    .filter((m) => m.role === 'participant' && m.track !== proposal.track && !proposal.team.includes(m.id))
    .sort((a, b) => a.name.localeCompare(b.name));
  const setTeam = (team: number[]) => run(() => session.actions.proposals.setTeam(proposal.id, team));
  const name = (id: number) => memberName(state, id) ?? t('drafting.memberN', { id });
  return (
    <div class="team-editor">
      {proposal.team.length === 0 ? <p class="empty">{t('proposals.noTeam')}</p> : null}
      <ul class="team-editor__list">
        {proposal.team.map((id) => (
          <li key={id} class="team-editor__item">
            <span>{name(id)}</span>
            <button
              type="button"
              class="btn btn--small btn--ghost"
              disabled={busy}
              aria-label={t('proposal.removeMember', { name: name(id) })}
              onClick={() => setTeam(proposal.team.filter((m) => m !== id))}
            >
              <span aria-hidden="true">✕</span>
            </button>
          </li>
        ))}
      </ul>
      <form
        class="team-editor__add"
        onSubmit={(e) => {
          e.preventDefault();
          if (adding === '') return;
          void setTeam([...proposal.team, Number(adding)]).then(() => setAdding(''));
        }}
      >
        <label for={`team-add-${proposal.id}`}>{t('proposal.addMember')}</label>
        <div class="team-editor__row">
          <select
            id={`team-add-${proposal.id}`}
            class="input"
            value={adding}
            onChange={(e) => setAdding(e.currentTarget.value)}
          >
            <option value="">{t('proposal.choosePerson')}</option>
            {candidates.length > 0 ? (
              <optgroup label={t('proposal.ofTrack')}>
                {candidates.map((m) => (
                  <option key={m.id} value={String(m.id)}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {others.length > 0 ? (
              <optgroup label={t('proposal.ofOtherTracks')}>
                {others.map((m) => (
                  <option key={m.id} value={String(m.id)}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
          <button type="submit" class="btn btn--small" disabled={busy || adding === ''}>
            {t('proposal.add')}
          </button>
        </div>
      </form>
      <ErrorLine error={error} />
    </div>
  );
}
