// A new booking: who (find or register the patient), with whom, when, for
// what. The host checks the rules; a refusal names the booking in the way.
import { useEffect, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  Alert, Autocomplete, Box, Button, Checkbox, Chip, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, Grid, Link, TextField, Typography,
} from '@mui/material';
import PersonAddAlt1Icon from '@mui/icons-material/PersonAddAlt1';
import { useTranslation } from 'react-i18next';
import { format } from 'date-fns';
import type { Appointment } from '../../../shared/api/appointments';
import type { Doctor } from '../../../shared/api/schedules';
import type { Service } from '../../../shared/api/services';
import type { PatientHistoryVisit } from '../../../shared/api/patients';
import { BOOKING_CHANNELS, type BookingChannel } from '../../../shared/domain/appointments';
import { api } from '../../api/client';
import { useChanges } from '../../api/hooks';
import { formatDate, formatMoney } from '../../i18n';
import { useSession } from '../../session';
import { PatientForm } from '../patients/PatientForm';
import { PatientPicker, type PatientOption } from './PatientPicker';
import { branchAt, capitalize, fromLocal, hhmm, minutesBetween, patientName, plusMinutes, shiftsOf, toLocal } from './book-utils';
import { useBookErrorText, type BookError } from './book-errors';
import { dateLocale } from './localizer';

export interface BookingDraft {
  doctorId: number | '';
  startAt: string;
  /** Set when the user selected a range in the book. */
  endAt?: string;
  patient?: PatientOption | null;
}

const DEFAULT_MINUTES = 30;
let servicesCache: Service[] | null = null;

