import { formatTime, t, tn } from '../../i18n';
import type { IdeaView } from '../../ideaViews';
import { editedByName, excerpt, supportersOf, supportsIdea } from '../../ideaViews';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { canModerate } from '../../store';
import type { MenuItem } from '../../ui/MenuButton';
import { MenuButton } from '../../ui/MenuButton';
import { useId } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import { IdeaEditForm } from '../board/IdeaAuthorActions';
import { IDEA_DRAG_TYPE } from '../board/IdeaCard';
import { clusterChoices, IdeaModerationPanel } from '../board/IdeaModerationMenu';
import type { IdeaPanels } from '../board/ideaPanels';
import { useIdeaPanels } from '../board/ideaPanels';
import { mayUseSupport, SupportCount } from '../board/Support';
import { personName } from '../../people';

interface Props {
  view: IdeaView;
  state: AppState;
  session: Session;
  /** How many ideas are merged beneath this one (shown as a badge). */
  merged?: number;
  /** The text of the idea this one is merged into, when listed apart from it (a search). */
  mergedInto?: string | null;
  /** At the top of a merge tree: it may be dragged onto a cluster. */
  top?: boolean;
}

/**
 * One idea in the console, compact: its text, author, time and badges, and the moderator's
 * actions in one menu (edit, hide, pin, merge, split, cluster), whose panels open in place.
 */
export function ConsoleIdeaCard({ view, state, session, merged = 0, mergedInto = null, top = true }: Props) {
  const { idea, unsaved } = view;
  const panels = useIdeaPanels();
  const id = useId('cidea');
  const moderate = canModerate(state.you, idea.track) && idea.id > 0;
  const clusters = moderate ? clusterChoices(state, idea) : [];
  const draggable = moderate && top && clusters.length > 0;
  const editor = editedByName(state, idea);
  const textId = `${id}-text`;
  const editing = panels.panel === 'edit' && moderate;
  const supporters = idea.id > 0 ? supportersOf(state.ideas, idea.id).length : 0;
  const support = mayUseSupport(state, idea) ? { supported: supportsIdea(idea, state.you?.id) } : null;
  const classes = [
    'cidea',
    idea.hidden ? 'cidea--hidden' : '',
    idea.pinned ? 'cidea--pinned' : '',
    unsaved ? 'cidea--unsaved' : '',
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <article
      class={classes}
      aria-labelledby={editing ? undefined : textId}
      data-idea={idea.id > 0 ? idea.id : undefined}
      draggable={draggable}
      onDragStart={
        draggable
          ? (e) => {
              if (!e.dataTransfer) return;
              e.dataTransfer.setData(IDEA_DRAG_TYPE, String(idea.id));
              e.dataTransfer.setData('text/plain', idea.text);
              e.dataTransfer.effectAllowed = 'move';
            }
          : undefined
      }
    >
      <div class="cidea__row">
        {editing ? (
          <div class="cidea__edit">
            <IdeaEditForm idea={idea} mine={view.mine} session={session} panels={panels} formId={id} />
          </div>
        ) : (
          <p id={textId} class="cidea__text">
            {idea.text}
          </p>
        )}
        {moderate && panels.panel === 'none' ? (
          <MenuButton
            class="cidea__menu"
            label={t('cidea.menu', { text: shorten(idea.text) })}
            items={menuItems(view, session, panels, top && clusters.length > 0, support)}
          >
            <span aria-hidden="true">⋯</span>
          </MenuButton>
        ) : null}
      </div>
      {mergedInto !== null ? <p class="cidea__into">{t('cidea.mergedInto', { text: shorten(mergedInto) })}</p> : null}
      <p class="cidea__meta">
        <span
          class="cidea__author"
          data-clip={idea.author ? 'content' : undefined}
          title={
            idea.author ? [personName(idea.author), idea.author.organisation].filter(Boolean).join(' · ') : undefined
          }
        >
          {idea.author ? personName(idea.author) : t('idea.anonymous')}
          {idea.author?.organisation ? <span class="cidea__org"> · {idea.author.organisation}</span> : null}
        </span>
        {idea.id > 0 && !unsaved ? (
          <time class="cidea__time" dateTime={new Date(idea.createdAt).toISOString()}>
            {formatTime(idea.createdAt)}
          </time>
        ) : null}
        {idea.pinned ? <span class="chip chip--pinned">{t('idea.pinned')}</span> : null}
        {idea.hidden ? <span class="chip chip--hidden">{t('idea.hidden')}</span> : null}
        <SupportCount count={supporters} class="chip chip--support" />
        {merged > 0 ? <span class="chip chip--merged">{tn('cidea.merged', merged)}</span> : null}
        {idea.editedAt !== null ? (
          <span class="chip" data-testid="edited">
            {editor !== null ? t('idea.editedBy', { name: editor }) : t('idea.edited')}
          </span>
        ) : null}
        {unsaved ? <span class="chip chip--unsaved">{t('idea.unsaved')}</span> : null}
      </p>
      {(panels.panel === 'merge' || panels.panel === 'cluster') && moderate ? (
        <IdeaModerationPanel idea={idea} state={state} session={session} panels={panels} formId={id} />
      ) : null}
      <ErrorLine error={panels.requests.error} />
    </article>
  );
}

const shorten = (text: string) => excerpt(text);

/**
 * The moderator's actions on one idea; `support` (when they may support it): whether they do,
 * for "Me too" or "Withdraw my support".
 */
function menuItems(
  view: IdeaView,
  session: Session,
  panels: IdeaPanels,
  canCluster: boolean,
  support: { supported: boolean } | null,
): MenuItem[] {
  const { idea } = view;
  const { run } = panels.requests;
  // The panels return the focus to the menu's button when they close.
  const open = (panel: 'edit' | 'merge' | 'cluster') => (button: HTMLButtonElement) =>
    panels.open(panel, { currentTarget: button } as unknown as Event);
  const items: MenuItem[] = [
    { key: 'edit', label: t('cidea.edit'), onSelect: open('edit') },
    {
      key: 'pin',
      label: idea.pinned ? t('idea.unpin') : t('idea.pin'),
      onSelect: () =>
        run(() => (idea.pinned ? session.actions.ideas.unpin(idea.id) : session.actions.ideas.pin(idea.id))),
    },
    { key: 'merge', label: t('idea.merge'), onSelect: open('merge') },
  ];
  if ((idea.mergedInto ?? null) !== null) {
    items.push({
      key: 'split',
      label: t('idea.split'),
      onSelect: () => run(() => session.actions.ideas.split(idea.id)),
    });
  }
  if (canCluster) items.push({ key: 'cluster', label: t('idea.cluster'), onSelect: open('cluster') });
  if (support) {
    items.push({
      key: 'support',
      label: support.supported ? t('support.withdraw') : t('support.add'),
      onSelect: () =>
        run(() =>
          support.supported ? session.actions.ideas.withdrawSupport(idea.id) : session.actions.ideas.support(idea.id),
        ),
    });
  }
  items.push({
    key: 'hide',
    label: idea.hidden ? t('cidea.unhide') : t('cidea.hide'),
    danger: !idea.hidden,
    onSelect: () => (idea.hidden ? session.actions.ideas.unhide(idea.id) : session.actions.ideas.hide(idea.id)),
  });
  return items;
}
