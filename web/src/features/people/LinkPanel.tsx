import { useState } from 'preact/hooks';
import { CommandError } from '../../connection';
import { errorText, t } from '../../i18n';
import type { EventInfo, LinkRole, Member } from '../../protocol';
import { staffUrl } from '../../router';
import type { Session } from '../../session';
import { CopyField } from '../../ui/CopyField';
import { describedBy, Field } from '../../ui/Field';
import { rememberLinkToken } from './linkTokens';
import { useLimits } from '../../ui/hooks';
import './people.css';

interface Props {
  session: Session;
  event: EventInfo;
  /** A new link: its member and address (kept for this browser session). */
  onCreated?: (member: Member, url: string) => void;
  /** Lists the links made here below the form (off where a list of every link shows them). */
  showCreated?: boolean;
}

interface Created {
  key: string;
  name: string;
  role: LinkRole;
  url: string;
}

const ROLES: LinkRole[] = ['lead', 'viewer', 'facilitator'];
export const PAGE = { facilitator: 'facilitate', lead: 'lead', viewer: 'screen' } as const;

/** Facilitators create links for track leads, other facilitators and the big screen. */
export function LinkPanel({ session, event, onCreated, showCreated = true }: Props) {
  const limits = useLimits(session);
  const [role, setRole] = useState<LinkRole>('lead');
  const [track, setTrack] = useState(String(event.tracks[0]?.id ?? ''));
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created[]>([]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (name.trim() === '') {
      setError(t('links.nameRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await session.actions.people.createLink(
        role,
        name.trim(),
        role === 'lead' ? Number(track) : undefined,
      );
      rememberLinkToken(event.code, result.member.id, result.token);
      const url = staffUrl(PAGE[role], event.code, result.token);
      onCreated?.(result.member, url);
      setCreated((list) => [{ key: result.token, name: name.trim(), role, url }, ...list]);
      setName('');
    } catch (err) {
      setError(errorText(err instanceof CommandError ? err.code : 'unknown'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="panel links" aria-labelledby="links-heading">
      <h2 id="links-heading">{t('links.title')}</h2>
      <p class="muted">{t('links.intro')}</p>
      <form class="form form--inline" onSubmit={submit} noValidate>
        <Field id="link-role" label={t('links.role')}>
          <select
            id="link-role"
            class="input"
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as LinkRole)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`links.role.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        {role === 'lead' ? (
          <Field id="link-track" label={t('links.track')}>
            <select id="link-track" class="input" value={track} onChange={(e) => setTrack(e.currentTarget.value)}>
              {event.tracks.map((tr) => (
                <option key={tr.id} value={String(tr.id)}>
                  {tr.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field id="link-name" label={t('links.name')} error={error}>
          <input
            id="link-name"
            class="input"
            value={name}
            maxLength={limits?.name}
            aria-invalid={!!error}
            aria-describedby={describedBy('link-name', undefined, error)}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="btn btn--primary" disabled={busy}>
          {t('links.submit')}
        </button>
      </form>
      {showCreated && created.length > 0 ? (
        <div class="links__created">
          <h3>{t('links.created')}</h3>
          {created.map((c) => (
            <CopyField
              key={c.key}
              label={t('links.createdFor', { name: c.name, role: t(`links.role.${c.role}`) })}
              value={c.url}
            />
          ))}
        </div>
      ) : null}
    </section>
  );
}
