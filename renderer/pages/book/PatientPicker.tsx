// Find a patient as you type (name, phone digits, e-mail): each option shows
// the name, birth date and phone, so two namesakes are told apart.
import { useEffect, useState } from 'react';
import { Autocomplete, Box, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../shared/domain/phone';
import { api } from '../../api/client';
import { formatDate } from '../../i18n';
import { patientName } from './book-utils';

export interface PatientOption {
  id: number;
  name: string;
  birthDate: string | null;
  phone: string | null;
}

export function PatientPicker({
  value,
  onChange,
  autoFocus,
  error,
}: {
  value: PatientOption | null;
  onChange(p: PatientOption | null): void;
  autoFocus?: boolean;
  error?: boolean;
}) {
  const { t } = useTranslation('book');
  const [input, setInput] = useState('');
  const [options, setOptions] = useState<PatientOption[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    const query = input.trim();
    if (value && input === value.name) return;
    if (query.length < 2) {
      setOptions([]);
      return;
    }
    let alive = true;
    const timer = setTimeout(() => {
      setLoading(true);
      api('patients.search', { query, limit: 20 })
        .then((r) => {
          if (!alive) return;
          setOptions(r.items.map((p) => ({ id: p.id, name: patientName(p), birthDate: p.birthDate, phone: p.phone })));
        }, () => undefined)
        .finally(() => alive && setLoading(false));
    }, 200);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [input, value]);

  return (
    <Autocomplete
      value={value}
      onChange={(_e, v) => onChange(v)}
      inputValue={input}
      onInputChange={(_e, v) => setInput(v)}
      options={value && !options.some((o) => o.id === value.id) ? [value, ...options] : options}
      filterOptions={(x) => x}
      getOptionLabel={(o) => o.name}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      loading={loading}
      autoHighlight
      loadingText={t('patient.searching')}
      noOptionsText={input.trim().length < 2 ? t('patient.typeToSearch') : t('patient.notFound')}
      renderOption={(props, o) => {
        const { key, ...rest } = props as typeof props & { key: string };
        return (
          <Box component="li" key={key} {...rest} data-testid={`patient-option-${o.id}`}>
            <Box sx={{ display: 'flex', flexDirection: 'column' }}>
              <Typography variant="body2" sx={{ fontWeight: 500 }}>
                {o.name}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {[o.birthDate ? formatDate(o.birthDate) : t('patient.noBirthDate'), o.phone ? formatPhone(o.phone) : t('patient.noPhone')].join(' · ')}
              </Typography>
            </Box>
          </Box>
        );
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          size="small"
          label={t('patient.label')}
          placeholder={t('patient.placeholder')}
          autoFocus={autoFocus}
          required
          error={error}
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'booking-patient' } }}
        />
      )}
    />
  );
}
