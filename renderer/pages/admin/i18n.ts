import type { AreaCatalogs } from '../../i18n/area';

const en = {
  title: 'admin',
};

export const adminStrings: AreaCatalogs<typeof en> = {
  en,
  ru: { title: 'admin' },
  uk: { title: 'admin' },
  zh: { title: 'admin' },
};