export function BookingDialog({
  initial,
  doctors,
  branchId,
  nextFree,
  onClose,
  onBooked,
}: {
  initial: BookingDraft;
  doctors: Doctor[];
  /** The branch shown in the book, if one is chosen. */
  branchId?: number | '';
  /** The next free start for a doctor (from what the book has loaded), or null. */
  nextFree(doctorId: number, minutes: number): string | null;
  onClose(): void;
  onBooked(a: Appointment): void;
}) {
  const { t, i18n } = useTranslation('book');
  const { t: tc } = useTranslation();
  const { user, settings } = useSession();
  const bookError = useBookErrorText();
  const currency = settings?.currency ?? 'RUB';
  const step = settings?.slotMinutes ?? 15;
  const mayOverride = user?.role === 'director' || user?.role === 'admin';

  const [patient, setPatient] = useState<PatientOption | null>(initial.patient ?? null);
  const [doctorId, setDoctorId] = useState<number | ''>(initial.doctorId);
  const [startAt, setStartAt] = useState(initial.startAt);
  const [endTime, setEndTime] = useState(initial.endAt ? hhmm(initial.endAt) : '');
  const [services, setServices] = useState<Service[]>(servicesCache ?? []);
  const [chosen, setChosen] = useState<Service[]>([]);
  const [channel, setChannel] = useState<BookingChannel>('phone');
  const [comment, setComment] = useState('');
  const [override, setOverride] = useState(false);
  const [debt, setDebt] = useState(0);
  const [upcoming, setUpcoming] = useState<PatientHistoryVisit[]>([]);
  const [error, setError] = useState<BookError | null>(null);
  const [badFields, setBadFields] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [newPatient, setNewPatient] = useState(false);

  useChanges('services', () => {
    servicesCache = null;
    api('services.list', {}).then((list) => {
      servicesCache = list;
      setServices(list);
    }, () => undefined);
  });

  useEffect(() => {
    if (servicesCache) return;
    api('services.list', {}).then((s) => {
      servicesCache = s;
      setServices(s);
    }, () => undefined);
  }, []);

  // Debt and bookings already ahead: said before the booking is made, not after.
  useEffect(() => {
    setDebt(0);
    setUpcoming([]);
    if (!patient) return;
    let alive = true;
    api('patients.get', { id: patient.id }).then((card) => {
      if (!alive) return;
      setDebt(card.balance);
      const now = toLocal(new Date());
      setUpcoming(card.visits.filter((v) => (v.status === 'booked' || v.status === 'confirmed') && v.startAt >= now).sort((a, b) => a.startAt.localeCompare(b.startAt)));
    }, () => undefined);
    return () => {
      alive = false;
    };
  }, [patient]);

  const doctor = doctors.find((d) => d.id === doctorId);
  const minutes = chosen.reduce((s, x) => s + x.durationMin, 0) || DEFAULT_MINUTES;
  const price = chosen.reduce((s, x) => s + x.price, 0);
  const validStart = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(startAt);
  const autoEnd = validStart ? plusMinutes(startAt, minutes) : '';
  const endAt = endTime && validStart ? `${startAt.slice(0, 10)}T${endTime}` : undefined;
  const shownEnd = endTime || (autoEnd ? hhmm(autoEnd) : '');
  const hours = doctor && validStart ? shiftsOf(doctor, startAt.slice(0, 10), branchId) : null;
  const suggestion = doctorId ? nextFree(doctorId, endAt ? minutesBetween(startAt, endAt) : minutes) : null;

  const sortedServices = useMemo(() => {
    const rank = (s: Service) => (doctor?.specialty && s.specialty === doctor.specialty ? 0 : s.specialty === null ? 1 : 2);
    return [...services].filter((s) => s.active).sort((a, b) => rank(a) - rank(b) || a.category.localeCompare(b.category) || a.name.localeCompare(b.name));
  }, [services, doctor]);

  const groupOf = (s: Service) =>
    doctor?.specialty && s.specialty === doctor.specialty ? t('form.forThisDoctor') : t(`categories.${s.category}`, { defaultValue: s.category });

  const save = async (withOverride = override) => {
    const missing = [!patient && 'patientId', !doctorId && 'doctorId', !validStart && 'startAt'].filter(Boolean) as string[];
    if (missing.length) {
      setBadFields(missing);
      setError({ text: t('form.missing', { fields: missing.map((f) => t(`fields.${f}`)).join(', ') }), clashes: [], current: null });
      return;
    }
    setBusy(true);
    setError(null);
    setBadFields([]);
    try {
      const branch = branchId || branchAt(doctor, startAt);
      const a = await api('appointments.book', {
        patientId: patient!.id,
        doctorId: doctorId as number,
        ...(branch ? { branchId: branch } : {}),
        startAt,
        ...(endAt ? { endAt } : {}),
        serviceIds: chosen.map((s) => s.id),
        channel,
        comment: comment.trim() || null,
        override: withOverride,
      });
      onBooked(a);
    } catch (e) {
      const err = bookError(e, 'book');
      setError(err);
      setBadFields(e instanceof Error && 'fields' in e ? (e as { fields: string[] }).fields : []);
    } finally {
      setBusy(false);
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };

  const dayTitle = validStart ? format(fromLocal(startAt), 'EEEE, d MMMM yyyy', { locale: dateLocale(i18n.language) }) : '';

  return (
    <>
      <Dialog open onClose={(_e, reason) => reason !== 'backdropClick' && onClose()} maxWidth="md" fullWidth data-testid="booking-dialog">
        <Box component="form" onSubmit={submit} onKeyDown={onKeyDown} noValidate>
          <DialogTitle sx={{ pb: 0.5 }}>
            {t('form.title')}
            <Typography variant="body2" color="text.secondary">
              {capitalize(dayTitle)}
            </Typography>
          </DialogTitle>
          <DialogContent dividers>
            {error && (
              <Alert
                severity="error"
                sx={{ mb: 2 }}
                data-testid="booking-error"
                action={
                  mayOverride && error.clashes.length > 0 ? (
                    <Button color="inherit" size="small" onClick={() => { setOverride(true); void save(true); }} data-testid="booking-override-now">
                      {t('form.overrideNow')}
                    </Button>
                  ) : undefined
                }
              >
                {error.text}
                {error.clashes.length > 1 && (
                  <Box component="ul" sx={{ m: 0, pl: 2 }}>
                    {error.clashes.slice(1).map((c) => (
                      <li key={c.id}>{`${c.patientName} · ${hhmm(c.startAt)}–${hhmm(c.endAt)}`}</li>
                    ))}
                  </Box>
                )}
              </Alert>
            )}
            <Grid container spacing={2}>
              <Grid size={{ xs: 12, sm: 9 }}>
                <PatientPicker value={patient} onChange={setPatient} autoFocus={!patient} error={badFields.includes('patientId')} />
              </Grid>
              <Grid size={{ xs: 12, sm: 3 }}>
                <Button fullWidth variant="outlined" startIcon={<PersonAddAlt1Icon />} onClick={() => setNewPatient(true)} sx={{ height: 40 }} data-testid="booking-new-patient">
                  {t('form.newPatient')}
                </Button>
              </Grid>
              {debt > 0 && (
                <Grid size={12}>
                  <Alert severity="warning" data-testid="booking-debt">
                    {t('form.debt', { amount: formatMoney(debt, currency) })}
                  </Alert>
                </Grid>
              )}
              {upcoming.length > 0 && (
                <Grid size={12}>
                  <Alert severity="info" data-testid="booking-upcoming">
                    {t('form.alreadyBooked')}{' '}
                    {upcoming.slice(0, 3).map((v) => `${formatDate(v.startAt)} ${hhmm(v.startAt)} — ${v.doctor}`).join('; ')}
                  </Alert>
                </Grid>
              )}
              <Grid size={{ xs: 12, sm: 6 }}>
                <TextField
                  select
                  fullWidth
                  size="small"
                  label={t('fields.doctorId')}
                  value={doctorId}
                  onChange={(e) => setDoctorId(e.target.value ? Number(e.target.value) : '')}
                  error={badFields.includes('doctorId')}
                  helperText={
                    hours === null ? ' ' : hours.length ? t('form.hours', { hours: hours.map((h) => `${h.start}–${h.end}`).join(', ') }) : t('form.notWorking')
                  }
                  slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'booking-doctor' }, inputLabel: { shrink: true } }}
                >
                  <option value="">{t('form.chooseDoctor')}</option>
                  {doctors.map((d) => (
                    <option key={d.id} value={d.id}>
                      {d.specialty ? `${d.name} — ${t(`specialties.${d.specialty}`, { defaultValue: d.specialty })}` : d.name}
                    </option>
                  ))}
                </TextField>
              </Grid>
              <Grid size={{ xs: 7, sm: 4 }}>
                <TextField
                  fullWidth
                  size="small"
                  type="datetime-local"
                  label={t('fields.startAt')}
                  value={startAt}
                  onChange={(e) => setStartAt(e.target.value)}
                  error={badFields.includes('startAt')}
                  helperText={
                    suggestion && suggestion !== startAt ? (
                      <Link component="button" type="button" onClick={() => setStartAt(suggestion)} data-testid="booking-use-free" sx={{ fontSize: 'inherit' }}>
                        {t('form.nextFree', { time: `${formatDate(suggestion)} ${hhmm(suggestion)}` })}
                      </Link>
                    ) : (
                      ' '
                    )
                  }
                  slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: step * 60, 'data-testid': 'booking-start' } }}
                />
              </Grid>
              <Grid size={{ xs: 5, sm: 2 }}>
                <TextField
                  fullWidth
                  size="small"
                  type="time"
                  label={t('fields.endAt')}
                  value={shownEnd}
                  onChange={(e) => setEndTime(e.target.value)}
                  error={badFields.includes('endAt')}
                  helperText={
                    endTime ? (
                      <Link component="button" type="button" onClick={() => setEndTime('')} sx={{ fontSize: 'inherit' }}>
                        {t('form.byServices')}
                      </Link>
                    ) : (
                      t('form.minutes', { count: minutes })
                    )
                  }
                  slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: step * 60, 'data-testid': 'booking-end' } }}
                />
              </Grid>
              <Grid size={12}>
                <Autocomplete
                  multiple
                  options={sortedServices}
                  value={chosen}
                  onChange={(_e, v) => setChosen(v)}
                  groupBy={groupOf}
                  getOptionLabel={(s) => s.name}
                  isOptionEqualToValue={(a, b) => a.id === b.id}
                  filterOptions={(opts, state) => {
                    const q = state.inputValue.trim().toLowerCase();
                    return q ? opts.filter((s) => s.name.toLowerCase().includes(q) || s.code.toLowerCase().includes(q)) : opts;
                  }}
                  disableCloseOnSelect
                  autoHighlight
                  noOptionsText={t('form.noServices')}
                  renderOption={(props, s) => {
                    const { key, ...rest } = props as typeof props & { key: string };
                    return (
                      <Box component="li" key={key} {...rest} data-testid={`service-option-${s.id}`} sx={{ display: 'flex', gap: 1 }}>
                        <Box sx={{ flexGrow: 1 }}>{s.name}</Box>
                        <Typography variant="caption" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
                          {t('form.minutes', { count: s.durationMin })} · {formatMoney(s.price, currency)}
                        </Typography>
                      </Box>
                    );
                  }}
                  renderValue={(value, getItemProps) =>
                    value.map((s, index) => {
                      const { key, ...itemProps } = getItemProps({ index });
                      return <Chip key={key} size="small" label={s.name} {...itemProps} />;
                    })
                  }
                  renderInput={(params) => (
                    <TextField
                      {...params}
                      size="small"
                      label={t('fields.serviceIds')}
                      placeholder={chosen.length ? '' : t('form.servicesPlaceholder')}
                      helperText={chosen.length ? t('form.servicesTotal', { minutes, amount: formatMoney(price, currency) }) : t('form.servicesHint')}
                      slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'booking-services' } }}
                    />
                  )}
                />
              </Grid>
              <Grid size={{ xs: 12, sm: 4 }}>
                <TextField
                  select
                  fullWidth
                  size="small"
                  label={t('fields.channel')}
                  value={channel}
                  onChange={(e) => setChannel(e.target.value as BookingChannel)}
                  slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'booking-channel' }, inputLabel: { shrink: true } }}
                >
                  {BOOKING_CHANNELS.map((c) => (
                    <option key={c} value={c}>
                      {t(`channels.${c}`)}
                    </option>
                  ))}
                </TextField>
              </Grid>
              <Grid size={{ xs: 12, sm: 8 }}>
                <TextField
                  fullWidth
                  size="small"
                  multiline
                  maxRows={4}
                  label={t('fields.comment')}
                  value={comment}
                  onChange={(e) => setComment(e.target.value)}
                  slotProps={{ htmlInput: { maxLength: 1000, 'data-testid': 'booking-comment' } }}
                />
              </Grid>
              {mayOverride && (
                <Grid size={12}>
                  <FormControlLabel
                    control={<Checkbox checked={override} onChange={(e) => setOverride(e.target.checked)} slotProps={{ input: { 'data-testid': 'booking-override' } as object }} />}
                    label={t('form.override')}
                  />
                  <Typography variant="caption" color="text.secondary" component="div" sx={{ ml: 4, mt: -1 }}>
                    {t('form.overrideHint')}
                  </Typography>
                </Grid>
              )}
            </Grid>
          </DialogContent>
          <DialogActions sx={{ px: 3 }}>
            <Typography variant="caption" color="text.secondary" sx={{ flexGrow: 1 }}>
              {t('form.keys')}
            </Typography>
            <Button onClick={onClose}>{tc('patient.cancel')}</Button>
            <Button type="submit" variant="contained" disabled={busy} data-testid="booking-save">
              {t('form.save')}
            </Button>
          </DialogActions>
        </Box>
      </Dialog>
      {newPatient && (
        <PatientForm
          onClose={() => setNewPatient(false)}
          onSaved={(p) => {
            setNewPatient(false);
            setPatient({ id: p.id, name: patientName(p), birthDate: p.birthDate, phone: p.phone });
          }}
        />
      )}
    </>
  );
}
