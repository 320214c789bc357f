import { MenuItem, Select } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../shared/api/settings';
import { LANGUAGE_NAMES, setLocale } from '../i18n';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <Select
      size="small"
      value={i18n.language}
      onChange={(e) => setLocale(e.target.value as Locale)}
      inputProps={{ 'aria-label': t('app.language') }}
      sx={{ color: 'inherit', '.MuiOutlinedInput-notchedOutline': { borderColor: 'rgba(255,255,255,0.5)' }, '.MuiSvgIcon-root': { color: 'inherit' } }}
      data-testid="language"
    >
      {LOCALES.map((l) => (
        <MenuItem key={l} value={l}>
          {LANGUAGE_NAMES[l]}
        </MenuItem>
      ))}
    </Select>
  );
}
