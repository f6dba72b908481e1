import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import type { DiffPart } from '../../collab/history';
import { fetchHistory, HistoryTexts, sideBySide } from '../../collab/history';
import type { SectionSync } from '../../collab/sectionSync';
import { CommandError } from '../../connection';
import { memberName } from './drafting';
import { errorText, formatDate, formatTime, t } from '../../i18n';
import type { Proposal } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { useId } from '../../ui/hooks';

interface Props {
  session: Session;
  state: AppState;
  sync: SectionSync;
  proposal: Proposal;
  index: number;
  /** The viewer may restore (edits the section now). */
  restore: boolean;
}

type Loaded = { texts: HistoryTexts } | { error: string } | null;

function Parts({ parts, side }: { parts: DiffPart[]; side: 'old' | 'new' }) {
  return (
    <pre class="diff__text">
      {parts.map((p, i) =>
        p.kind === 'removed' ? (
          <del key={i} class="diff__removed">
            <span class="visually-hidden">{t('history.removedStart')}</span>
            {p.text}
            <span class="visually-hidden">{t('history.removedEnd')}</span>
          </del>
        ) : p.kind === 'added' ? (
          <ins key={i} class="diff__added">
            <span class="visually-hidden">{t('history.addedStart')}</span>
            {p.text}
            <span class="visually-hidden">{t('history.addedEnd')}</span>
          </ins>
        ) : (
          <span key={i}>{p.text}</span>
        ),
      )}
      {side === 'old' && parts.length === 0 ? <span class="muted">{t('history.emptyText')}</span> : null}
    </pre>
  );
}

/**
 * A section's history: every version with who made it and when, the chosen version beside
 * the current text (word diff), and "Restore this version" as one new edit.
 */
export function SectionHistory({ session, state, sync, proposal, index, restore }: Props) {
  const [loaded, setLoaded] = useState<Loaded>(null);
  const [version, setVersion] = useState<number | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [, setTick] = useState(0);
  const id = useId('history');

  const load = useCallback(() => {
    setLoaded(null);
    fetchHistory((from) => session.actions.proposals.history(proposal.id, index, from)).then(
      (updates) => {
        const texts = new HistoryTexts(updates);
        setLoaded({ texts });
        setVersion((v) => (v === null ? Math.max(0, texts.latest - 1) : Math.min(v, texts.latest)));
      },
      (err: unknown) => setLoaded({ error: errorText(err instanceof CommandError ? err.code : 'unknown') }),
    );
  }, [session, proposal.id, index]);
  useEffect(load, [load]);
  // The current text changes live: redraw the diff with it.
  useEffect(() => sync.subscribe(() => setTick((n) => n + 1)), [sync]);

  const current = sync.state.doc.toString();
  const texts = loaded && 'texts' in loaded ? loaded.texts : null;
  const old = texts && version !== null ? texts.textAt(version) : null;
  const oldText = old?.toString() ?? null;
  const diff = useMemo(() => (oldText === null ? null : sideBySide(oldText, current)), [oldText, current]);

  if (loaded === null) {
    return (
      <div class="history" aria-busy="true">
        <p>{t('history.loading')}</p>
      </div>
    );
  }
  if ('error' in loaded) {
    return (
      <div class="history">
        <p class="field-error" role="alert">
          {loaded.error}
        </p>
        <button type="button" class="btn btn--small" onClick={load}>
          {t('history.retry')}
        </button>
      </div>
    );
  }
  const latest = loaded.texts.latest;
  if (latest === 0) {
    return (
      <div class="history">
        <p class="empty">{t('history.none')}</p>
      </div>
    );
  }
  const describe = (v: number) => {
    if (v === 0) return t('history.version0');
    const u = loaded.texts.updates[v - 1];
    if (!u) return t('history.versionN', { n: v });
    const name = memberName(state, u.member) ?? t('drafting.memberN', { id: u.member });
    return t('history.versionBy', { n: v, name, time: `${formatDate(u.at)} ${formatTime(u.at)}` });
  };

  const doRestore = () => {
    if (oldText === null || version === null) return;
    const ok = sync.replaceText(oldText);
    setMessage(ok ? t('history.restored', { n: version }) : t('history.same'));
  };

  return (
    <div class="history" data-testid="history">
      <div class="history__pick">
        <label for={`${id}-version`}>{t('history.pick')}</label>
        <div class="history__slider">
          <button
            type="button"
            class="btn btn--small btn--ghost"
            aria-label={t('history.older')}
            disabled={version === null || version <= 0}
            onClick={() => setVersion((v) => Math.max(0, (v ?? 0) - 1))}
          >
            <span aria-hidden="true">←</span>
          </button>
          <input
            id={`${id}-version`}
            type="range"
            min={0}
            max={latest}
            step={1}
            value={version ?? 0}
            aria-valuetext={describe(version ?? 0)}
            onInput={(e) => {
              setVersion(Number(e.currentTarget.value));
              setMessage(null);
            }}
          />
          <button
            type="button"
            class="btn btn--small btn--ghost"
            aria-label={t('history.newer')}
            disabled={version === null || version >= latest}
            onClick={() => setVersion((v) => Math.min(latest, (v ?? 0) + 1))}
          >
            <span aria-hidden="true">→</span>
          </button>
        </div>
        <p class="history__which" aria-live="polite">
          {describe(version ?? 0)}
        </p>
      </div>
      {diff ? (
        <div class="diff" role="group" aria-label={t('history.compare')}>
          <div class="diff__side">
            <h4 class="diff__title">{t('history.thenTitle', { n: version ?? 0 })}</h4>
            <Parts parts={diff.left} side="old" />
          </div>
          <div class="diff__side">
            <h4 class="diff__title">{t('history.nowTitle')}</h4>
            <Parts parts={diff.right} side="new" />
          </div>
        </div>
      ) : (
        <p class="field-error">{t('history.broken')}</p>
      )}
      <div class="history__actions">
        {restore && oldText !== null ? (
          <button type="button" class="btn btn--small btn--primary" disabled={oldText === current} onClick={doRestore}>
            {t('history.restore')}
          </button>
        ) : null}
        <button type="button" class="btn btn--small btn--ghost" onClick={load}>
          {t('history.refresh')}
        </button>
      </div>
      <p class="history__message" role="status">
        {message ?? ''}
      </p>
    </div>
  );
}
