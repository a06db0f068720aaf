import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import type { enAdmin } from './en/admin-areas';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** Every area's strings: those every page may need and the admin pages' own. */
type AllStrings = typeof en & typeof enAdmin;

/** What another language's catalogue must hold: every key of the English one. */
export type Catalogue = Strings<AllStrings>;

export const resources = { en: { translation: en } } as const;

/** Languages with a catalogue; a new one is a folder beside en/ and an entry in `resources`. */
export const languages = Object.keys(resources) as (keyof typeof resources)[];

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  initAsync: false,
});

let adminStrings: Promise<void> | undefined;

/**
 * Adds the admin pages' strings to the catalogue, once: awaited before an admin route renders, so
 * its first paint has them, and a failed download is tried again on the next navigation.
 */
export function loadAdminStrings(): Promise<void> {
  adminStrings ??= import('./en/admin-areas').then(
    ({ enAdmin }) => {
      i18n.addResourceBundle('en', 'translation', enAdmin, true, false);
    },
    (error: unknown) => {
      adminStrings = undefined;
      throw error;
    },
  );
  return adminStrings;
}

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: AllStrings };
  }
}
