import { t, tn } from '../../i18n';
import type { ClusterGroup } from '../../ideaViews';
import { clustersOfTrack, groupByCluster } from '../../ideaViews';
import type { Track } from '../../protocol';
import type { AppState } from '../../store';
import { accentOf, pageCount, pageOf, tileGrid } from './screenMode';
import { PageIndicator, usePage } from './Pager';
import { ScreenIdea, TILES_PER_PAGE, trackIdeas } from './WallView';

/** Cluster columns on one page when the screen shows one track. */
const CLUSTER_COLUMNS = 4;

/** A track's clusters with their ideas, the ideas in no cluster last (left out when none). */
function trackGroups(state: AppState, track: number): ClusterGroup[] {
  const { nodes } = trackIdeas(state, track);
  return groupByCluster(nodes, clustersOfTrack(state, track)).filter((g) => g.cluster !== null || g.nodes.length > 0);
}

const ideaCount = (g: ClusterGroup) => g.nodes.length;

function TrackClusters({ state, track }: { state: AppState; track: Track }) {
  const groups = trackGroups(state, track.id);
  const clusters = groups.filter((g) => g.cluster !== null).length;
  const id = `clusters-track-${track.id}`;
  return (
    <section class="screen-tile" aria-labelledby={id} data-accent={accentOf(state.event?.tracks ?? [], track.id)}>
      <div class="screen-tile__head">
        <h3 id={id} class="screen-tile__name">
          {track.name}
        </h3>
        <p class="screen-count">{tn('screen.clusterCount', clusters)}</p>
      </div>
      {groups.length === 0 ? (
        <p class="screen-empty">{t('board.empty')}</p>
      ) : (
        <ul class="screen-tile__ideas" aria-labelledby={id}>
          {groups.map((g) => (
            <li
              key={g.cluster?.id ?? 'none'}
              class={g.cluster ? 'screen-cluster' : 'screen-cluster screen-cluster--none'}
            >
              <p class="screen-cluster__name">
                <span class="screen-cluster__label" data-clip={g.cluster ? 'content' : undefined}>
                  {g.cluster ? g.cluster.name : t('screen.unclustered')}
                </span>
                <span class="screen-cluster__count">{tn('screen.ideaCount', ideaCount(g))}</span>
              </p>
              {g.cluster && g.nodes[0] ? (
                <p class="screen-cluster__sample" data-clip="content">
                  {g.nodes[0].view.idea.text}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Every track's clusters and their sizes (eight tracks a page). */
function AllTracks({ state }: { state: AppState }) {
  const tracks = state.event?.tracks ?? [];
  const pages = pageCount(tracks.length, TILES_PER_PAGE);
  const page = usePage(pages, 'clusters-all');
  const shown = pageOf(tracks, page, TILES_PER_PAGE);
  return (
    <section class="screen-body" aria-labelledby="screen-clusters-heading">
      <div class="screen-body__head">
        <h2 id="screen-clusters-heading" class="screen-body__title">
          {t('screen.clusters')}
        </h2>
        <PageIndicator label="screen.pageTracks" page={page} pages={pages} total={tracks.length} {...shown} />
      </div>
      <div class="screen-tiles" style={tileGrid(shown.items.length)} key={page}>
        {shown.items.map((track) => (
          <TrackClusters key={track.id} state={state} track={track} />
        ))}
      </div>
    </section>
  );
}

/** One track's clusters as columns of their ideas (four a page). */
function OneTrack({ state, track }: { state: AppState; track: Track }) {
  const groups = trackGroups(state, track.id);
  const pages = pageCount(groups.length, CLUSTER_COLUMNS);
  const page = usePage(pages, `clusters-${track.id}`);
  const shown = pageOf(groups, page, CLUSTER_COLUMNS);
  const id = `clusters-track-${track.id}`;
  return (
    <section class="screen-body" aria-labelledby={id} data-accent={accentOf(state.event?.tracks ?? [], track.id)}>
      <div class="screen-body__head">
        <h2 id={id} class="screen-body__title">
          {track.name}
        </h2>
        <p class="screen-count screen-count--big">
          {tn('screen.clusterCount', groups.filter((g) => g.cluster !== null).length)}
        </p>
        <PageIndicator label="screen.pageClusters" page={page} pages={pages} total={groups.length} {...shown} />
      </div>
      {groups.length === 0 ? (
        <p class="screen-empty screen-empty--big">{t('board.empty')}</p>
      ) : (
        <div class="screen-tiles" style={{ '--cols': Math.max(1, shown.items.length), '--rows': 1 }} key={page}>
          {shown.items.map((g) => {
            const gid = `cluster-${g.cluster?.id ?? 'none'}`;
            return (
              <section key={gid} class="screen-tile screen-tile--tall" aria-labelledby={gid}>
                <div class="screen-tile__head">
                  <h3 id={gid} class="screen-tile__name">
                    {g.cluster ? g.cluster.name : t('screen.unclustered')}
                  </h3>
                  <p class="screen-count">{tn('screen.ideaCount', ideaCount(g))}</p>
                </div>
                <ul class="screen-tile__ideas" aria-labelledby={gid}>
                  {g.nodes.slice(0, 10).map((n) => (
                    <ScreenIdea key={n.view.key} node={n} />
                  ))}
                </ul>
              </section>
            );
          })}
        </div>
      )}
    </section>
  );
}

/** The clusters: per track with their idea counts and a sample idea, or one track's in full. */
export function ClustersView({ state, track }: { state: AppState; track: number | null }) {
  const one = track === null ? undefined : state.event?.tracks.find((tr) => tr.id === track);
  return one ? <OneTrack state={state} track={one} /> : <AllTracks state={state} />;
}
