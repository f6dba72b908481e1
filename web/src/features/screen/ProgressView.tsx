import { formatLocale, t } from '../../i18n';
import type { Round, TurnoutCount } from '../../protocol';
import type { AppState } from '../../store';
import { turnoutPercent } from '../../turnout';
import { pageCount, pageOf } from './screenMode';
import { PageIndicator, usePage } from './Pager';

/** Track rows on one page. */
const ROWS_PER_PAGE = 10;

interface Props {
  state: AppState;
  round: Round | null;
}

function Bar({ count }: { count: TurnoutCount }) {
  return (
    <span class="screen-bar-meter" aria-hidden="true">
      <span class="screen-bar-meter__fill" style={{ width: `${turnoutPercent(count)}%` }} />
    </span>
  );
}

/** "38 of 60 have voted", per track with bars, live from the `turnout` reports. */
export function ProgressView({ state, round }: Props) {
  const turnout = round ? state.turnout[round.id] : undefined;
  const tracks = (state.event?.tracks ?? []).filter(
    (tr) => round !== null && (round.track === null ? turnout?.byTrack[String(tr.id)] !== undefined : false),
  );
  const pages = pageCount(tracks.length, ROWS_PER_PAGE);
  const page = usePage(pages, `progress-${round?.id ?? 0}`);
  const shown = pageOf(tracks, page, ROWS_PER_PAGE);
  const nf = new Intl.NumberFormat(formatLocale());
  const pf = new Intl.NumberFormat(formatLocale(), { style: 'percent' });

  if (!round) {
    return (
      <section class="screen-body screen-body--center" aria-labelledby="screen-progress-heading">
        <h2 id="screen-progress-heading" class="screen-message">
          {t('screen.noRound')}
        </h2>
      </section>
    );
  }
  const trackName = round.track === null ? null : state.event?.tracks.find((tr) => tr.id === round.track)?.name;
  return (
    <section class="screen-body" aria-labelledby="screen-progress-heading">
      <div class="screen-body__head">
        <h2 id="screen-progress-heading" class="screen-body__title">
          {round.title}
        </h2>
        <p class="screen-count screen-count--big">
          {trackName ?? t('screen.allTracks')} · {t(`screen.roundState.${round.state}`)}
        </p>
      </div>
      {turnout ? (
        <div class="screen-progress">
          <div class="screen-progress__total" data-testid="turnout-total">
            <p class="screen-progress__big">
              {t('screen.turnout', { voted: nf.format(turnout.voted), eligible: nf.format(turnout.eligible) })}
            </p>
            <Bar count={turnout} />
            <p class="screen-progress__pct">{pf.format(turnoutPercent(turnout) / 100)}</p>
          </div>
          {shown.items.length > 0 ? (
            <>
              <PageIndicator label="screen.pageTracks" page={page} pages={pages} total={tracks.length} {...shown} />
              <table class="screen-turnout" key={page}>
                <caption class="visually-hidden">{t('screen.turnoutByTrack')}</caption>
                <tbody>
                  {shown.items.map((tr) => {
                    const c = turnout.byTrack[String(tr.id)] as TurnoutCount;
                    return (
                      <tr key={tr.id} data-testid={`turnout-track-${tr.id}`}>
                        <th scope="row">{tr.name}</th>
                        <td class="screen-turnout__bar">
                          <Bar count={c} />
                        </td>
                        <td class="screen-turnout__num">
                          {t('screen.turnoutShort', { voted: nf.format(c.voted), eligible: nf.format(c.eligible) })}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          ) : null}
        </div>
      ) : (
        <p class="screen-message">{t('screen.turnoutSoon')}</p>
      )}
    </section>
  );
}
