import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { formatTime, t } from '../../i18n';
import type { Idea } from '../../protocol';
import type { Session } from '../../session';
import type { AppState, IdeaView } from '../../store';
import { clustersOfTrack, editedByName, mergeTargets } from '../../store';
import { IDEA_MAX } from './Composer';
import { useId, useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import { ConfirmButtons } from '../../ui/ConfirmButtons';

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
/** Characters of an idea's text shown in a merge target's option. */
const OPTION_TEXT_MAX = 70;
/** The drag-and-drop type of an idea dragged onto a cluster. */
export const IDEA_DRAG_TYPE = 'application/x-roundtable-idea';

type Panel = 'none' | 'edit' | 'delete' | 'merge' | 'cluster';

interface SelectPanelProps {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  /** Shown instead of the select when there is nothing to choose. */
  empty?: string;
  onChange(value: string): void;
  onSubmit(e: Event): void;
  onCancel(): void;
  submitLabel: string;
  submitDisabled: boolean;
  focusRef: { current: HTMLElement | null };
}

/** A moderator's choice for one idea (merge into…, move to cluster…): a select, submit, cancel. */
function SelectPanel(p: SelectPanelProps) {
  return (
    <form class="idea__panel" onSubmit={p.onSubmit}>
      <label for={p.id} class="idea__panel-label">
        {p.label}
      </label>
      {p.empty !== undefined ? (
        <p class="hint">{p.empty}</p>
      ) : (
        <select
          id={p.id}
          class="input"
          value={p.value}
          onChange={(e) => p.onChange(e.currentTarget.value)}
          ref={(el) => {
            p.focusRef.current = el;
          }}
        >
          {p.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
      <div class="idea__actions">
        <button type="submit" class="btn btn--small btn--primary" disabled={p.submitDisabled}>
          {p.submitLabel}
        </button>
        <button type="button" class="btn btn--small btn--ghost" onClick={p.onCancel}>
          {t('idea.cancel')}
        </button>
      </div>
    </form>
  );
}

function shorten(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > OPTION_TEXT_MAX ? `${chars.slice(0, OPTION_TEXT_MAX - 1).join('')}…` : chars.join('');
}

function authorLabel(idea: Idea): string {
  return idea.author ? idea.author.name : t('idea.anonymous');
}

/** One idea as a sticky note, with the actions its viewer may take. */
export function IdeaCard({ view, state, session, authorActions = true, moderate, depth = 0, hasMerged = false, large }: Props) {
  const { idea, mine, unsaved } = view;
  const [panel, setPanel] = useState<Panel>('none');
  const [draft, setDraft] = useState(idea.text);
  const [target, setTarget] = useState('');
  const [cluster, setCluster] = useState('');
  const { busy, error, run, clearError } = useRequests();
  const id = useId('idea');
  const focusTarget = useRef<HTMLElement | null>(null);
  const opener = useRef<HTMLButtonElement | null>(null);
  const saved = idea.id > 0;
  const live = session !== undefined && saved && !large;
  const canEdit = live && ((mine && authorActions) || moderate);
  const canDelete = live && mine && authorActions && !hasMerged;
  const mod = live && moderate;
  const clusters = mod && state ? clustersOfTrack(state, idea.track) : [];
  const targets = mod && state && panel === 'merge' ? mergeTargets(state, idea) : [];
  const editor = state ? editedByName(state, idea) : null;
  const draggable = mod && depth === 0 && clusters.length > 0;

  // Right after the panel is in the DOM (before paint), so the focus never rests on <body>.
  useLayoutEffect(() => {
    if (panel !== 'none') focusTarget.current?.focus();
  }, [panel]);

  const open = (next: Panel, e: Event) => {
    opener.current = e.currentTarget as HTMLButtonElement;
    clearError();
    setPanel(next);
  };
  const close = () => {
    setPanel('none');
    clearError();
    // Back to the button that opened the panel (it is rendered again by now).
    setTimeout(() => opener.current?.isConnected && opener.current.focus(), 0);
  };

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

  const saveEdit = (e: Event) => {
    e.preventDefault();
    const text = draft.trim();
    if (text === '' || [...text].length > IDEA_MAX || !session) return;
    if (text !== idea.text) session.actions.ideas.edit(idea.id, text);
    close();
  };

  const merge = async (e: Event) => {
    e.preventDefault();
    if (!session || target === '') return;
    const done = await run(() =>
      session.actions.ideas.merge(idea.id, Number(target)).then(() => true),
      { bad_value: t('idea.mergeRefused') },
    );
    if (done) setPanel('none');
  };

  const moveToCluster = async (e: Event) => {
    e.preventDefault();
    if (!session) return;
    const value = cluster === '' ? null : Number(cluster);
    if (value === (idea.cluster ?? null)) {
      close();
      return;
    }
    const done = await run(() =>
      session.actions.ideas.cluster(idea.id, value).then(() => true),
    );
    if (done) close();
  };

  const editing = panel === 'edit' && canEdit;
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
      {editing ? (
        <form class="idea__edit" onSubmit={saveEdit}>
          <label class="visually-hidden" for={`${id}-edit`}>
            {mine ? t('idea.editLabel') : t('idea.editOtherLabel', { name: authorLabel(idea) })}
          </label>
          <textarea
            id={`${id}-edit`}
            class="input"
            rows={3}
            maxLength={IDEA_MAX}
            value={draft}
            onInput={(e) => setDraft(e.currentTarget.value)}
            ref={(el) => {
              focusTarget.current = el;
            }}
          />
          <div class="idea__actions">
            <button type="submit" class="btn btn--small btn--primary" disabled={draft.trim() === ''}>
              {t('idea.save')}
            </button>
            <button type="button" class="btn btn--small btn--ghost" onClick={close}>
              {t('idea.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <p id={described} class="idea__text">
          {idea.text}
        </p>
      )}
      <footer class="idea__meta">
        <span class="idea__author">
          {idea.author ? (
            <>
              <span class="idea__name">{idea.author.name}</span>
              {idea.author.organisation ? <span class="idea__org"> · {idea.author.organisation}</span> : null}
            </>
          ) : (
            <span class="idea__name">{t('idea.anonymous')}</span>
          )}
          {mine ? <span class="idea__you"> {t('idea.you')}</span> : null}
        </span>
        <span class="idea__badges">
          {idea.pinned ? (
            <span class="badge badge--pinned">
              <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
                <path d="M10 1l5 5-2 1-3 3 .5 3.5L9 15l-3-3-4 4-1-1 4-4-3-3 1.5-1.5L7 6l3-3z" fill="currentColor" />
              </svg>{' '}
              {t('idea.pinned')}
            </span>
          ) : null}
          {saved && !unsaved ? (
            <time class="idea__time" dateTime={new Date(idea.createdAt).toISOString()}>
              <span class="visually-hidden">{t('idea.postedAt', { time: formatTime(idea.createdAt) })}</span>
              <span aria-hidden="true">{formatTime(idea.createdAt)}</span>
            </time>
          ) : null}
          {unsaved ? <span class="badge badge--unsaved">{t('idea.unsaved')}</span> : null}
          {idea.editedAt !== null ? (
            <span class="badge badge--edited" data-testid="edited">
              {editor !== null ? t('idea.editedBy', { name: editor }) : t('idea.edited')}
            </span>
          ) : null}
          {idea.hidden ? (
            <span class="badge badge--hidden">{moderate ? t('idea.hidden') : t('idea.hiddenForAuthor')}</span>
          ) : null}
        </span>
      </footer>

      {panel === 'delete' && canDelete && session ? (
        <div class="idea__actions" role="group" aria-label={t('idea.deleteConfirm')}>
          <span class="idea__confirm">{t('idea.deleteConfirm')}</span>
          <ConfirmButtons
            yes={t('idea.deleteYes')}
            no={t('idea.cancel')}
            onYes={() => {
              session.actions.ideas.delete(idea.id);
              setPanel('none');
            }}
            onNo={close}
          />
        </div>
      ) : null}

      {panel === 'merge' && mod ? (
        <SelectPanel
          id={`${id}-merge`}
          label={t('idea.mergeLabel')}
          value={target}
          onChange={setTarget}
          onSubmit={merge}
          onCancel={close}
          submitLabel={t('idea.mergeSubmit')}
          submitDisabled={busy || target === ''}
          focusRef={focusTarget}
          options={[
            { value: '', label: t('idea.mergeChoose') },
            ...targets.map((v) => ({
              value: String(v.idea.id),
              label: t('idea.mergeOption', { text: shorten(v.idea.text), author: authorLabel(v.idea) }),
            })),
          ]}
          empty={targets.length === 0 ? t('idea.mergeNone') : undefined}
        />
      ) : null}

      {panel === 'cluster' && mod ? (
        <SelectPanel
          id={`${id}-cluster`}
          label={t('idea.clusterLabel')}
          value={cluster}
          onChange={setCluster}
          onSubmit={moveToCluster}
          onCancel={close}
          submitLabel={t('idea.clusterSubmit')}
          submitDisabled={busy}
          focusRef={focusTarget}
          options={[
            { value: '', label: t('cluster.none') },
            ...clusters.map((c) => ({ value: String(c.id), label: c.name })),
          ]}
        />
      ) : null}

      <ErrorLine error={error} />

      {session && live && panel === 'none' && (canEdit || canDelete || mod) ? (
        <div class="idea__actions">
          {canEdit ? (
            <button
              type="button"
              class="btn btn--small btn--ghost"
              aria-describedby={described}
              onClick={(e) => {
                setDraft(idea.text);
                open('edit', e);
              }}
            >
              {t('idea.edit')}
            </button>
          ) : null}
          {canDelete ? (
            <button
              type="button"
              class="btn btn--small btn--ghost"
              aria-describedby={described}
              onClick={(e) => open('delete', e)}
            >
              {t('idea.delete')}
            </button>
          ) : null}
          {mod ? (
            <>
              <button
                type="button"
                class="btn btn--small btn--ghost"
                aria-describedby={described}
                onClick={() => idea.hidden ? session.actions.ideas.unhide(idea.id) : session.actions.ideas.hide(idea.id)}
              >
                {idea.hidden ? t('idea.unhide') : t('idea.hide')}
              </button>
              <button
                type="button"
                class="btn btn--small btn--ghost"
                aria-describedby={described}
                disabled={busy}
                onClick={() =>
                  run(() =>
                    idea.pinned ? session.actions.ideas.unpin(idea.id) : session.actions.ideas.pin(idea.id),
                  )
                }
              >
                {idea.pinned ? t('idea.unpin') : t('idea.pin')}
              </button>
              <button
                type="button"
                class="btn btn--small btn--ghost"
                aria-describedby={described}
                onClick={(e) => {
                  setTarget('');
                  open('merge', e);
                }}
              >
                {t('idea.merge')}
              </button>
              {idea.mergedInto !== null && idea.mergedInto !== undefined ? (
                <button
                  type="button"
                  class="btn btn--small btn--ghost"
                  aria-describedby={described}
                  disabled={busy}
                  onClick={() => run(() => session.actions.ideas.split(idea.id))}
                >
                  {t('idea.split')}
                </button>
              ) : null}
              {depth === 0 && clusters.length > 0 ? (
                <button
                  type="button"
                  class="btn btn--small btn--ghost"
                  aria-describedby={described}
                  onClick={(e) => {
                    setCluster(idea.cluster == null ? '' : String(idea.cluster));
                    open('cluster', e);
                  }}
                >
                  {t('idea.cluster')}
                </button>
              ) : null}
            </>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
