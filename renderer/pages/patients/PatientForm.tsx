// New/edit patient dialog. Checks for duplicates while typing (same phone in
// any format, or same name + birth date) and offers "open existing" or
// "create anyway". What is typed is kept as a draft until it is saved, so a
// lost connection, an expired session or a reload loses nothing.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  Alert, Box, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Grid, List, ListItemButton, ListItemText, MenuItem, TextField,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate, Patient } from '../../../shared/api/patients';
import type { Source } from '../../../shared/api/settings';
import { formatPhone } from '../../../shared/domain/phone';
import { api, ApiClientError } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { formatDate } from '../../i18n';
import { navigate } from '../../route';

interface FormState {
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  sex: '' | 'male' | 'female';
  phone: string;
  email: string;
  city: string;
  address: string;
  sourceId: number | '';
  referralNote: string;
  consentSms: boolean;
  consentEmail: boolean;
  comment: string;
}

const EMPTY: FormState = {
  lastName: '', firstName: '', middleName: '', birthDate: '', sex: '', phone: '', email: '', city: '', address: '',
  sourceId: '', referralNote: '', consentSms: false, consentEmail: false, comment: '',
};

function fromPatient(p: Patient): FormState {
  return {
    lastName: p.lastName, firstName: p.firstName, middleName: p.middleName ?? '', birthDate: p.birthDate ?? '', sex: p.sex ?? '',
    phone: p.phone ? formatPhone(p.phone) : '', email: p.email ?? '', city: p.city ?? '', address: p.address ?? '',
    sourceId: p.sourceId ?? '', referralNote: p.referralNote ?? '', consentSms: p.consentSms, consentEmail: p.consentEmail, comment: p.comment ?? '',
  };
}

function toInput(f: FormState) {
  return {
    lastName: f.lastName, firstName: f.firstName, middleName: f.middleName || null, birthDate: f.birthDate || null, sex: f.sex || null,
    phone: f.phone || null, email: f.email || null, city: f.city || null, address: f.address || null,
    sourceId: f.sourceId === '' ? (undefined as unknown as number) : f.sourceId, referralNote: f.referralNote || null,
    consentSms: f.consentSms, consentEmail: f.consentEmail, comment: f.comment || null,
  };
}

function readDraft(key: string): FormState | null {
  try {
    const raw = localStorage.getItem(key);
    return raw ? { ...EMPTY, ...(JSON.parse(raw) as FormState) } : null;
  } catch {
    return null;
  }
}

