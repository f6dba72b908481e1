/**
 * The moderators' suggestions for one track (issue 18), folded by default under the track's
 * heading in the facilitator's Ideas section and on the lead's board: possible duplicates
 * (merge, or "Not duplicates" with Undo) and suggested clusters (names to edit, ideas to leave
 * out, created one by one or all at once, with Undo). The server computes both from the ideas'
 * words; nothing leaves it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { formatPercent, labelWith, t, tn } from '../../i18n';
import { excerpt } from '../../ideaViews';
import type { DuplicatePair, Idea, Track } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { useId, useLimits, useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import type { AcceptedGroup, ClusterPort, DraftGroup } from './suggestions';
import { acceptGroups, CLUSTER_NAME_MAX, draftGroups, groupIdeas, livePairs, undoAccepted } from './suggestions';
import './suggestions.css';

interface Props {
  session: Session;
  state: AppState;
  track: Track;
}

type Status = 'idle' | 'loading' | 'failed' | 'done';

/** A query whose newest answer only counts (a refresh overtakes the one before). */
function useQuery<T>(load: () => Promise<T>) {
  const [status, setStatus] = useState<Status>('idle');
  const [value, setValue] = useState<T | null>(null);
  const ticket = useRef(0);
  useEffect(
    () => () => {
      ticket.current++;
    },
    [],
  );
  const run = () => {
    const mine = ++ticket.current;
    setStatus('loading');
    load().then(
      (v) => {
        if (mine !== ticket.current) return;
        setValue(v);
        setStatus('done');
      },
      () => {
        if (mine === ticket.current) setStatus('failed');
      },
    );
  };
  return { status, value, setValue, run };
}

export function SuggestionsPanel({ session, state, track }: Props) {
  const [opened, setOpened] = useState(false);
  const id = useId('suggest');
  return (
    <details
      class="suggest"
      data-testid="suggestions"
      onToggle={(e) => {
        if ((e.currentTarget as HTMLDetailsElement).open) setOpened(true);
      }}
    >
      <summary class="suggest__summary">{t('suggest.heading')}</summary>
      {opened ? (
        <div class="suggest__body">
          <p class="hint">{t('suggest.private')}</p>
          <Duplicates session={session} state={state} track={track} id={`${id}-dup`} />
          <Clusters session={session} state={state} track={track} id={`${id}-cl`} />
        </div>
      ) : null}
    </details>
  );
}

/** Loading, failed or nothing found: one calm line. */
function Line({ status, none, noneText }: { status: Status; none: boolean; noneText: string }) {
  if (status === 'loading') return <p class="hint suggest__line">{t('suggest.loading')}</p>;
  if (status === 'failed') return <p class="field-error suggest__line">{t('suggest.failed')}</p>;
  if (status === 'done' && none) return <p class="hint suggest__line">{noneText}</p>;
  return null;
}

interface PartProps {
  session: Session;
  state: AppState;
  track: Track;
  /** A prefix for element ids. */
  id: string;
}

// ---------------------------------------------------------------------------------------
// Possible duplicates

