import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** What another language's catalogue must hold: every key of the English one. */
export type Catalogue = Strings<typeof en>;

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

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
  }
}
