import { t } from '../../i18n';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { MembersPanel } from '../people/MembersPanel';
import { PeoplePanel } from '../people/PeoplePanel';
import { RosterPanel } from '../people/RosterPanel';
import { StaffLinks } from '../people/StaffLinks';
import { TablesPanel } from '../people/TablesPanel';

interface Props {
  session: Session;
  state: AppState;
}

/** People and links: the staff links, the participants, tables, every member, the roster. */
export function PeopleSection({ session, state }: Props) {
  const facilitator = state.you?.role === 'facilitator';
  return (
    <div class="cpeople">
      {facilitator ? <StaffLinks session={session} state={state} /> : null}
      <PeoplePanel session={session} state={state} controls={facilitator} />
      {facilitator ? <TablesPanel session={session} state={state} /> : null}
      <div class="cpeople__pair">
        <MembersPanel session={session} state={state} />
        {facilitator ? (
          // Importing a roster is done before the day: folded, beside the list of members.
          <details class="panel cfold" data-testid="roster-fold">
            <summary class="cfold__summary">{t('roster.title')}</summary>
            <RosterPanel session={session} state={state} />
          </details>
        ) : (
          <div />
        )}
      </div>
    </div>
  );
}
