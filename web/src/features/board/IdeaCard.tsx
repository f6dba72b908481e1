import type { AppState } from '../../store';
import type { IdeaView } from '../../ideaViews';
import { editedByName, supportersOf, supportsIdea } from '../../ideaViews';
import type { Session } from '../../session';
import { useId } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import { IdeaAuthorButtons, IdeaDeleteConfirm, IdeaEditForm } from './IdeaAuthorActions';
import { IdeaDisplay } from './IdeaDisplay';
import { clusterChoices, IdeaModerationButtons, IdeaModerationPanel } from './IdeaModerationMenu';
import { useIdeaPanels } from './ideaPanels';
import { mayUseSupport, SupportCount, SupportToggle } from './Support';

interface Props {
  view: IdeaView;
  /** For the editor's name, merge targets and clusters; absent on read-only lists. */
  state?: AppState;
  /** Absent for a read-only card (the screen wall). */
  session?: Session;
  /** The phase lets authors edit and delete their ideas. */
  authorActions?: boolean;
  /** The viewer moderates this idea's track (hide, edit, pin, merge, split, cluster). */
  moderate: boolean;
  /** How deep the idea sits beneath others it is merged into (0: at the top). */
  depth?: number;
  /** Other ideas are merged beneath this one (its author may not delete it then). */
  hasMerged?: boolean;
  large?: boolean;
}

const TINTS = 4;
/** The drag-and-drop type of an idea dragged onto a cluster. */
export const IDEA_DRAG_TYPE = 'application/x-roundtable-idea';

/**
 * One idea as a sticky note: what it says (IdeaDisplay), what its author may do
 * (IdeaAuthorActions) and what a moderator may do (IdeaModerationMenu), one panel at a time.
 */
export function IdeaCard({
  view,
  state,
  session,
  authorActions = true,
  moderate,
  depth = 0,
  hasMerged = false,
  large,
}: Props) {
  const { idea, mine, unsaved } = view;
  const panels = useIdeaPanels();
  const { panel } = panels;
  const id = useId('idea');
  const saved = idea.id > 0;
  const live = session !== undefined && saved && !large;
  const canEdit = live && ((mine && authorActions) || moderate);
  const canDelete = live && mine && authorActions && !hasMerged;
  const mod = live && moderate;
  const clusters = mod ? clusterChoices(state, idea) : [];
  const editor = state ? editedByName(state, idea) : null;
  const draggable = mod && depth === 0 && clusters.length > 0;
  const supporters = state && saved ? supportersOf(state.ideas, idea.id).length : 0;
  const canSupport = live && authorActions && state !== undefined && mayUseSupport(state, idea);

  const classes = [
    'idea',
    `idea--tint${idea.id % TINTS}`,
    idea.hidden ? 'idea--hidden' : '',
    idea.pinned ? 'idea--pinned' : '',
    unsaved ? 'idea--unsaved' : '',
    large ? 'idea--large' : '',
    draggable ? 'idea--draggable' : '',
  ]
    .filter(Boolean)
    .join(' ');

  const editing = panel === 'edit' && canEdit && session !== undefined;
  const described = `${id}-text`;

  return (
    <article
      class={classes}
      aria-labelledby={editing ? undefined : described}
      data-idea={saved ? idea.id : undefined}
      draggable={draggable}
      onDragStart={
        draggable
          ? (e) => {
              if (!e.dataTransfer) return;
              e.dataTransfer.setData(IDEA_DRAG_TYPE, String(idea.id));
              e.dataTransfer.setData('text/plain', idea.text);
              e.dataTransfer.effectAllowed = 'move';
              (e.currentTarget as HTMLElement).classList.add('idea--dragging');
            }
          : undefined
      }
      onDragEnd={draggable ? (e) => (e.currentTarget as HTMLElement).classList.remove('idea--dragging') : undefined}
    >
      <IdeaDisplay
        view={view}
        textId={described}
        editor={editor}
        moderate={moderate}
        support={
          <>
            <SupportCount count={supporters} class="badge badge--support" />
            {canSupport && session ? (
              <SupportToggle
                idea={idea}
                session={session}
                supported={supportsIdea(idea, state?.you?.id)}
                busy={panels.requests.busy}
                run={panels.requests.run}
              />
            ) : null}
          </>
        }
        replaceText={
          editing ? <IdeaEditForm idea={idea} mine={mine} session={session} panels={panels} formId={id} /> : undefined
        }
      />

      {panel === 'delete' && canDelete && session ? (
        <IdeaDeleteConfirm idea={idea} session={session} panels={panels} />
      ) : null}

      {(panel === 'merge' || panel === 'cluster') && mod && session ? (
        <IdeaModerationPanel idea={idea} state={state} session={session} panels={panels} formId={id} />
      ) : null}

      <ErrorLine error={panels.requests.error} />

      {session && live && panel === 'none' && (canEdit || canDelete || mod) ? (
        <div class="idea__actions">
          <IdeaAuthorButtons panels={panels} textId={described} canEdit={canEdit} canDelete={canDelete} />
          {mod ? (
            <IdeaModerationButtons
              idea={idea}
              session={session}
              panels={panels}
              textId={described}
              canCluster={depth === 0 && clusters.length > 0}
            />
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
