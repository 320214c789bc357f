// A patient without a booking: find or create them, say what they need (a
// specialty or a service), take the fair proposal — or another doctor on
// shift — and put them in that doctor's live queue.
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Alert, Autocomplete, Box, Button, Chip, List, ListItemButton, ListItemText, MenuItem, Paper, Stack, TextField, Typography, alpha,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Patient, PatientListItem } from '../../../shared/api/patients';
import type { TriageProposal } from '../../../shared/api/queue';
import type { Service } from '../../../shared/api/services';
import type { Doctor } from '../../../shared/api/schedules';
import { formatPhone } from '../../../shared/domain/phone';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { formatDate, formatMoney } from '../../i18n';
import { useSession } from '../../session';
import { useNotify } from '../../components/Notify';
import { PatientForm } from '../patients/PatientForm';
import { hhmm } from './queues';

type PickedPatient = Pick<PatientListItem, 'id' | 'lastName' | 'firstName' | 'middleName' | 'birthDate' | 'phone'>;

const fullName = (p: PickedPatient) => [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' ');

export function reasonText(t: TFunction<'desk'>, reason: TriageProposal['reason']): string {
  switch (reason.rule) {
    case 'fewest_patients':
      return t('reason.fewest_patients', { count: reason.patientsToday ?? 0 });
    case 'longest_idle':
      return reason.lastFinishedAt ? t('reason.longest_idle', { time: hhmm(reason.lastFinishedAt) }) : t('reason.longest_idle_none');
    case 'only_one':
      return t('reason.only_one');
    default:
      return t('reason.none_on_shift');
  }
}

