/**
 * Which language this device shows: chosen once with the picker and remembered in
 * localStorage; on a first visit, the browser's. `<html lang>` follows every change.
 */
import { initialLanguage, onLanguageChange, switchLanguage } from './index';
import { keys, localStore } from '../storage';

/** The language to start in (see initialLanguage). */
export function startingLanguage(): string {
  const wanted = [...(navigator.languages ?? []), navigator.language].filter(Boolean);
  return initialLanguage(localStore().getItem(keys.language), location.search, wanted);
}

/**
 * Starts the app in its language: `<html lang>` set and kept in step, and the catalogue
 * loaded (English if it cannot be fetched). Resolves when the first render may happen.
 */
export async function startLanguage(): Promise<void> {
  onLanguageChange((language) => {
    document.documentElement.lang = language;
  });
  const language = startingLanguage();
  document.documentElement.lang = 'en';
  if (language === 'en') return;
  try {
    await switchLanguage(language);
  } catch {
    // Offline before this language was ever fetched: English until it can be.
  }
}

/** The picker's choice: shown at once, and remembered on this device. */
export async function chooseLanguage(language: string): Promise<void> {
  await switchLanguage(language);
  localStore().setItem(keys.language, language);
}
