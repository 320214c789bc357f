import type { AreaCatalogs } from '../../i18n/area';

const en = {
  title: 'desk',
};

export const deskStrings: AreaCatalogs<typeof en> = {
  en,
  ru: { title: 'desk' },
  uk: { title: 'desk' },
  zh: { title: 'desk' },
};
