import { useState } from 'preact/hooks';
import { formatNumber, t, tn } from '../../i18n';
import type { IdeaNode } from '../../ideaViews';
import { buildIdeaTree, clustersOfTrack, flattenTree, groupByCluster, ideasOfTrack } from '../../ideaViews';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { canModerate, connectedInTrack } from '../../store';
import { ClusterGroupView, NewCluster } from '../board/TrackIdeas';
import { ConsoleIdeaCard } from './ConsoleIdeaCard';
import type { IdeaFilter } from './ideaFilter';
import { countByTrack, isFiltering, matchesFilter, NO_FILTER } from './ideaFilter';
import { IdeaToolbar } from './IdeaToolbar';
import { SuggestionsPanel } from './SuggestionsPanel';
import { TrackPace } from './TrackPace';
import { TrackTablist } from './TrackTablist';

interface Props {
  session: Session;
  state: AppState;
}

/**
 * Every track's ideas, one track at a time (tabs with counts), in cluster columns with the
 * merged ideas beneath theirs; search and filters list the matching ideas flat.
 */
export function IdeasSection({ session, state }: Props) {
  const { event, you } = state;
  const [chosen, setChosen] = useState<number | null>(null);
  const [filter, setFilter] = useState<IdeaFilter>(NO_FILTER);
  if (!event || !you || event.tracks.length === 0) return null;
  const own = you.role === 'lead' ? you.track : null;
  const track =
    event.tracks.find((tr) => tr.id === chosen) ?? event.tracks.find((tr) => tr.id === own) ?? event.tracks[0];
  const all = Object.values(state.ideas);
  const counts = countByTrack(all, filter, track.id);
  const clusters = clustersOfTrack(state, track.id);
  const views = ideasOfTrack(state, track.id);
  const filtering = isFiltering(filter);
  const shown = filtering ? views.filter((v) => matchesFilter(v.idea, filter)) : views;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const panelId = 'cideas-panel';
  const summary = filtering
    ? t('cideas.showing', {
        shown: formatNumber(shown.length),
        total: formatNumber(views.length),
        track: track.name,
        all: formatNumber(total),
      })
    : tn('cideas.inTrack', views.length, { track: track.name });

  return (
    <div class="cideas">
      <IdeaToolbar filter={filter} onChange={setFilter} clusters={clusters} />
      <TrackTablist
        tracks={event.tracks}
        current={track.id}
        counts={counts}
        panelId={panelId}
        onSelect={(id) => {
          setChosen(id);
          // Clusters belong to a track: the cluster filter does not carry over.
          if (typeof filter.cluster === 'number') setFilter({ ...filter, cluster: 'any' });
        }}
      />
      <div class="cideas__panel" role="tabpanel" id={panelId} aria-labelledby={`cideas-tab-${track.id}`}>
        <div class="cideas__trackhead">
          <h2 class="cideas__summary" data-testid="cideas-summary">
            {summary}
            {' · '}
            {tn('staff.here', connectedInTrack(state, track.id))}
          </h2>
          <p class="visually-hidden" role="status">
            {filtering ? summary : ''}
          </p>
          {track.description ? <p class="cideas__desc muted">{track.description}</p> : null}
          {canModerate(you, track.id) ? (
            <NewCluster session={session} track={track} idPrefix={`cideas-${track.id}`} />
          ) : null}
        </div>
        {canModerate(you, track.id) ? (
          <SuggestionsPanel key={track.id} session={session} state={state} track={track} />
        ) : null}
        <TrackPace session={session} agenda={state.agenda} track={track} you={you} />
        {filtering ? (
          <FlatList session={session} state={state} views={shown} />
        ) : (
          <ClusterBoard session={session} state={state} trackId={track.id} views={views} />
        )}
      </div>
    </div>
  );
}

/** Matching ideas, flat: a merged idea names the idea it is merged into. */
function FlatList({ session, state, views }: Props & { views: ReturnType<typeof ideasOfTrack> }) {
  if (views.length === 0) return <p class="empty">{t('cideas.noMatch')}</p>;
  return (
    <ul class="cideas__grid" aria-label={t('cideas.results')} data-testid="cideas-results">
      {views.map((v) => {
        const into = v.idea.mergedInto ?? null;
        return (
          <li key={v.key}>
            <ConsoleIdeaCard
              view={v}
              state={state}
              session={session}
              top={into === null}
              mergedInto={into === null ? null : (state.ideas[into]?.text ?? null)}
            />
          </li>
        );
      })}
    </ul>
  );
}

/** The track's ideas in columns, one per cluster (and one for the ideas in none). */
function ClusterBoard({
  session,
  state,
  trackId,
  views,
}: Props & { trackId: number; views: ReturnType<typeof ideasOfTrack> }) {
  const track = state.event?.tracks.find((tr) => tr.id === trackId);
  if (!track) return null;
  const tree = buildIdeaTree(views);
  const clusters = clustersOfTrack(state, trackId);
  const manage = canModerate(state.you, trackId);
  if (tree.length === 0) return <p class="empty">{t('board.empty')}</p>;
  if (clusters.length === 0) {
    return (
      <Cards session={session} state={state} nodes={tree} label={t('board.ideasIn', { track: track.name })} grid />
    );
  }
  return (
    <div class="cideas__board">
      {groupByCluster(tree, clusters).map((group) => (
        <ClusterGroupView
          key={group.cluster?.id ?? 'none'}
          cluster={group.cluster}
          count={flattenTree(group.nodes).length}
          session={session}
          manage={manage}
          idPrefix={`cideas-${trackId}`}
          track={track}
          hideHeading={false}
        >
          {group.nodes.length === 0 ? (
            <p class="empty cideas__empty">{group.cluster ? t('cluster.empty') : t('cluster.allSorted')}</p>
          ) : (
            <Cards
              session={session}
              state={state}
              nodes={group.nodes}
              label={group.cluster?.name ?? t('cluster.noneHeading')}
            />
          )}
        </ClusterGroupView>
      ))}
    </div>
  );
}

/** Cards of merge trees: each idea with the ideas merged beneath it, indented. */
function Cards({
  session,
  state,
  nodes,
  label,
  grid,
  depth = 0,
}: Props & { nodes: IdeaNode[]; label: string; grid?: boolean; depth?: number }) {
  return (
    <ul
      class={grid ? 'cideas__grid' : depth > 0 ? 'cideas__list cideas__list--merged' : 'cideas__list'}
      aria-label={label}
    >
      {nodes.map(({ view, children }) => (
        <li key={view.key}>
          <ConsoleIdeaCard
            view={view}
            state={state}
            session={session}
            top={depth === 0}
            merged={flattenTree(children).length}
          />
          {children.length > 0 ? (
            <Cards
              session={session}
              state={state}
              nodes={children}
              depth={depth + 1}
              label={t('idea.mergedBeneath', { text: view.idea.text.slice(0, 80) })}
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}
