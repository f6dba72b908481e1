import { useEffect, useRef } from 'preact/hooks';
import { t, tn } from '../../i18n';
import type { EventInfo, RosterMember, Table } from '../../protocol';
import { personalLink } from './roster';
import type { AppState } from '../../store';
import { QrCode } from '../../ui/QrCode';

interface Props {
  event: EventInfo;
  state: AppState;
  imported: { members: RosterMember[]; tables: Table[] };
}

const QR_SIZE = 132;

/**
 * The badges of the people just imported: name, organisation, track and table, whether they
 * are named in the report (and where to change it), and their personal link as text and QR code. Printed on A4 by the print stylesheet, without the rest
 * of the page. The links exist only here: the server keeps only their hashes.
 */
export function BadgeSheet({ event, state, imported }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [imported]);
  const trackName = (id: number | null) => event.tracks.find((tr) => tr.id === id)?.name ?? '';
  const tableName = (id: number | null) =>
    id === null ? null : (imported.tables.find((tb) => tb.id === id)?.name ?? state.tables[id]?.name ?? null);

  return (
    <div class="badge-sheet" aria-labelledby="badges-heading" role="region">
      <div class="badge-sheet__head">
        <h3 id="badges-heading" ref={heading} tabIndex={-1}>
          {tn('roster.imported', imported.members.length)}
        </h3>
        <p class="badge-sheet__warning" role="note">
          {t('roster.onlyOnce')}
        </p>
        <button type="button" class="btn btn--primary" onClick={() => window.print()}>
          {t('roster.print')}
        </button>
      </div>
      <ul class="badge-sheet__list" aria-label={t('roster.badges')}>
        {imported.members.map((m) => {
          const link = personalLink(location.origin, event.code, m.token);
          const table = tableName(m.table);
          return (
            <li key={m.id} class="name-badge" data-testid="name-badge">
              <p class="name-badge__event">{event.title}</p>
              <p class="name-badge__name">{m.name}</p>
              {m.organisation ? <p class="name-badge__org">{m.organisation}</p> : null}
              <p class="name-badge__seat">
                {table === null
                  ? t('roster.badgeTrack', { track: trackName(m.track) })
                  : t('roster.badgeSeat', { track: trackName(m.track), table })}
              </p>
              <p class="name-badge__credit" data-testid="badge-credit">
                {t(m.credit ? 'roster.badgeCredited' : 'roster.badgeNotCredited')}
              </p>
              <div class="name-badge__link">
                <QrCode url={link} size={QR_SIZE} />
                <p class="name-badge__url">
                  <span class="name-badge__scan">{t('roster.scan')}</span>
                  <span class="name-badge__href" data-testid="personal-link">
                    {link}
                  </span>
                </p>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
