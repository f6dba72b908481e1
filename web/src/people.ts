/**
 * How a person who wrote something is named: their name, or "Former participant" once a
 * facilitator erased their data (`erase_member`; the server sends `erased` and no name).
 */
import { t } from './i18n';

export function personName(p: { name: string; erased?: boolean }): string {
  return p.erased ? t('people.formerParticipant') : p.name;
}
