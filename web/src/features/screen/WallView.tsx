import { t, tn } from '../../i18n';
import type { IdeaNode } from '../../ideaViews';
import { buildIdeaTree, flattenTree, ideasOfTrack } from '../../ideaViews';
import type { Track } from '../../protocol';
import type { AppState } from '../../store';
import { accentOf, pageCount, pageOf, tileGrid } from './screenMode';
import { PageIndicator, usePage } from './Pager';

/** Track tiles on one page (4 × 2); more tracks page. */
export const TILES_PER_PAGE = 8;
/** Ideas a tile lists (those that do not fit are clipped whole by the stylesheet). */
const TILE_IDEAS = 8;
/** Ideas on one page when the wall shows one track. */
export const IDEAS_PER_PAGE = 12;

/**
 * A track's visible ideas as merge trees (pinned, then newest first), and how many cards they
 * make (an idea merged into another is counted on its card: "+2 merged").
 */
export function trackIdeas(state: AppState, track: number): { nodes: IdeaNode[]; count: number } {
  const views = ideasOfTrack(state, track).filter((v) => !v.idea.hidden && v.idea.id > 0);
  const nodes = buildIdeaTree(views);
  return { nodes, count: nodes.length };
}

/** One idea on the screen: its text (clamped, never cut mid-word), pinned and merged marks. */
export function ScreenIdea({ node }: { node: IdeaNode }) {
  const { idea } = node.view;
  const merged = flattenTree(node.children).length;
  return (
    <li class={idea.pinned ? 'screen-idea screen-idea--pinned' : 'screen-idea'}>
      <p class="screen-idea__text">{idea.text}</p>
      {idea.pinned || merged > 0 ? (
        <p class="screen-idea__meta">
          {idea.pinned ? <span class="screen-idea__pin">{t('idea.pinned')}</span> : null}
          {merged > 0 ? <span>{tn('screen.merged', merged)}</span> : null}
        </p>
      ) : null}
    </li>
  );
}

function TrackTile({ state, track }: { state: AppState; track: Track }) {
  const { nodes, count } = trackIdeas(state, track.id);
  const id = `wall-track-${track.id}`;
  return (
    <section class="screen-tile" aria-labelledby={id} data-accent={accentOf(state.event?.tracks ?? [], track.id)}>
      <div class="screen-tile__head">
        <h3 id={id} class="screen-tile__name">
          {track.name}
        </h3>
        <p class="screen-count">{tn('screen.ideaCount', count)}</p>
      </div>
      {nodes.length === 0 ? (
        <p class="screen-empty">{t('board.empty')}</p>
      ) : (
        <ul class="screen-tile__ideas" aria-labelledby={id}>
          {nodes.slice(0, TILE_IDEAS).map((n) => (
            <ScreenIdea key={n.view.key} node={n} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** Every track as a tile of its newest ideas (eight tiles a page). */
function AllTracks({ state }: { state: AppState }) {
  const tracks = state.event?.tracks ?? [];
  const pages = pageCount(tracks.length, TILES_PER_PAGE);
  const page = usePage(pages, 'wall-all');
  const shown = pageOf(tracks, page, TILES_PER_PAGE);
  const total = tracks.reduce((n, tr) => n + trackIdeas(state, tr.id).count, 0);
  return (
    <section class="screen-body" aria-labelledby="screen-wall-heading">
      <div class="screen-body__head">
        <h2 id="screen-wall-heading" class="screen-body__title">
          {t('screen.title')}
        </h2>
        <p class="screen-count screen-count--big" data-testid="wall-total">
          {tn('screen.ideaCount', total)}
        </p>
        <PageIndicator label="screen.pageTracks" page={page} pages={pages} total={tracks.length} {...shown} />
      </div>
      <div class="screen-tiles" style={tileGrid(shown.items.length)} key={page}>
        {shown.items.map((track) => (
          <TrackTile key={track.id} state={state} track={track} />
        ))}
      </div>
    </section>
  );
}

/** One track's ideas, large, twelve a page. */
function OneTrack({ state, track }: { state: AppState; track: Track }) {
  const { nodes, count } = trackIdeas(state, track.id);
  const pages = pageCount(nodes.length, IDEAS_PER_PAGE);
  const page = usePage(pages, `wall-${track.id}`);
  const shown = pageOf(nodes, page, IDEAS_PER_PAGE);
  const id = `wall-track-${track.id}`;
  return (
    <section class="screen-body" aria-labelledby={id} data-accent={accentOf(state.event?.tracks ?? [], track.id)}>
      <div class="screen-body__head">
        <h2 id={id} class="screen-body__title">
          {track.name}
        </h2>
        <p class="screen-count screen-count--big">{tn('screen.ideaCount', count)}</p>
        <PageIndicator label="screen.pageIdeas" page={page} pages={pages} total={nodes.length} {...shown} />
      </div>
      {track.description ? <p class="screen-body__desc">{track.description}</p> : null}
      {nodes.length === 0 ? (
        <p class="screen-empty screen-empty--big">{t('board.empty')}</p>
      ) : (
        <ul class="screen-grid" aria-labelledby={id} key={page}>
          {shown.items.map((n) => (
            <ScreenIdea key={n.view.key} node={n} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The live idea wall: every track's newest ideas, or one track's ideas page by page. */
export function WallView({ state, track }: { state: AppState; track: number | null }) {
  const one = track === null ? undefined : state.event?.tracks.find((tr) => tr.id === track);
  return one ? <OneTrack state={state} track={one} /> : <AllTracks state={state} />;
}
