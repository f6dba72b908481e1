import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { MessageKey } from '../../i18n';
import { formatNumber, t } from '../../i18n';
import type { Session } from '../../session';
import type { AppState } from '../../store';
import { participantCount } from '../../store';
import { DraftingPanel } from '../drafting/DraftingPanel';
import { FinalSelectionPanel } from '../report/FinalSelectionPanel';
import { ReportView } from '../report/ReportView';
import { RoundsPanel } from '../voting/RoundsPanel';
import { ConsoleNav } from './ConsoleNav';
import { IdeasSection } from './IdeasSection';
import { LiveSection } from './LiveSection';
import { PeopleSection } from './PeopleSection';
import type { SectionId } from './sections';
import { SECTIONS, useSection } from './sections';
import { SettingsSection } from './SettingsSection';
import { StickyBar } from './StickyBar';
import { TrashPanel } from './TrashPanel';
import { usePhaseJump } from './usePhaseJump';
import './console.css';
import './ideas.css';
import './sections.css';

interface Props {
  session: Session;
  state: AppState;
  /** This page's path (`/facilitate/CODE`, `/lead/CODE`), for links to the proposals. */
  base: string;
}

/**
 * The console of facilitators and track leads: a bar always in view (phase, timer, who is
 * here), the sections in a sidebar (tabs on phones), one section at a time.
 */
export function StaffBoard({ session, state, base }: Props) {
  const { event, you } = state;
  const [section, setSection] = useSection();
  const facilitator = you?.role === 'facilitator';
  const jump = usePhaseJump(session, state.agenda, state.clockOffset);
  const frame = useStickyOffsets();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const shown = useRef(section);
  // A new section starts at its top, its heading focused (not on the first load).
  useEffect(() => {
    if (shown.current === section) return;
    shown.current = section;
    window.scrollTo(0, 0);
    headingRef.current?.focus();
  }, [section]);
  if (!event || !you) return null;
  const sections: readonly SectionId[] = facilitator ? SECTIONS : SECTIONS.filter((s) => s !== 'settings');
  const current = sections.includes(section) ? section : 'live';

  return (
    <div class="capp" ref={frame}>
      <StickyBar session={session} state={state} jump={jump} controls={facilitator} />
      <ConsoleNav current={current} sections={sections} badges={badgesOf(state)} onSelect={setSection} />
      <div class="capp__main" data-section={current}>
        <h1
          class={SELF_TITLED.has(current) ? 'csection__title visually-hidden' : 'csection__title'}
          tabIndex={-1}
          ref={headingRef}
        >
          {t(`console.section.${current}` as MessageKey)}
          <span class="visually-hidden"> · {event.title}</span>
        </h1>
        <Section id={current} session={session} state={state} base={base} jump={jump} />
      </div>
      {jump.dialog}
    </div>
  );
}

/** Sections whose one panel carries the section's name as its heading. */
const SELF_TITLED: ReadonlySet<SectionId> = new Set(['voting', 'proposals', 'report']);

function Section({
  id,
  session,
  state,
  base,
  jump,
}: Parameters<typeof LiveSection>[0] & { id: SectionId; base: string }): ComponentChildren {
  const facilitator = state.you?.role === 'facilitator';
  switch (id) {
    case 'live':
      return <LiveSection session={session} state={state} jump={jump} />;
    case 'ideas':
      return <IdeasSection session={session} state={state} />;
    case 'voting':
      return <RoundsPanel session={session} state={state} controls={facilitator} />;
    case 'proposals':
      return (
        <>
          <DraftingPanel session={session} state={state} base={base} />
          <TrashPanel session={session} state={state} />
        </>
      );
    case 'report':
      return facilitator ? (
        <FinalSelectionPanel session={session} state={state} />
      ) : (
        <ReportView session={session} state={state} />
      );
    case 'people':
      return <PeopleSection session={session} state={state} />;
    case 'settings':
      return <SettingsSection session={session} state={state} />;
  }
}

/** The figures beside the sections' names. */
function badgesOf(state: AppState): Partial<Record<SectionId, string>> {
  const ideas = Object.values(state.ideas).filter((i) => !i.hidden).length;
  const open = Object.values(state.rounds).some((r) => r.state === 'open');
  const trash = Object.keys(state.trash).length;
  return {
    ideas: formatNumber(ideas),
    voting: open ? t('console.badge.open') : undefined,
    proposals: formatNumber(Object.keys(state.proposals).length) + (trash > 0 ? ` · ${t('console.badge.trash')}` : ''),
    report: state.report?.published ? t('console.badge.published') : undefined,
    people: formatNumber(participantCount(state)),
  };
}

/**
 * Keeps the heights of the page's sticky top bar and of the console's bar in CSS variables,
 * so the console's bar and the sidebar stick right beneath them.
 */
function useStickyOffsets() {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const root = ref.current;
    if (!root) return undefined;
    const topbar = document.querySelector<HTMLElement>('.topbar');
    const bar = root.querySelector<HTMLElement>('.cbar');
    const measure = () => {
      root.style.setProperty('--topbar-h', `${topbar?.offsetHeight ?? 0}px`);
      root.style.setProperty('--cbar-h', `${bar?.offsetHeight ?? 0}px`);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(measure);
    if (topbar) observer.observe(topbar);
    if (bar) observer.observe(bar);
    return () => observer.disconnect();
  }, []);
  return ref;
}
