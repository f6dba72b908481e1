import { useState } from 'preact/hooks';
import { labelWith, t } from '../../i18n';
import type { LinkRole, Member } from '../../protocol';
import { staffUrl } from '../../router';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { isConnected } from '../../store';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { copyText } from '../../ui/CopyField';
import { useRequests } from '../../ui/hooks';
import type { MenuItem } from '../../ui/MenuButton';
import { MenuButton } from '../../ui/MenuButton';
import { ErrorLine } from '../../ui/Notices';
import { LinkPanel, PAGE } from './LinkPanel';
import { LinkQrDialog } from './LinkQrDialog';
import { forgetLinkToken, knownLinkTokens, rememberLinkToken } from './linkTokens';
import { RenameLink } from './RenameLink';
import './people.css';

interface Props {
  session: Session;
  state: AppState;
}

type StaffMember = Member & { role: LinkRole };
const ROLE_ORDER: Record<LinkRole, number> = { facilitator: 0, lead: 1, viewer: 2 };
const isLink = (m: Member): m is StaffMember => m.role !== 'participant';

type Asking = { kind: 'revoke' | 'reissue'; member: StaffMember } | { kind: 'qr'; member: Member; url: string } | null;

/**
 * Facilitators: every staff link (facilitators, track leads, screens) with its label, role,
 * track and state; rename, show its QR code, copy, revoke, re-issue; and a new link. A link's
 * address is known only in the browser that made it (kept for this browser session).
 */
