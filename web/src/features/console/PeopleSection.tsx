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
      <div class="cpeople__pair">
        <div>
          {facilitator ? <TablesPanel session={session} state={state} /> : null}
          <MembersPanel session={session} state={state} />
        </div>
        <div>{facilitator ? <RosterPanel session={session} state={state} /> : null}</div>
      </div>
    </div>
  );
}