export function PatientForm({ patient, phone, onClose, onSaved }: { patient?: Patient; /** A new patient's phone, filled in (the incoming call card). */ phone?: string; onClose(): void; onSaved(p: Patient): void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const draftKey = `clinic.draft.patient.${patient?.id ?? 'new'}`;
  const initialDraft = useMemo(() => readDraft(draftKey), [draftKey]);
  const [form, setForm] = useState<FormState>(() => (phone ? { ...(initialDraft ?? EMPTY), phone } : (initialDraft ?? (patient ? fromPatient(patient) : EMPTY))));
  const [updatedAt, setUpdatedAt] = useState(patient?.updatedAt ?? '');
  const [sources, setSources] = useState<Source[]>([]);
  const [duplicates, setDuplicates] = useState<DuplicateCandidate[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [badFields, setBadFields] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api('sources.list', {}).then(setSources, () => undefined);
  }, []);

  useEffect(() => {
    localStorage.setItem(draftKey, JSON.stringify(form));
  }, [draftKey, form]);

  // Live duplicate check, debounced, on the fields that identify a person.
  useEffect(() => {
    const timer = setTimeout(() => {
      const probe = {
        phone: form.phone.replace(/\D/g, '').length >= 7 ? form.phone : null,
        lastName: form.lastName || null,
        firstName: form.firstName || null,
        birthDate: /^\d{4}-\d{2}-\d{2}$/.test(form.birthDate) ? form.birthDate : null,
        ...(patient ? { excludeId: patient.id } : {}),
      };
      if (!probe.phone && !probe.birthDate) return setDuplicates([]);
      api('patients.duplicates', probe).then(setDuplicates, () => undefined);
    }, 300);
    return () => clearTimeout(timer);
  }, [form.phone, form.lastName, form.firstName, form.birthDate, patient]);

  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));

  const save = async (force: boolean) => {
    setBusy(true);
    setError(null);
    setBadFields([]);
    try {
      const saved = patient
        ? await api('patients.update', { ...toInput(form), id: patient.id, updatedAt, force })
        : await api('patients.create', { ...toInput(form), force });
      localStorage.removeItem(draftKey);
      onSaved(saved);
    } catch (e) {
      if (e instanceof ApiClientError && e.code === 'duplicate') setDuplicates(e.current as DuplicateCandidate[]);
      if (e instanceof ApiClientError && e.code === 'conflict' && e.current) {
        // Show what the other workstation saved; the user re-applies the change.
        const current = e.current as Patient;
        setForm(fromPatient(current));
        setUpdatedAt(current.updatedAt);
      }
      if (e instanceof ApiClientError) setBadFields(e.fields);
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };

  const cancel = () => {
    localStorage.removeItem(draftKey);
    onClose();
  };

  const text = (key: keyof FormState, props: Record<string, unknown> = {}) => (
    <TextField
      fullWidth
      size="small"
      label={t(`patient.${key}`)}
      value={form[key] as string}
      onChange={(e) => set(key, e.target.value as never)}
      error={badFields.includes(key)}
      helperText={badFields.includes(key) ? t('errors.invalid_field') : undefined}
      name={key}
      slotProps={{ htmlInput: { 'data-testid': `patient-${key}` } }}
      {...props}
    />
  );

  return (
    <Dialog open onClose={(_e, reason) => reason !== 'backdropClick' && onClose()} maxWidth="md" fullWidth>
      <Box component="form" onSubmit={submit} noValidate>
        <DialogTitle>{patient ? t('patient.editTitle') : t('patient.newTitle')}</DialogTitle>
        <DialogContent dividers>
          {initialDraft && <Alert severity="info" sx={{ mb: 2 }}>{t('patient.draftRestored')}</Alert>}
          {error && (
            <Alert severity="error" sx={{ mb: 2 }} data-testid="form-error">
              {error}
            </Alert>
          )}
          {duplicates.length > 0 && (
            <Alert severity="warning" sx={{ mb: 2 }} data-testid="duplicate-warning">
              <strong>{t('patient.duplicatesTitle')}</strong>
              <List dense>
                {duplicates.map((d) => (
                  <ListItemButton key={d.id} onClick={() => { onClose(); navigate(`patients/${d.id}`); }} data-testid="open-existing">
                    <ListItemText
                      primary={`${d.lastName} ${d.firstName} ${d.middleName ?? ''} · ${formatDate(d.birthDate)} · ${formatPhone(d.phone)}`}
                      secondary={`${d.match === 'phone' ? t('patient.duplicateByPhone') : t('patient.duplicateByNameBirth')} — ${t('patient.openExisting')}`}
                    />
                  </ListItemButton>
                ))}
              </List>
            </Alert>
          )}
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 4 }}>{text('lastName', { required: true, autoFocus: true })}</Grid>
            <Grid size={{ xs: 12, sm: 4 }}>{text('firstName', { required: true })}</Grid>
            <Grid size={{ xs: 12, sm: 4 }}>{text('middleName')}</Grid>
            <Grid size={{ xs: 12, sm: 4 }}>{text('birthDate', { type: 'date', slotProps: { inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'patient-birthDate' } } })}</Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <TextField select fullWidth size="small" label={t('patient.sex')} value={form.sex} onChange={(e) => set('sex', e.target.value as FormState['sex'])}>
                <MenuItem value="">{t('patient.unknownSex')}</MenuItem>
                <MenuItem value="male">{t('patient.male')}</MenuItem>
                <MenuItem value="female">{t('patient.female')}</MenuItem>
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>{text('phone', { type: 'tel' })}</Grid>
            <Grid size={{ xs: 12, sm: 4 }}>{text('email', { type: 'email' })}</Grid>
            <Grid size={{ xs: 12, sm: 4 }}>{text('city')}</Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <TextField
                select
                required
                fullWidth
                size="small"
                label={t('patient.source')}
                value={form.sourceId}
                onChange={(e) => set('sourceId', Number(e.target.value))}
                error={badFields.includes('sourceId')}
                helperText={badFields.includes('sourceId') ? t('errors.invalid_field') : undefined}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'patient-sourceId' } as object } }}
              >
                {sources.map((s) => (
                  <MenuItem key={s.id} value={s.id}>
                    {s.name}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 8 }}>{text('address')}</Grid>
            <Grid size={{ xs: 12, sm: 4 }}>{text('referralNote')}</Grid>
            <Grid size={{ xs: 12 }}>{text('comment', { multiline: true, minRows: 2 })}</Grid>
            <Grid size={{ xs: 12 }}>
              <FormControlLabel control={<Checkbox checked={form.consentSms} onChange={(e) => set('consentSms', e.target.checked)} />} label={t('patient.consentSms')} />
              <FormControlLabel control={<Checkbox checked={form.consentEmail} onChange={(e) => set('consentEmail', e.target.checked)} />} label={t('patient.consentEmail')} />
            </Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={cancel}>{t('patient.cancel')}</Button>
          {duplicates.length > 0 && (
            <Button color="warning" onClick={() => void save(true)} disabled={busy} data-testid="create-anyway">
              {patient ? t('patient.saveAnyway') : t('patient.createAnyway')}
            </Button>
          )}
          <Button type="submit" variant="contained" disabled={busy} data-testid="patient-save">
            {t('patient.save')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
