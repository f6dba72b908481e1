import { t } from '../../i18n';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { templateLocked } from '../drafting/drafting';
import { FreezeSwitch } from '../drafting/FreezeSwitch';
import { TemplateEditor } from '../drafting/TemplateEditor';
import { GroupsPanel } from '../people/GroupsPanel';
import { JoinSwitch } from '../people/JoinSwitch';
import { AgendaSettings } from './AgendaPanel';
import { LanguagePanel } from './LanguagePanel';
import { TrackPace } from './TrackPace';

interface Props {
  session: Session;
  state: AppState;
}

/**
 * The event's settings (facilitators): the agenda, self-join, the event's language, the
 * stakeholder groups, the
 * tracks' pace, the proposal
 * template, and apart from them a danger zone (freezing every proposal).
 */
export function SettingsSection({ session, state }: Props) {
  const { event, you, agenda } = state;
  if (!event || !you) return null;
  const paced = agenda?.trackPacing === true;
  return (
    <div class="csettings">
      <div class="csettings__col">
        <AgendaSettings session={session} agenda={agenda} />
        <section class="panel" aria-labelledby="settings-join-heading">
          <h2 id="settings-join-heading">{t('settings.join')}</h2>
          <JoinSwitch session={session} selfJoin={state.selfJoin} controls />
        </section>
        <LanguagePanel session={session} event={event} />
        <GroupsPanel session={session} state={state} />
        {paced ? (
          <section class="panel" aria-labelledby="settings-pace-heading">
            <h2 id="settings-pace-heading">{t('settings.pace')}</h2>
            <div class="csettings__paces">
              {event.tracks.map((track) => (
                <div key={track.id}>
                  <h3 class="csettings__track">{track.name}</h3>
                  <TrackPace session={session} agenda={agenda} track={track} you={you} />
                </div>
              ))}
            </div>
          </section>
        ) : null}
      </div>
      <div class="csettings__col">
        <section class="panel" aria-label={t('settings.template')}>
          <TemplateEditor session={session} template={state.template} locked={templateLocked(state)} />
        </section>
        <section class="panel danger-zone" aria-labelledby="danger-heading" data-testid="danger-zone">
          <h2 id="danger-heading">{t('settings.danger')}</h2>
          <p class="muted">{t('settings.freezeHint')}</p>
          <FreezeSwitch session={session} frozen={state.frozen} controls />
        </section>
      </div>
    </div>
  );
}
