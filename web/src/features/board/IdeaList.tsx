import { t } from '../../i18n';
import type { Member } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import type { IdeaNode, IdeaView } from '../../ideaViews';
import { canModerate } from '../../store';
import { buildIdeaTree } from '../../ideaViews';
import { IdeaCard } from './IdeaCard';
import './board.css';

interface Props {
  /** The ideas as ideasOfTrack lists them (merge trees are built here)... */
  ideas?: IdeaView[];
  /** ...or the trees already built. */
  nodes?: IdeaNode[];
  you: Member | null;
  /** For the editor's name, merge targets and clusters. */
  state?: AppState;
  session?: Session;
  /** Authors may edit and delete their own ideas now (the phase allows it). */
  authorActions?: boolean;
  emptyText: string;
  labelledBy?: string;
  label?: string;
  large?: boolean;
}

interface LevelProps extends Omit<Props, 'ideas' | 'emptyText'> {
  nodes: IdeaNode[];
  depth: number;
}

function Level({ nodes, depth, you, state, session, authorActions, labelledBy, label, large }: LevelProps) {
  const classes = ['ideas', large ? 'ideas--large' : '', depth > 0 ? 'ideas--merged' : ''].filter(Boolean).join(' ');
  return (
    <ul class={classes} aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : label}>
      {nodes.map(({ view, children }) => (
        <li key={view.key} class="ideas__item">
          <IdeaCard
            view={view}
            state={state}
            session={session}
            authorActions={authorActions}
            moderate={session !== undefined && canModerate(you, view.idea.track)}
            depth={depth}
            hasMerged={children.length > 0}
            large={large}
          />
          {children.length > 0 ? (
            <Level
              nodes={children}
              depth={depth + 1}
              you={you}
              state={state}
              session={session}
              authorActions={authorActions}
              label={t('idea.mergedBeneath', { text: view.idea.text.slice(0, 80) })}
              large={large}
            />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * A list of idea cards: pinned first, then newest first, each with the ideas merged beneath
 * it nested under it. Without a session the cards are read-only.
 */
export function IdeaList({ ideas, nodes, emptyText, authorActions = true, ...rest }: Props) {
  const tree = nodes ?? buildIdeaTree(ideas ?? []);
  if (tree.length === 0) return <p class="empty">{emptyText}</p>;
  return <Level nodes={tree} depth={0} authorActions={authorActions} {...rest} />;
}
