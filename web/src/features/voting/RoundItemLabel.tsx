import { t, tn } from '../../i18n';
import type { RoundItem } from './roundItems';

interface Props {
  item: RoundItem;
  class: string;
}

/** The line under a round item's text: an idea's author, a cluster's idea count, a proposal's team. */
export function itemDetailText(item: RoundItem): string | null {
  if (item.text === null) return null;
  switch (item.kind) {
    case 'ideas':
      return `${item.author ?? t('idea.anonymous')}${item.own ? ` ${t('idea.you')}` : ''}`;
    case 'clusters': {
      const count = tn('vote.clusterIdeas', item.ideas ?? 0);
      return item.own ? `${count} · ${t('vote.holdsYours')}` : count;
    }
    case 'proposals':
      if (item.people.length === 0) return item.own ? t('vote.yourTeam') : null;
      return `${t('vote.team', { names: item.people.join(', ') })}${item.own ? ` ${t('vote.yourTeam')}` : ''}`;
  }
}

/** `itemDetailText` as a paragraph, or nothing. */
export function ItemDetail({ item, class: cls }: Props) {
  const text = itemDetailText(item);
  return text === null ? null : <p class={cls}>{text}</p>;
}
