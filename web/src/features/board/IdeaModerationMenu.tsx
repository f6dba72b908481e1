/**
 * A moderator's menu on an idea: hide or show it, pin it, merge it beneath another idea,
 * split it off again, move it to a cluster. Hide and show are queued actions; the others
 * are requests whose refusal the card shows.
 */
import { useState } from 'preact/hooks';
import { t } from '../../i18n';
import type { Idea } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { clustersOfTrack, mergeTargets } from '../../ideaViews';
import { Combobox } from '../../ui/Combobox';
import { authorLabel } from './IdeaDisplay';
import type { IdeaPanels } from './ideaPanels';

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

interface Props {
  idea: Idea;
  state: AppState | undefined;
  session: Session;
  panels: IdeaPanels;
  /** The id of the card's text (buttons are described by it) and prefix of the form's ids. */
  textId: string;
  formId: string;
}

/** The clusters an idea may move to (only ideas at the top of a merge tree move). */
export function clusterChoices(state: AppState | undefined, idea: Idea): ReturnType<typeof clustersOfTrack> {
  return state ? clustersOfTrack(state, idea.track) : [];
}

/** The open merge or cluster panel, or nothing. */
export function IdeaModerationPanel({ idea, state, session, panels, formId }: Omit<Props, 'textId'>) {
  const { busy, run } = panels.requests;
  const [target, setTarget] = useState('');
  const [cluster, setCluster] = useState(idea.cluster == null ? '' : String(idea.cluster));

  const merge = async (e: Event) => {
    e.preventDefault();
    if (target === '') return;
    const done = await run(() => session.actions.ideas.merge(idea.id, Number(target)).then(() => true), {
      bad_value: t('idea.mergeRefused'),
    });
    if (done) panels.setPanel('none');
  };

  const moveToCluster = async (e: Event) => {
    e.preventDefault();
    const value = cluster === '' ? null : Number(cluster);
    if (value === (idea.cluster ?? null)) {
      panels.close();
      return;
    }
    const done = await run(() => session.actions.ideas.cluster(idea.id, value).then(() => true));
    if (done) panels.close();
  };

  if (panels.panel === 'merge') {
    const targets = state ? mergeTargets(state, idea) : [];
    const id = `${formId}-merge`;
    return (
      <form class="idea__panel" onSubmit={merge}>
        {targets.length === 0 ? (
          <>
            <p class="idea__panel-label">{t('idea.mergeLabel')}</p>
            <p class="hint">{t('idea.mergeNone')}</p>
          </>
        ) : (
          <Combobox
            id={id}
            label={t('idea.mergeLabel')}
            placeholder={t('idea.mergeSearch')}
            noMatch={t('idea.mergeNoMatch')}
            value={target}
            onChange={setTarget}
            inputRef={(el) => {
              panels.focusTarget.current = el;
            }}
            options={targets.map((v) => ({
              value: String(v.idea.id),
              label: v.idea.text.replace(/\s+/g, ' ').trim(),
              detail: authorLabel(v.idea),
            }))}
          />
        )}
        <div class="idea__actions">
          <button type="submit" class="btn btn--small btn--primary" disabled={busy || target === ''}>
            {t('idea.mergeSubmit')}
          </button>
          <button type="button" class="btn btn--small btn--ghost" onClick={panels.close}>
            {t('idea.cancel')}
          </button>
        </div>
      </form>
    );
  }
  if (panels.panel === 'cluster') {
    return (
      <SelectPanel
        id={`${formId}-cluster`}
        label={t('idea.clusterLabel')}
        value={cluster}
        onChange={setCluster}
        onSubmit={moveToCluster}
        onCancel={panels.close}
        submitLabel={t('idea.clusterSubmit')}
        submitDisabled={busy}
        focusRef={panels.focusTarget}
        options={[
          { value: '', label: t('cluster.none') },
          ...clusterChoices(state, idea).map((c) => ({ value: String(c.id), label: c.name })),
        ]}
      />
    );
  }
  return null;
}

/** The moderator's buttons; cluster only for an idea at the top when the track has clusters. */
export function IdeaModerationButtons({
  idea,
  session,
  panels,
  textId,
  canCluster,
}: Pick<Props, 'idea' | 'session' | 'panels' | 'textId'> & { canCluster: boolean }) {
  const { busy, run } = panels.requests;
  return (
    <>
      <button
        type="button"
        class="btn btn--small btn--ghost"
        aria-describedby={textId}
        onClick={() => (idea.hidden ? session.actions.ideas.unhide(idea.id) : session.actions.ideas.hide(idea.id))}
      >
        {idea.hidden ? t('idea.unhide') : t('idea.hide')}
      </button>
      <button
        type="button"
        class="btn btn--small btn--ghost"
        aria-describedby={textId}
        disabled={busy}
        onClick={() =>
          run(() => (idea.pinned ? session.actions.ideas.unpin(idea.id) : session.actions.ideas.pin(idea.id)))
        }
      >
        {idea.pinned ? t('idea.unpin') : t('idea.pin')}
      </button>
      <button
        type="button"
        class="btn btn--small btn--ghost"
        aria-describedby={textId}
        onClick={(e) => panels.open('merge', e)}
      >
        {t('idea.merge')}
      </button>
      {idea.mergedInto !== null && idea.mergedInto !== undefined ? (
        <button
          type="button"
          class="btn btn--small btn--ghost"
          aria-describedby={textId}
          disabled={busy}
          onClick={() => run(() => session.actions.ideas.split(idea.id))}
        >
          {t('idea.split')}
        </button>
      ) : null}
      {canCluster ? (
        <button
          type="button"
          class="btn btn--small btn--ghost"
          aria-describedby={textId}
          onClick={(e) => panels.open('cluster', e)}
        >
          {t('idea.cluster')}
        </button>
      ) : null}
    </>
  );
}
