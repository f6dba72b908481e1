import { useEffect, useRef, useState } from 'preact/hooks';
import { labelWith, t, tn } from '../../i18n';
import { excerpt } from '../../ideaViews';
import type { SimilarIdea, Track } from '../../protocol';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { counterText, overLimit, useId, useLimits, useRequests } from '../../ui/hooks';
import { ErrorLine } from '../../ui/Notices';
import type { SimilarMatch } from './similar';
import { SimilarLookup, similarMatches } from './similar';

interface Props {
  session: Session;
  state: AppState;
  track: Track;
}

/** How long "You now support …" stays with its Undo. */
const UNDO_MS = 8_000;

/** What "This is mine too" did: the idea supported and the draft it cleared (for Undo). */
interface Supported {
  idea: number;
  text: string;
  draft: string;
}

/**
 * The form to post an idea into the shown track; works offline (the idea waits). While the
 * person types, the ideas of the track most like the draft show beneath the Post button
 * (which so stays in reach above a phone's keyboard), each with "This is mine too": it
 * supports that idea instead, clears the draft and offers Undo for a few seconds.
 */
export function Composer({ session, state, track }: Props) {
  const [text, setText] = useState('');
  const [anonymous, setAnonymous] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [found, setFound] = useState<SimilarIdea[]>([]);
  const [supported, setSupported] = useState<Supported | null>(null);
  const requests = useRequests();
  const id = useId('composer');
  const length = [...text].length;
  const max = useLimits(session)?.idea;
  const textRef = useRef<HTMLTextAreaElement>(null);
  const undoRef = useRef<HTMLButtonElement>(null);

  const [lookup] = useState(
    () =>
      new SimilarLookup(
        (trackId, draft) => session.actions.ideas.similar(trackId, draft).then((r) => r?.ideas ?? []),
        setFound,
      ),
  );
  useEffect(() => () => lookup.stop(), [lookup]);
  const online = state.status === 'online';
  useEffect(() => lookup.typed(track.id, text, online), [lookup, track.id, text, online]);

  // "You now support …" goes after a while; its Undo has the focus meanwhile (the button
  // pressed is gone with the list).
  useEffect(() => {
    if (supported === null) return undefined;
    undoRef.current?.focus();
    const timer = setTimeout(() => setSupported(null), UNDO_MS);
    return () => clearTimeout(timer);
  }, [supported]);

  const matches = text.trim() === '' ? [] : similarMatches(found, state, track.id);

  const submit = (e: Event) => {
    e.preventDefault();
    const trimmed = text.trim();
    if (trimmed === '') {
      setError(t('composer.empty'));
      return;
    }
    if (max !== undefined && overLimit(trimmed, max)) {
      setError(t('composer.tooLong', { max }));
      return;
    }
    session.actions.ideas.post(track.id, trimmed, anonymous);
    setText('');
    setError(null);
    setSupported(null);
  };

  const mineToo = async (match: SimilarMatch) => {
    const done = await requests.run(() => session.actions.ideas.support(match.idea.id).then(() => true));
    if (!done) return;
    setSupported({ idea: match.idea.id, text: match.idea.text, draft: text });
    setText('');
    setError(null);
  };

  const undo = async () => {
    if (!supported || requests.busy) return;
    const done = await requests.run(() => session.actions.ideas.withdrawSupport(supported.idea).then(() => true));
    if (!done) return;
    // The draft comes back (unless something new was typed meanwhile), the focus with it.
    if (text.trim() === '') setText(supported.draft);
    setSupported(null);
    setTimeout(() => textRef.current?.focus(), 0);
  };

  const announce = supported
    ? t('similar.supported', { idea: excerpt(supported.text, 40) })
    : matches.length > 0
      ? `${t('similar.heading')} ${tn('suggest.ideaCount', matches.length)}`
      : '';

  const described = [`${id}-count`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <form class="composer" onSubmit={submit} noValidate>
      <label for={`${id}-text`} class="composer__label">
        {t('composer.label', { track: track.name })}
      </label>
      <textarea
        id={`${id}-text`}
        ref={textRef}
        class="input composer__text"
        name="idea"
        rows={3}
        maxLength={max}
        value={text}
        aria-invalid={!!error}
        aria-describedby={described}
        onInput={(e) => {
          setText(e.currentTarget.value);
          if (error) setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit(e);
        }}
      />
      {error ? (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      ) : null}
      <div class="composer__row">
        <span id={`${id}-count`} class={max !== undefined && length > max * 0.9 ? 'counter counter--near' : 'counter'}>
          {counterText(length, max)}
        </span>
        <label class="check">
          <input type="checkbox" checked={anonymous} onChange={(e) => setAnonymous(e.currentTarget.checked)} />
          <span>{t('composer.anonymous')}</span>
        </label>
        <button type="submit" class="btn btn--primary">
          {t('composer.submit')}
        </button>
      </div>
      <p class="visually-hidden" role="status">
        {announce}
      </p>
      {supported ? (
        <p class="similar__done" data-testid="similar-supported">
          <span>{t('similar.supported', { idea: excerpt(supported.text, 40) })}</span>{' '}
          <button type="button" ref={undoRef} class="btn btn--small btn--ghost" onClick={undo}>
            {t('similar.undo')}
          </button>
        </p>
      ) : null}
      {matches.length > 0 ? <SimilarPanel id={id} matches={matches} busy={requests.busy} onMineToo={mineToo} /> : null}
      <ErrorLine error={requests.error} />
    </form>
  );
}

interface PanelProps {
  id: string;
  matches: SimilarMatch[];
  busy: boolean;
  onMineToo: (match: SimilarMatch) => void;
}

/** The similar ideas under the composer: a calm, compact list. */
function SimilarPanel({ id, matches, busy, onMineToo }: PanelProps) {
  const headingId = `${id}-similar`;
  return (
    <section class="similar" aria-labelledby={headingId} data-testid="similar">
      <h3 id={headingId} class="similar__heading">
        {t('similar.heading')}
      </h3>
      <ul class="similar__list">
        {matches.map((m) => (
          <li key={m.idea.id} class="similar__item" data-idea={m.idea.id}>
            <p class="similar__text" data-clip="content" title={m.idea.text}>
              {m.idea.text}
            </p>
            <div class="similar__row">
              <span class="similar__count">{tn('support.count', m.supporters)}</span>
              {m.supported ? (
                <span class="similar__yours">{t('support.yours')}</span>
              ) : (
                <button
                  type="button"
                  class="btn btn--small similar__mine"
                  aria-label={labelWith(
                    t('similar.mineToo'),
                    t('similar.mineTooLabel', { idea: excerpt(m.idea.text) }),
                  )}
                  aria-disabled={busy || undefined}
                  onClick={() => !busy && onMineToo(m)}
                >
                  {t('similar.mineToo')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
      <p class="hint similar__anyway">{t('similar.postAnyway')}</p>
    </section>
  );
}
