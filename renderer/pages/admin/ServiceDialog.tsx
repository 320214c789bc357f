// New / edit service. The price is typed in major units and sent as integer
// minor units; changing the price of an existing service asks from which day
// the new price applies (earlier visits keep the price they were charged).
import type { FormEvent } from 'react';
import { Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Grid, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Service } from '../../../shared/api/services';
import { api } from '../../api/client';
import { formatDate, formatMoney } from '../../i18n';
import { CodeField, useCodeLabel, useFormState, type FieldErrors } from './common';
import { isIsoDate, today } from './dates';
import { moneyText, parseMoney } from '../../../shared/domain/money-input';

interface Form {
  code: string;
  name: string;
  category: string;
  specialty: string;
  durationMin: string;
  price: string;
  recallDays: string;
  active: boolean;
  priceFrom: string;
}

function fromService(s?: Service): Form {
  return {
    code: s?.code ?? '',
    name: s?.name ?? '',
    category: s?.category ?? '',
    specialty: s?.specialty ?? '',
    durationMin: String(s?.durationMin ?? 30),
    price: s ? moneyText(s.price) : '',
    recallDays: s?.recallDays ? String(s.recallDays) : '',
    active: s?.active ?? true,
    priceFrom: today(),
  };
}

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
}

export function ServiceDialog(props: {
  service?: Service;
  currency: string;
  categories: string[];
  specialties: string[];
  onClose(): void;
  onSaved(service: Service, message: string): void;
}) {
  const { service, currency } = props;
  const { t } = useTranslation('admin');
  const label = useCodeLabel();
  const labels: Record<string, string> = {
    code: t('services.code'),
    name: t('services.name'),
    category: t('services.category'),
    specialty: t('services.specialty'),
    durationMin: t('services.durationMin'),
    price: t('services.price'),
    recallDays: t('services.recallDays'),
    priceFrom: t('services.priceFrom'),
  };
  const { form, set, errors, message, busy, check, save } = useFormState<Form>(() => fromService(service), labels);

  const price = parseMoney(form.price);
  const priceChanged = !!service && price !== null && price !== service.price;


  const validate = (): FieldErrors => {
    const e: FieldErrors = {};
    if (!form.code.trim()) e.code = t('errors.required');
    if (!form.name.trim()) e.name = t('errors.required');
    if (!form.category.trim()) e.category = t('errors.required');
    if (wholeNumber(form.durationMin, 5, 480) === null) e.durationMin = t('errors.wholeNumber', { min: 5, max: 480 });
    if (price === null) e.price = t('errors.money');
    if (form.recallDays.trim() && wholeNumber(form.recallDays, 1, 3650) === null) e.recallDays = t('errors.wholeNumber', { min: 1, max: 3650 });
    if (priceChanged && !isIsoDate(form.priceFrom)) e.priceFrom = t('errors.date');
    return e;
  };

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    if (!check(validate())) return;
    const fields = {
      code: form.code.trim(),
      name: form.name.trim(),
      category: form.category.trim(),
      specialty: form.specialty.trim() || null,
      durationMin: Number(form.durationMin),
      recallDays: form.recallDays.trim() ? Number(form.recallDays) : null,
      active: form.active,
    };
    await save(async () => {
      if (!service) {
        const saved = await api('services.create', { ...fields, price: price! });
        props.onSaved(saved, t('services.created'));
      } else {
        const saved = await api('services.update', {
          id: service.id,
          ...fields,
          ...(priceChanged ? { price: price!, priceFrom: form.priceFrom } : {}),
        });
        const planned = priceChanged && form.priceFrom > today();
        props.onSaved(saved, planned ? t('services.pricePlanned', { date: formatDate(form.priceFrom) }) : t('services.updated'));
      }
    }, t('errors.serviceCodeTaken'));
  };

  const text = (key: Exclude<keyof Form, 'active'>, extra: { helperText?: string; slotProps?: object; [prop: string]: unknown } = {}) => {
    const { helperText, slotProps, ...rest } = extra;
    return (
      <TextField
        fullWidth
        size="small"
        name={key}
        label={labels[key]}
        value={form[key]}
        onChange={(e) => set(key, e.target.value)}
        error={!!errors[key]}
        {...rest}
        helperText={errors[key] ?? helperText}
        slotProps={slotProps ?? { htmlInput: { 'data-testid': `service-${key}` } }}
      />
    );
  };

  return (
    <Dialog open onClose={(_e, reason) => reason !== 'backdropClick' && props.onClose()} maxWidth="md" fullWidth>
      <Box component="form" onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle>{service ? t('services.editTitle') : t('services.newTitle')}</DialogTitle>
        <DialogContent dividers>
          {message && (
            <Alert severity="error" sx={{ mb: 2 }} data-testid="service-error">
              {message}
            </Alert>
          )}
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 4 }}>{text('code', { required: true, autoFocus: !service })}</Grid>
            <Grid size={{ xs: 12, sm: 8 }}>{text('name', { required: true, autoFocus: !!service })}</Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <CodeField
                required
                label={labels.category}
                value={form.category}
                options={props.categories}
                display={(c) => label('category', c)}
                onChange={(c) => set('category', c)}
                error={errors.category}
                testId="service-category"
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <CodeField
                label={labels.specialty}
                value={form.specialty}
                options={props.specialties}
                display={(c) => label('specialty', c)}
                onChange={(c) => set('specialty', c)}
                error={errors.specialty}
                helperText={form.specialty ? undefined : t('services.noSpecialty')}
                testId="service-specialty"
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>{text('durationMin', { slotProps: { htmlInput: { inputMode: 'numeric', 'data-testid': 'service-durationMin' } } })}</Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              {text('price', {
                required: true,
                label: t('services.priceInput', { currency }),
                slotProps: { htmlInput: { inputMode: 'decimal', 'data-testid': 'service-price' } },
              })}
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              {text('recallDays', { helperText: t('services.recallHint'), slotProps: { htmlInput: { inputMode: 'numeric', 'data-testid': 'service-recallDays' } } })}
            </Grid>
            {priceChanged && (
              <>
                <Grid size={12}>
                  <Alert severity="info" data-testid="service-price-change">
                    {t('services.priceChanged', { old: formatMoney(service.price, currency), new: formatMoney(price, currency) })} {t('services.priceFromHint')}
                  </Alert>
                </Grid>
                <Grid size={{ xs: 12, sm: 6 }}>
                  {text('priceFrom', {
                    type: 'date',
                    required: true,
                    slotProps: { inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'service-priceFrom' } },
                  })}
                </Grid>
              </>
            )}
            <Grid size={{ xs: 12, sm: 6 }}>
              <FormControlLabel
                control={<Checkbox checked={form.active} onChange={(e) => set('active', e.target.checked)} slotProps={{ input: { 'data-testid': 'service-active' } as object }} />}
                label={t('services.active')}
              />
            </Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy} data-testid="service-save">
            {t('common.save')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
