// The data grid's own strings (pagination, menus) in the chosen language.
import { enUS, ruRU, ukUA, zhCN } from '@mui/x-data-grid/locales';

const GRID = { en: enUS, ru: ruRU, uk: ukUA, zh: zhCN } as const;

export function gridLocaleText(language: string) {
  return (GRID[language as keyof typeof GRID] ?? enUS).components.MuiDataGrid.defaultProps.localeText;
}
