import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t, tn } from '../../i18n';
import type { Cluster, Track } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import type { IdeaView } from '../../ideaViews';
import { canModerate } from '../../store';
import { buildIdeaTree, clustersOfTrack, flattenTree, groupByCluster } from '../../ideaViews';
import { IDEA_DRAG_TYPE } from './IdeaCard';
import { IdeaList } from './IdeaList';
import { useLimits, useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import { ConfirmButtons } from '../../ui/ConfirmButtons';
import './board.css';

interface Props {
  state: AppState;
  session: Session;
  track: Track;
  /** The track's ideas as ideasOfTrack lists them. */
  ideas: IdeaView[];
  authorActions: boolean;
  emptyText: string;
  /** The id of the heading that names the track. */
  labelledBy: string;
  /** A prefix for element ids (several tracks on one page). */
  idPrefix: string;
}

/**
 * The ideas of one track, grouped by cluster (merge trees within). Moderators of the track
 * also create, rename and delete clusters, and drag ideas onto a cluster.
 */
export function TrackIdeas({ state, session, track, ideas, authorActions, emptyText, labelledBy, idPrefix }: Props) {
  const manage = canModerate(state.you, track.id);
  const clusters = clustersOfTrack(state, track.id);
  const tree = buildIdeaTree(ideas);
  const common = { you: state.you, state, session, authorActions };

  if (clusters.length === 0) {
    return (
      <>
        {manage ? <NewCluster session={session} track={track} idPrefix={idPrefix} /> : null}
        <IdeaList nodes={tree} emptyText={emptyText} labelledBy={labelledBy} {...common} />
      </>
    );
  }

  const groups = groupByCluster(tree, clusters).filter((g) => manage || g.cluster === null || g.nodes.length > 0);
  return (
    <>
      {manage ? <NewCluster session={session} track={track} idPrefix={idPrefix} /> : null}
      {manage ? <p class="hint cluster__hint">{t('cluster.dropHint')}</p> : null}
      <div class="clusters">
        {groups.map((group) => (
          <ClusterGroupView
            key={group.cluster?.id ?? 'none'}
            cluster={group.cluster}
            count={flattenTree(group.nodes).length}
            session={session}
            manage={manage}
            idPrefix={idPrefix}
            track={track}
            hideHeading={group.cluster === null && !manage && groups.length === 1}
          >
            <IdeaList
              nodes={group.nodes}
              emptyText={
                group.cluster === null ? (tree.length === 0 ? emptyText : t('cluster.allSorted')) : t('cluster.empty')
              }
              labelledBy={`${idPrefix}-cluster-${group.cluster?.id ?? 'none'}`}
              {...common}
            />
          </ClusterGroupView>
        ))}
      </div>
    </>
  );
}

export function NewCluster({ session, track, idPrefix }: { session: Session; track: Track; idPrefix: string }) {
  const [name, setName] = useState('');
  const [invalid, setInvalid] = useState(false);
  const { busy, error, run } = useRequests();
  const nameMax = useLimits(session)?.clusterName;
  const id = `${idPrefix}-new-cluster`;
  const submit = async (e: Event) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') {
      setInvalid(true);
      document.getElementById(id)?.focus();
      return;
    }
    setInvalid(false);
    const done = await run(() => session.actions.clusters.create(track.id, trimmed));
    if (done) setName('');
  };
  const problem = invalid ? t('cluster.nameRequired') : error;
  return (
    <form class="cluster-new" onSubmit={submit} noValidate>
      <label for={id} class="cluster-new__label">
        {t('cluster.newLabel', { track: track.name })}
      </label>
      <div class="cluster-new__row">
        <input
          id={id}
          class="input"
          value={name}
          maxLength={nameMax}
          aria-invalid={!!problem}
          aria-describedby={problem ? `${id}-error` : undefined}
          onInput={(e) => {
            setName(e.currentTarget.value);
            setInvalid(false);
          }}
        />
        <button type="submit" class="btn btn--small" disabled={busy}>
          {t('cluster.create')}
        </button>
      </div>
      {problem ? (
        <p id={`${id}-error`} class="field-error" role="alert">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

interface GroupProps {
  cluster: Cluster | null;
  count: number;
  session: Session;
  manage: boolean;
  idPrefix: string;
  track: Track;
  hideHeading: boolean;
  children: ComponentChildren;
}

/** One cluster (or the ideas in none) with its heading; a drop target for moderators (the console shows its own cards in it). */
export function ClusterGroupView({
  cluster,
  count,
  session,
  manage,
  idPrefix,
  track,
  hideHeading,
  children,
}: GroupProps) {
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const [name, setName] = useState(cluster?.name ?? '');
  const [over, setOver] = useState(false);
  const { busy, error, run } = useRequests();
  const nameMax = useLimits(session)?.clusterName;
  const headingId = `${idPrefix}-cluster-${cluster?.id ?? 'none'}`;
  const focusOnMode = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (mode !== 'view') focusOnMode.current?.focus();
  }, [mode]);
  const title = cluster ? cluster.name : t('cluster.noneHeading');

  const accepts = (e: DragEvent) => manage && !!e.dataTransfer && [...e.dataTransfer.types].includes(IDEA_DRAG_TYPE);
  const dropProps = manage
    ? {
        onDragOver: (e: DragEvent) => {
          if (!accepts(e)) return;
          e.preventDefault();
          if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
          if (!over) setOver(true);
        },
        onDragLeave: (e: DragEvent) => {
          const to = e.relatedTarget as Node | null;
          if (!to || !(e.currentTarget as Node).contains(to)) setOver(false);
        },
        onDrop: (e: DragEvent) => {
          if (!accepts(e) || !e.dataTransfer) return;
          e.preventDefault();
          setOver(false);
          const idea = Number(e.dataTransfer.getData(IDEA_DRAG_TYPE));
          if (!Number.isInteger(idea) || idea <= 0) return;
          run(() => session.actions.ideas.cluster(idea, cluster?.id ?? null));
        },
      }
    : {};

  const rename = async (e: Event) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!cluster || trimmed === '') return;
    const done = await run(() => session.actions.clusters.rename(cluster.id, trimmed).then(() => true));
    if (done) setMode('view');
  };

  return (
    <section
      class={['cluster', cluster ? '' : 'cluster--none', over ? 'cluster--over' : ''].filter(Boolean).join(' ')}
      aria-labelledby={hideHeading ? undefined : headingId}
      aria-label={hideHeading ? t('board.ideasIn', { track: track.name }) : undefined}
      data-cluster={cluster?.id ?? 'none'}
      {...dropProps}
    >
      {hideHeading ? null : (
        <div class="cluster__head">
          {mode === 'rename' && cluster ? (
            <form class="cluster__rename" onSubmit={rename}>
              <label for={`${headingId}-name`} class="visually-hidden">
                {t('cluster.renameLabel', { name: cluster.name })}
              </label>
              <input
                id={`${headingId}-name`}
                class="input"
                value={name}
                maxLength={nameMax}
                ref={(el) => {
                  focusOnMode.current = el;
                }}
                onInput={(e) => setName(e.currentTarget.value)}
              />
              <button type="submit" class="btn btn--small btn--primary" disabled={busy || name.trim() === ''}>
                {t('cluster.save')}
              </button>
              <button type="button" class="btn btn--small btn--ghost" onClick={() => setMode('view')}>
                {t('idea.cancel')}
              </button>
            </form>
          ) : (
            <h3 id={headingId} class="cluster__name">
              {title} <span class="count">({tn('board.count', count)})</span>
            </h3>
          )}
          {manage && cluster && mode === 'view' ? (
            <div class="cluster__actions">
              <button
                type="button"
                class="btn btn--small btn--ghost"
                aria-label={t('cluster.renameButton', { name: cluster.name })}
                onClick={() => {
                  setName(cluster.name);
                  setMode('rename');
                }}
              >
                {t('cluster.rename')}
              </button>
              <button
                type="button"
                class="btn btn--small btn--ghost"
                aria-label={t('cluster.deleteButton', { name: cluster.name })}
                onClick={() => setMode('delete')}
              >
                {t('cluster.delete')}
              </button>
            </div>
          ) : null}
        </div>
      )}
      {mode === 'delete' && cluster ? (
        <div class="cluster__confirm" role="group" aria-label={t('cluster.deleteConfirm', { name: cluster.name })}>
          <span class="idea__confirm">{t('cluster.deleteConfirm', { name: cluster.name })}</span>
          <ConfirmButtons
            yes={t('cluster.deleteYes')}
            no={t('idea.cancel')}
            busy={busy}
            onYes={() => run(() => session.actions.clusters.delete(cluster.id))}
            onNo={() => setMode('view')}
          />
        </div>
      ) : null}
      <ErrorLine error={error} />
      {children}
    </section>
  );
}
