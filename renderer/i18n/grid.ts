// The data grid's own strings (pagination, menus) in the chosen language.
import { enUS, ruRU, ukUA, zhCN } from '@mui/x-data-grid/locales';
import type { GridLocaleText } from '@mui/x-data-grid';

const GRID = { en: enUS, ru: ruRU, uk: ukUA, zh: zhCN } as const;

const ru = new Intl.NumberFormat('ru-RU');
/** MUI X ships the Russian pagination line untranslated ("1–25 of 300"). */
const RU_EXTRA: Partial<GridLocaleText> = {
  paginationDisplayedRows: ({ from, to, count, estimated }) => {
    const range = `${ru.format(from)}–${ru.format(to)}`;
    if (count != null && count !== -1) return `${range} из ${ru.format(count)}`;
    return `${range} из ${estimated && estimated > to ? `примерно ${ru.format(estimated)}` : `более чем ${ru.format(to)}`}`;
  },
};

export function gridLocaleText(language: string): Partial<GridLocaleText> {
  const base = (GRID[language as keyof typeof GRID] ?? enUS).components.MuiDataGrid.defaultProps.localeText;
  return language === 'ru' ? { ...base, ...RU_EXTRA } : base;
}
