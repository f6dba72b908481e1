import { t } from '../../i18n';
import type { RoundItemKind, Track } from '../../protocol';
import type { VotersChoice } from './eligibility';
import { effectiveVoters } from './eligibility';

interface Props {
  tracks: Track[];
  /** The round's track (null: every track) and items, which decide the default. */
  track: number | null;
  kind: RoundItemKind;
  /** The facilitator's choice; null until they make one (the default is shown). */
  choice: VotersChoice | null;
  chosen: readonly number[];
  onChoice: (choice: VotersChoice) => void;
  onChosen: (tracks: number[]) => void;
}

const CHOICES: readonly VotersChoice[] = ['track', 'everyone', 'tracks'];

/** The round form's "Who may vote": members of the track, everyone, or chosen tracks. */
export function VotersField({ tracks, track, kind, choice, chosen, onChoice, onChosen }: Props) {
  const shown = effectiveVoters(choice, track, kind);
  const toggle = (id: number, on: boolean) => onChosen(on ? [...chosen, id] : chosen.filter((c) => c !== id));
  return (
    <fieldset class="field rounds__voters" data-testid="round-voters">
      <legend>{t('rounds.voters')}</legend>
      {CHOICES.map((c) => (
        <label key={c} class="check">
          <input
            type="radio"
            name="round-voters"
            value={c}
            checked={shown === c}
            disabled={c === 'track' && track === null}
            onChange={() => onChoice(c)}
          />
          {t(`rounds.voters.${c}`)}
        </label>
      ))}
      {track === null ? <p class="hint">{t('rounds.voters.trackHint')}</p> : null}
      {shown === 'tracks' ? (
        <div class="rounds__voter-tracks" role="group" aria-label={t('rounds.voters.tracksLabel')}>
          {tracks.map((tr) => (
            <label key={tr.id} class="check">
              <input
                type="checkbox"
                checked={chosen.includes(tr.id)}
                onChange={(e) => toggle(tr.id, e.currentTarget.checked)}
              />
              {tr.name}
            </label>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}
