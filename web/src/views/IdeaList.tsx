import type { Member } from '../protocol';
import type { Session } from '../session';
import type { IdeaView } from '../store';
import { canModerate } from '../store';
import { IdeaCard } from './IdeaCard';

interface Props {
  ideas: IdeaView[];
  you: Member | null;
  session?: Session;
  /** Authors may edit and delete their own ideas now (the phase allows it). */
  authorActions?: boolean;
  emptyText: string;
  labelledBy?: string;
  large?: boolean;
}

/** A list of idea cards, newest first. Without a session the cards are read-only. */
export function IdeaList({ ideas, you, session, authorActions = true, emptyText, labelledBy, large }: Props) {
  if (ideas.length === 0) return <p class="empty">{emptyText}</p>;
  return (
    <ul class={large ? 'ideas ideas--large' : 'ideas'} aria-labelledby={labelledBy}>
      {ideas.map((view) => (
        <li key={view.key} class="ideas__item">
          <IdeaCard
            view={view}
            session={session}
            authorActions={authorActions}
            moderate={session !== undefined && canModerate(you, view.idea.track)}
            large={large}
          />
        </li>
      ))}
    </ul>
  );
}