function Duplicates({ session, state, track, id }: PartProps) {
  const query = useQuery(() => session.actions.suggestions.duplicates(track.id).then((r) => r?.pairs ?? []));
  const requests = useRequests();
  const [dismissed, setDismissed] = useState<DuplicatePair | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);
  const { run: load } = query;
  // The first look when the panel opens.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount: later looks are the moderator's (Look again) or follow a merge or dismissal
  useEffect(() => load(), []);
  useEffect(() => {
    if (dismissed) undoRef.current?.focus();
  }, [dismissed]);

  const pairs = livePairs(query.value ?? [], state, track.id);
  const merge = async (p: DuplicatePair) => {
    const done = await requests.run(() => session.actions.ideas.merge(p.b, p.a).then(() => true));
    if (!done) return;
    setDismissed(null);
    headingRef.current?.focus();
    load();
  };
  const dismiss = async (p: DuplicatePair) => {
    const done = await requests.run(() => session.actions.suggestions.dismiss(p.a, p.b).then(() => true));
    if (!done) return;
    setDismissed(p);
    load();
  };
  const restore = async () => {
    if (!dismissed) return;
    const done = await requests.run(() =>
      session.actions.suggestions.restore(dismissed.a, dismissed.b).then(() => true),
    );
    if (!done) return;
    setDismissed(null);
    headingRef.current?.focus();
    load();
  };

  const headingId = `${id}-h`;
  return (
    <section class="suggest__part" aria-labelledby={headingId} data-testid="suggest-duplicates">
      <div class="suggest__head">
        <h3 id={headingId} class="suggest__title" tabIndex={-1} ref={headingRef}>
          {t('suggest.duplicates')}
        </h3>
        <button
          type="button"
          class="btn btn--small btn--ghost"
          onClick={load}
          aria-disabled={query.status === 'loading' || undefined}
        >
          {t('suggest.refresh')}
        </button>
      </div>
      {dismissed ? (
        <p class="suggest__note">
          <span role="status">{t('suggest.dismissed')}</span>{' '}
          <button type="button" class="btn btn--small btn--ghost" ref={undoRef} onClick={restore}>
            {t('suggest.restore')}
          </button>
        </p>
      ) : null}
      <ErrorLine error={requests.error} />
      <Line status={query.status} none={pairs.length === 0} noneText={t('suggest.duplicatesNone')} />
      {pairs.length > 0 ? (
        <ul class="suggest__pairs">
          {pairs.map((p) => (
            <PairRow
              key={`${p.a}-${p.b}`}
              pair={p}
              earlier={state.ideas[p.a] as Idea}
              later={state.ideas[p.b] as Idea}
              busy={requests.busy}
              onMerge={merge}
              onDismiss={dismiss}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

interface PairProps {
  pair: DuplicatePair;
  earlier: Idea;
  later: Idea;
  busy: boolean;
  onMerge: (p: DuplicatePair) => void;
  onDismiss: (p: DuplicatePair) => void;
}

function PairRow({ pair, earlier, later, busy, onMerge, onDismiss }: PairProps) {
  const guard = (fn: (p: DuplicatePair) => void) => () => {
    if (!busy) fn(pair);
  };
  return (
    <li class="suggest__pair" data-pair={`${pair.a}-${pair.b}`}>
      <div class="suggest__texts">
        <p class="suggest__text" data-idea={earlier.id}>
          {earlier.text}
        </p>
        <p class="suggest__text" data-idea={later.id}>
          {later.text}
        </p>
      </div>
      <div class="suggest__actions">
        <span class="suggest__score">{t('suggest.similarity', { percent: formatPercent(pair.score) })}</span>
        <span class="suggest__buttons">
          <button
            type="button"
            class="btn btn--small"
            aria-label={labelWith(
              t('suggest.merge'),
              t('suggest.mergeLabel', { later: excerpt(later.text), earlier: excerpt(earlier.text) }),
            )}
            aria-disabled={busy || undefined}
            onClick={guard(onMerge)}
          >
            {t('suggest.merge')}
          </button>
          <button
            type="button"
            class="btn btn--small btn--ghost"
            aria-disabled={busy || undefined}
            onClick={guard(onDismiss)}
          >
            {t('suggest.dismiss')}
          </button>
        </span>
      </div>
    </li>
  );
}

// ---------------------------------------------------------------------------------------
// Suggested clusters

function Clusters({ session, state, track, id }: PartProps) {
  const limit = Math.min(CLUSTER_NAME_MAX, useLimits(session)?.clusterName ?? CLUSTER_NAME_MAX);
  const query = useQuery(() =>
    session.actions.suggestions.clusters(track.id).then((r) => draftGroups(r?.groups ?? [], limit)),
  );
  const [groups, setGroups] = useState<DraftGroup[]>([]);
  const [created, setCreated] = useState<AcceptedGroup[]>([]);
  const [undone, setUndone] = useState(false);
  const requests = useRequests();
  const undoRef = useRef<HTMLButtonElement>(null);
  const undoneRef = useRef<HTMLParagraphElement>(null);
  const focusUndo = useRef(false);

  // A new answer replaces the list (and what was said about the last one).
  useEffect(() => {
    if (query.status !== 'done') return;
    setGroups(query.value ?? []);
  }, [query.status, query.value]);
  useEffect(() => {
    if (focusUndo.current && created.length > 0) undoRef.current?.focus();
    focusUndo.current = false;
  }, [created]);
  useEffect(() => {
    if (undone) undoneRef.current?.focus();
  }, [undone]);

  const port: ClusterPort = {
    createCluster: (trackId, name) => session.actions.clusters.create(trackId, name),
    clusterIdea: (idea, cluster) => session.actions.ideas.cluster(idea, cluster),
    deleteCluster: (cluster) => session.actions.clusters.delete(cluster),
  };
  const shown = groups
    .map((group) => ({ group, ideas: groupIdeas(group, state, track.id) }))
    .filter((g) => g.ideas.length > 0);

  const accept = async (which: typeof shown) => {
    if (requests.busy || which.length === 0) return;
    const wanted = which.filter((g) => g.group.name.trim() !== '');
    const outcome = await requests.run(async () => {
      const result = await acceptGroups(
        port,
        track.id,
        wanted.map((g) => ({ group: g.group, ideas: g.ideas.map((i) => i.id) })),
      );
      if (result.error) {
        keep(result.accepted);
        throw result.error;
      }
      return result.accepted;
    });
    if (outcome) keep(outcome);
  };
  const keep = (accepted: AcceptedGroup[]) => {
    if (accepted.length === 0) return;
    const made = new Set(accepted.map((a) => a.group.key));
    setGroups((list) => list.filter((g) => !made.has(g.key)));
    setUndone(false);
    focusUndo.current = true;
    setCreated((before) => [...before, ...accepted]);
  };
  const undo = async () => {
    if (requests.busy || created.length === 0) return;
    const taken = created;
    const done = await requests.run(async () => {
      const { error } = await undoAccepted(port, taken);
      if (error) throw error;
      return true;
    });
    // The groups come back to the list (their ideas are in no cluster again), in their places.
    setCreated([]);
    setGroups((list) => [...list, ...taken.map((a) => a.group)].sort((x, y) => x.order - y.order));
    if (done) setUndone(true);
  };
  const rename = (key: string, name: string) =>
    setGroups((list) => list.map((g) => (g.key === key ? { ...g, name } : g)));
  const leaveOut = (key: string, idea: number) =>
    setGroups((list) => list.map((g) => (g.key === key ? { ...g, ideas: g.ideas.filter((i) => i !== idea) } : g)));

  const headingId = `${id}-h`;
  const ready = shown.filter((g) => g.group.name.trim() !== '');
  return (
    <section class="suggest__part" aria-labelledby={headingId} data-testid="suggest-clusters">
      <div class="suggest__head">
        <h3 id={headingId} class="suggest__title">
          {t('suggest.clusters')}
        </h3>
        <button
          type="button"
          class="btn btn--small"
          aria-disabled={query.status === 'loading' || undefined}
          onClick={() => {
            if (query.status === 'loading') return;
            setUndone(false);
            query.run();
          }}
        >
          {t('suggest.clustersRun')}
        </button>
      </div>
      <p class="hint">{t('suggest.clustersHint')}</p>
      {created.length > 0 ? (
        <p class="suggest__note">
          <span role="status">{tn('suggest.created', created.length)}</span>{' '}
          <button type="button" class="btn btn--small btn--ghost" ref={undoRef} onClick={undo}>
            {t('suggest.undo')}
          </button>
        </p>
      ) : null}
      {undone ? (
        <p class="suggest__note" role="status" tabIndex={-1} ref={undoneRef}>
          {t('suggest.undone')}
        </p>
      ) : null}
      <ErrorLine error={requests.error} />
      <Line
        status={query.status}
        none={shown.length === 0 && created.length === 0}
        noneText={t('suggest.clustersNone')}
      />
      {shown.length > 1 ? (
        <button type="button" class="btn btn--small btn--primary suggest__all" onClick={() => accept(ready)}>
          {tn('suggest.acceptAll', ready.length)}
        </button>
      ) : null}
      {shown.length > 0 ? (
        <ul class="suggest__groups">
          {shown.map(({ group, ideas }) => (
            <GroupCard
              key={group.key}
              id={`${id}-${group.key}`}
              group={group}
              ideas={ideas}
              limit={limit}
              onRename={rename}
              onLeaveOut={leaveOut}
              onAccept={() => accept([{ group, ideas }])}
            />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

interface GroupProps {
  id: string;
  group: DraftGroup;
  ideas: Idea[];
  limit: number;
  onRename: (key: string, name: string) => void;
  onLeaveOut: (key: string, idea: number) => void;
  onAccept: () => void;
}

function GroupCard({ id, group, ideas, limit, onRename, onLeaveOut, onAccept }: GroupProps) {
  const listRef = useRef<HTMLUListElement>(null);
  const empty = group.name.trim() === '';
  return (
    <li class="suggest__group" data-group={group.key}>
      <div class="suggest__name">
        <label for={`${id}-name`} class="suggest__label">
          {t('suggest.clusterName')}
        </label>
        <input
          id={`${id}-name`}
          class="input"
          value={group.name}
          maxLength={limit}
          aria-invalid={empty || undefined}
          onInput={(e) => onRename(group.key, e.currentTarget.value)}
        />
        <span class="suggest__count">{tn('suggest.ideaCount', ideas.length)}</span>
      </div>
      <ul class="suggest__ideas" ref={listRef} aria-label={group.name || t('suggest.clusterName')}>
        {ideas.map((idea, i) => (
          <li key={idea.id} class="suggest__idea" data-idea={idea.id}>
            <span class="suggest__ideatext">{idea.text}</span>
            <button
              type="button"
              class="btn btn--small btn--ghost suggest__leave"
              aria-label={labelWith(t('suggest.leaveOut'), t('suggest.leaveOutLabel', { idea: excerpt(idea.text) }))}
              onClick={() => {
                // The focus goes to the next idea's button (or the one before), not to the page.
                const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('.suggest__leave');
                const next = buttons?.[i + 1] ?? buttons?.[i - 1] ?? null;
                onLeaveOut(group.key, idea.id);
                setTimeout(() => next?.isConnected && next.focus(), 0);
              }}
            >
              {t('suggest.leaveOut')}
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="btn btn--small btn--primary" aria-disabled={empty || undefined} onClick={onAccept}>
        {t('suggest.acceptGroup')}
      </button>
    </li>
  );
}