export function WalkInPanel() {
  const { t } = useTranslation('desk');
  const errorText = useErrorText();
  const notify = useNotify();
  const { settings } = useSession();
  const currency = settings?.currency ?? 'RUB';

  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<PickedPatient[]>([]);
  const [patient, setPatient] = useState<PickedPatient | null>(null);
  const [debt, setDebt] = useState(0);
  const [creating, setCreating] = useState(false);
  const [doctors, setDoctors] = useState<Doctor[]>([]);
  const [services, setServices] = useState<Service[]>([]);
  const [specialty, setSpecialty] = useState('');
  const [service, setService] = useState<Service | null>(null);
  const [proposal, setProposal] = useState<TriageProposal | null>(null);
  const [doctorId, setDoctorId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api('doctors.list', {}).then(setDoctors, () => undefined);
    api('services.list', {}).then(setServices, () => undefined);
  }, []);

  const specialties = useMemo(
    () =>
      [...new Set(doctors.map((d) => d.specialty).filter((s): s is string => !!s))]
        .map((s) => ({ code: s, name: t(`specialty.${s}`, { defaultValue: s }) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [doctors, t],
  );

  // Patient search as you type, debounced.
  useEffect(() => {
    const q = query.trim();
    if (patient && q === fullName(patient)) return;
    const timer = setTimeout(() => {
      api('patients.search', { query: q, limit: 15 }).then((r) => setOptions(r.items), () => undefined);
    }, 200);
    return () => clearTimeout(timer);
  }, [query, patient]);

  useEffect(() => {
    setDebt(0);
    if (patient) api('patients.get', { id: patient.id }).then((c) => setDebt(c.balance), () => undefined);
  }, [patient]);

  const propose = useCallback(async () => {
    if (!specialty && !service) {
      setProposal(null);
      return;
    }
    try {
      const p = await api('queue.propose', specialty ? { specialty } : { serviceId: service!.id });
      setProposal(p);
      // Keep reception's own choice while that doctor is still on shift.
      setDoctorId((cur) => (cur !== null && p.candidates.some((c) => c.doctorId === cur) ? cur : p.doctorId));
    } catch (e) {
      setError(errorText(e));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [specialty, service]);

  useEffect(() => {
    setDoctorId(null);
    void propose();
  }, [propose]);
  useChanges('appointments', () => void propose());

  const chooseService = (s: Service | null) => {
    setService(s);
    if (s?.specialty) setSpecialty(s.specialty);
  };

  const reset = () => {
    setPatient(null);
    setQuery('');
    setService(null);
    setSpecialty('');
    setProposal(null);
    setDoctorId(null);
    setError(null);
  };

  const register = async () => {
    if (!patient || !doctorId || busy) return;
    setBusy(true);
    setError(null);
    try {
      const a = await api('queue.walkIn', { patientId: patient.id, doctorId, serviceIds: service ? [service.id] : [] });
      notify(t('walkIn.registered', { patient: a.patientName, doctor: a.doctorName }));
      reset();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const proposed = proposal?.candidates.find((c) => c.doctorId === proposal.doctorId);

  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Typography variant="h6" sx={{ mb: 1.5 }}>
        {t('walkIn.title')}
      </Typography>
      <Stack spacing={2}>
        {error && <Alert severity="error">{error}</Alert>}
        <Stack direction="row" spacing={1} sx={{ alignItems: 'flex-start' }}>
          <Autocomplete
            sx={{ flexGrow: 1 }}
            options={options}
            value={patient}
            filterOptions={(x) => x}
            isOptionEqualToValue={(a, b) => a.id === b.id}
            getOptionLabel={fullName}
            onInputChange={(_e, v) => setQuery(v)}
            onChange={(_e, v) => setPatient(v)}
            noOptionsText={t('walkIn.noMatches')}
            renderOption={(props, p) => {
              const { key, ...rest } = props as typeof props & { key: string };
              return (
                <li key={key} {...rest}>
                  <ListItemText primary={fullName(p)} secondary={[formatDate(p.birthDate), formatPhone(p.phone)].filter(Boolean).join(' · ')} />
                </li>
              );
            }}
            renderInput={(params) => (
              <TextField
                {...params}
                size="small"
                label={t('walkIn.patient')}
                placeholder={t('walkIn.patientHint')}
                slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'walkin-patient' } }}
              />
            )}
          />
          <Button variant="outlined" onClick={() => setCreating(true)} sx={{ whiteSpace: 'nowrap' }} data-testid="walkin-new-patient">
            {t('walkIn.newPatient')}
          </Button>
        </Stack>
        {patient && debt > 0 && (
          <Alert severity="warning" data-testid="walkin-debt">
            {t('walkIn.debt', { amount: formatMoney(debt, currency) })}
          </Alert>
        )}
        <TextField
          select
          size="small"
          label={t('walkIn.specialty')}
          value={specialty}
          onChange={(e) => {
            setSpecialty(e.target.value);
            if (service?.specialty && service.specialty !== e.target.value) setService(null);
          }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'walkin-specialty' } as object } }}
        >
          <MenuItem value="">
            <em>{t('walkIn.anySpecialty')}</em>
          </MenuItem>
          {specialties.map((s) => (
            <MenuItem key={s.code} value={s.code} data-testid={`walkin-specialty-${s.code}`}>
              {s.name}
            </MenuItem>
          ))}
        </TextField>
        <Autocomplete
          options={services}
          value={service}
          isOptionEqualToValue={(a, b) => a.id === b.id}
          getOptionLabel={(s) => `${s.code} · ${s.name}`}
          onChange={(_e, s) => chooseService(s)}
          renderInput={(params) => (
            <TextField
              {...params}
              size="small"
              label={t('walkIn.service')}
              slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'walkin-service' } }}
            />
          )}
        />
        {proposal && (
          <Box>
            <Box
              data-testid="walkin-proposal"
              sx={(theme) => {
                const c = proposal.doctorId ? theme.palette.primary.main : theme.palette.warning.main;
                return { p: 1.5, borderRadius: 1, bgcolor: alpha(c, 0.06), border: 1, borderColor: alpha(c, 0.4) };
              }}
            >
              <Typography variant="caption" color="text.secondary">
                {t('walkIn.proposal')}
              </Typography>
              <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
                {proposed?.doctorName ?? t('walkIn.nobody')}
              </Typography>
              <Typography variant="body2">{reasonText(t, proposal.reason)}</Typography>
            </Box>
            {proposal.candidates.length > 0 && (
              <>
                <Typography variant="overline" color="text.secondary" component="div" sx={{ mt: 1 }}>
                  {t('walkIn.candidates')}
                </Typography>
                <List dense disablePadding>
                  {proposal.candidates.map((c) => (
                    <ListItemButton
                      key={c.doctorId}
                      selected={c.doctorId === doctorId}
                      onClick={() => setDoctorId(c.doctorId)}
                      data-testid={`walkin-candidate-${c.doctorId}`}
                      sx={{ borderRadius: 1 }}
                    >
                      <ListItemText
                        primary={c.doctorName}
                        secondary={`${t('walkIn.patientsToday', { count: c.patientsToday })} · ${
                          c.lastFinishedAt ? t('walkIn.freeSince', { time: hhmm(c.lastFinishedAt) }) : t('walkIn.noPatientYet')
                        }`}
                      />
                      {c.doctorId === proposal.doctorId && <Chip size="small" color="primary" label={t('walkIn.proposed')} />}
                    </ListItemButton>
                  ))}
                </List>
              </>
            )}
          </Box>
        )}
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
          <Button onClick={reset}>{t('walkIn.clear')}</Button>
          <Button variant="contained" disabled={!patient || !doctorId || busy} onClick={() => void register()} data-testid="walkin-register">
            {t('walkIn.register')}
          </Button>
        </Stack>
      </Stack>
      {creating && (
        <PatientForm
          onClose={() => setCreating(false)}
          onSaved={(p: Patient) => {
            setCreating(false);
            setOptions([p]);
            setPatient(p);
          }}
        />
      )}
    </Paper>
  );
}
