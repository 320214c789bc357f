import type { AreaCatalogs } from '../../i18n/area';

const en = {
  title: 'book',
};

export const bookStrings: AreaCatalogs<typeof en> = {
  en,
  ru: { title: 'book' },
  uk: { title: 'book' },
  zh: { title: 'book' },
};