export function StaffLinks({ session, state }: Props) {
  const { event, you } = state;
  const [tokens, setTokens] = useState(() => (event ? knownLinkTokens(event.code) : {}));
  const [asking, setAsking] = useState<Asking>(null);
  const [renaming, setRenaming] = useState<number | null>(null);
  const [copied, setCopied] = useState<number | null>(null);
  const { busy, error, run } = useRequests();
  if (!event || !you) return null;
  const links = Object.values(state.members)
    .filter(isLink)
    .sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.name.localeCompare(b.name) || a.id - b.id);
  const urlOf = (m: StaffMember): string | null => {
    const token = m.id === you.id ? session.token : tokens[String(m.id)];
    return token && !m.revoked ? staffUrl(PAGE[m.role], event.code, token) : null;
  };
  const trackName = (id: number | null) => event.tracks.find((tr) => tr.id === id)?.name ?? '';

  const reissue = async (m: StaffMember) => {
    const result = await run(() => session.actions.links.reissue(m.id));
    if (!result) return;
    rememberLinkToken(event.code, m.id, result.token);
    setTokens(knownLinkTokens(event.code));
    setAsking({ kind: 'qr', member: result.member, url: staffUrl(PAGE[m.role], event.code, result.token) });
  };
  const revoke = async (m: StaffMember) => {
    const done = await run(() => session.actions.links.revoke(m.id).then(() => true));
    if (!done) return;
    forgetLinkToken(event.code, m.id);
    setTokens(knownLinkTokens(event.code));
  };

  return (
    <section class="panel slinks" aria-labelledby="slinks-heading" data-testid="staff-links">
      <h2 id="slinks-heading">{t('slinks.title')}</h2>
      <p class="muted">{t('slinks.intro')}</p>
      <div class="table-scroll">
        <table class="table slinks__table">
          <thead>
            <tr>
              <th scope="col">{t('slinks.label')}</th>
              <th scope="col">{t('slinks.role')}</th>
              <th scope="col">{t('slinks.state')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('slinks.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {links.map((m) => (
              <LinkRow
                key={m.id}
                member={m}
                self={m.id === you.id}
                url={urlOf(m)}
                here={isConnected(state, m.id)}
                track={m.role === 'lead' ? trackName(m.track) : ''}
                renaming={renaming === m.id}
                copied={copied === m.id}
                session={session}
                onRename={(on) => setRenaming(on ? m.id : null)}
                onAsk={setAsking}
                onCopied={(ok) => setCopied(ok ? m.id : null)}
              />
            ))}
          </tbody>
        </table>
      </div>
      <ErrorLine error={error} />
      <details class="slinks__new">
        <summary>{t('slinks.create')}</summary>
        <LinkPanel
          session={session}
          event={event}
          showCreated={false}
          onCreated={(member, url) => {
            setTokens(knownLinkTokens(event.code));
            setAsking({ kind: 'qr', member, url });
          }}
        />
      </details>
      {asking?.kind === 'qr' ? (
        <LinkQrDialog name={asking.member.name} url={asking.url} onClose={() => setAsking(null)} />
      ) : null}
      {asking !== null && asking.kind !== 'qr' ? (
        <ConfirmDialog
          title={t(asking.kind === 'revoke' ? 'slinks.revokeTitle' : 'slinks.reissueTitle', {
            name: asking.member.name,
          })}
          yes={t(asking.kind === 'revoke' ? 'slinks.revokeYes' : 'slinks.reissueYes')}
          no={t('slinks.cancel')}
          danger={asking.kind === 'revoke'}
          busy={busy}
          onNo={() => setAsking(null)}
          onYes={() => {
            const { kind, member } = asking;
            setAsking(null);
            if (kind === 'revoke') revoke(member);
            else reissue(member);
          }}
        >
          <p>
            {asking.kind === 'revoke'
              ? t('slinks.revokeBody')
              : asking.member.revoked
                ? t('slinks.reissueRevokedBody')
                : t('slinks.reissueBody')}
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

interface RowProps {
  member: StaffMember;
  self: boolean;
  /** The link's address when this browser knows its token. */
  url: string | null;
  here: boolean;
  track: string;
  renaming: boolean;
  copied: boolean;
  session: Session;
  onRename(on: boolean): void;
  onAsk(asking: Asking): void;
  onCopied(ok: boolean): void;
}

function LinkRow({
  member: m,
  self,
  url,
  here,
  track,
  renaming,
  copied,
  session,
  onRename,
  onAsk,
  onCopied,
}: RowProps) {
  const items: MenuItem[] = [{ key: 'rename', label: t('slinks.rename'), onSelect: () => onRename(true) }];
  if (!self) {
    items.push({ key: 'reissue', label: t('slinks.reissue'), onSelect: () => onAsk({ kind: 'reissue', member: m }) });
    if (!m.revoked) {
      items.push({
        key: 'revoke',
        label: t('slinks.revoke'),
        danger: true,
        onSelect: () => onAsk({ kind: 'revoke', member: m }),
      });
    }
  }
  return (
    <tr data-member={m.id} class={m.revoked ? 'slinks__row--revoked' : undefined}>
      <th scope="row" class="slinks__name">
        {renaming ? (
          <RenameLink session={session} member={m} onDone={() => onRename(false)} />
        ) : (
          <>
            {m.name}
            {self ? <span class="muted"> {t('slinks.you')}</span> : null}
          </>
        )}
      </th>
      <td>
        {t(`links.role.${m.role}`)}
        {track ? <span class="muted"> · {track}</span> : null}
      </td>
      <td>
        <span class={m.revoked ? 'chip chip--hidden' : 'chip chip--ok'} data-testid={`link-state-${m.id}`}>
          {m.revoked ? t('slinks.revoked') : t('slinks.active')}
        </span>{' '}
        <span class={here ? 'slinks__here slinks__here--on' : 'slinks__here'}>
          <span class={here ? 'dot dot--on' : 'dot'} aria-hidden="true" />
          {here ? t('members.connected') : t('members.away')}
        </span>
      </td>
      <td class="slinks__actions">
        {url ? (
          <>
            <button
              type="button"
              class="btn btn--small"
              aria-label={labelWith(t('slinks.qr'), t('slinks.qrLabel', { name: m.name }))}
              onClick={() => onAsk({ kind: 'qr', member: m, url })}
            >
              {t('slinks.qr')}
            </button>
            <button
              type="button"
              class="btn btn--small btn--ghost"
              aria-label={labelWith(t('slinks.copy'), t('slinks.copyLabel', { name: m.name }))}
              onClick={async () => onCopied(await copyText(url, null))}
            >
              {t('slinks.copy')}
            </button>
            <span class="slinks__copied" role="status">
              {copied ? t('copy.copied') : ''}
            </span>
          </>
        ) : self ? null : (
          <button type="button" class="btn btn--small btn--ghost" onClick={() => onAsk({ kind: 'reissue', member: m })}>
            {m.revoked ? t('slinks.reissueRevoked') : t('slinks.reissueToShow')}
          </button>
        )}
        <MenuButton label={t('slinks.menu', { name: m.name })} items={items}>
          <span aria-hidden="true">⋯</span>
        </MenuButton>
      </td>
    </tr>
  );
}
