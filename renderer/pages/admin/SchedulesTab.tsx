// Doctors' working hours: for the chosen doctor a week Mon..Sun with any
// number of shifts a day (each with its branch), and the dates off. The
// whole schedule is saved at once with schedules.set.
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Alert, Box, Button, Chip, FormControlLabel, IconButton, MenuItem, Paper, Stack, Switch, Table, TableBody, TableCell, TableRow,
  TextField, Tooltip, Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { useTranslation } from 'react-i18next';
import type { Doctor } from '../../../shared/api/schedules';
import type { Branch } from '../../../shared/api/settings';
import { api, ApiClientError } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { useNotify } from '../../components/Notify';
import { formatDate } from '../../i18n';
import { ConfirmDialog, useCodeLabel } from './common';
import { isIsoDate, today } from './dates';

interface DraftShift {
  key: number;
  weekday: number;
  start: string;
  end: string;
  branchId: number | null;
}

interface Draft {
  shifts: DraftShift[];
  daysOff: string[];
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7];
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

let nextKey = 1;

function draftOf(d: Doctor): Draft {
  return {
    shifts: d.shifts.map((s) => ({ key: nextKey++, weekday: s.weekday, start: s.start, end: s.end, branchId: s.branchId })),
    daysOff: [...d.daysOff].sort(),
  };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function addHours(hhmm: string, h: number): string {
  const m = Math.min(minutes(hhmm) + h * 60, 23 * 60 + 59);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

type Problem = 'overlap' | 'endBeforeStart' | 'badTime' | 'badBranch';

/** The problems the host would refuse, found before sending: shift key → message. */
function checkShifts(shifts: DraftShift[], describe: (s: DraftShift, what: Problem, other?: DraftShift) => string): Map<number, string> {
  const bad = new Map<number, string>();
  for (const s of shifts) {
    if (!HHMM.test(s.start) || !HHMM.test(s.end)) bad.set(s.key, describe(s, 'badTime'));
    else if (s.start >= s.end) bad.set(s.key, describe(s, 'endBeforeStart'));
  }
  const timed = shifts.filter((s) => !bad.has(s.key)).sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
  // Each overlapping pair is named once, on the later shift; both are highlighted.
  for (const [i, s] of timed.entries()) {
    const earlier = timed.slice(0, i).find((o) => o.weekday === s.weekday && o.start < s.end && s.start < o.end);
    if (earlier) {
      bad.set(s.key, describe(s, 'overlap', earlier));
      if (!bad.has(earlier.key)) bad.set(earlier.key, '');
    }
  }
  return bad;
}

/** The distinct non-empty messages, in order. */
const messagesOf = (m: Map<number, string>) => [...new Set([...m.values()].filter(Boolean))].join(' ');

export function SchedulesTab() {
  const { t } = useTranslation('admin');
  const notify = useNotify();
  const errorText = useErrorText();
  const label = useCodeLabel();
  const [doctors, setDoctors] = useState<Doctor[] | null>(null);
  const [branches, setBranches] = useState<Branch[]>([]);
  const [doctorId, setDoctorId] = useState<number | ''>('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [shiftErrors, setShiftErrors] = useState<Map<number, string>>(new Map());
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [askSwitch, setAskSwitch] = useState<number | null>(null);
  const [newDayOff, setNewDayOff] = useState('');
  const [showPast, setShowPast] = useState(false);
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;

  const doctor = doctors?.find((d) => d.id === doctorId) ?? null;

  const choose = useCallback((d: Doctor | undefined) => {
    setDoctorId(d?.id ?? '');
    setDraft(d ? draftOf(d) : null);
    setDirty(false);
    setShiftErrors(new Map());
    setMessage(null);
  }, []);

  const load = useCallback(async () => {
    try {
      const list = await api('doctors.list', {});
      setDoctors(list);
      return list;
    } catch (e) {
      notify(errorText(e), 'error');
      return null;
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    void (async () => {
      const list = await load();
      if (list) choose(list[0]);
    })();
    api('branches.list', {}).then(setBranches, () => undefined);
  }, [load, choose]);

  // Another workstation changed a schedule: refresh, and take the new
  // schedule of the doctor on screen unless it is being edited here.
  useChanges('schedules', () => {
    void (async () => {
      const list = await load();
      if (!list || dirtyRef.current) return;
      const current = list.find((d) => d.id === doctorId);
      if (current) setDraft(draftOf(current));
    })();
  });

  const dayName = (weekday: number) => t(`schedules.weekdayShort.${weekday}`);
  const describe = (s: DraftShift, what: Problem, other?: DraftShift) =>
    t(`schedules.${what}`, { day: dayName(s.weekday), start: s.start, end: s.end, otherStart: other?.start ?? '', otherEnd: other?.end ?? '' });

  const edit = (change: (d: Draft) => Draft) => {
    setDraft((d) => (d ? change(d) : d));
    setDirty(true);
    setMessage(null);
  };

  const updateShift = (key: number, patch: Partial<DraftShift>) => {
    edit((d) => ({ ...d, shifts: d.shifts.map((s) => (s.key === key ? { ...s, ...patch } : s)) }));
    setShiftErrors((m) => {
      if (!m.has(key)) return m;
      const next = new Map(m);
      next.delete(key);
      return next;
    });
  };

  const addShift = (weekday: number) => {
    const sameDay = draft?.shifts.filter((s) => s.weekday === weekday) ?? [];
    const last = [...sameDay].sort((a, b) => a.end.localeCompare(b.end)).at(-1);
    const start = last && HHMM.test(last.end) ? last.end : '09:00';
    const end = last ? addHours(start, 3) : '18:00';
    edit((d) => ({
      ...d,
      shifts: [...d.shifts, { key: nextKey++, weekday, start, end, branchId: last?.branchId ?? doctor?.branchId ?? null }],
    }));
  };

  const addDayOff = () => {
    if (!isIsoDate(newDayOff)) return;
    edit((d) => ({ ...d, daysOff: [...new Set([...d.daysOff, newDayOff])].sort() }));
    setNewDayOff('');
  };

  const save = async () => {
    if (!draft || !doctor) return;
    const bad = checkShifts(draft.shifts, describe);
    setShiftErrors(bad);
    if (bad.size) {
      setMessage(messagesOf(bad));
      return;
    }
    // Sent in display order, so an index in the host's answer names a shift here.
    const ordered = [...draft.shifts].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
    setBusy(true);
    try {
      const saved = await api('schedules.set', {
        doctorId: doctor.id,
        shifts: ordered.map(({ weekday, start, end, branchId }) => ({ weekday, start, end, branchId })),
        daysOff: draft.daysOff,
      });
      setDoctors((list) => list?.map((d) => (d.id === saved.id ? saved : d)) ?? list);
      setDraft(draftOf(saved));
      setDirty(false);
      setShiftErrors(new Map());
      setMessage(null);
      notify(t('schedules.saved'));
    } catch (e) {
      const named = new Map<number, string>();
      if (e instanceof ApiClientError && e.code === 'invalid_input') {
        for (const issue of e.issues) {
          const m = /^shifts\.(\d+)(\.branchId)?/.exec(issue.path);
          const s = m ? ordered[Number(m[1])] : undefined;
          if (!s) continue;
          if (m![2]) named.set(s.key, describe(s, 'badBranch'));
          else if (/overlap/i.test(issue.message)) {
            const other = ordered.find((o) => o !== s && o.weekday === s.weekday && o.start < s.end && s.start < o.end);
            named.set(s.key, describe(s, 'overlap', other));
          } else named.set(s.key, describe(s, 'endBeforeStart'));
        }
      }
      setShiftErrors(named);
      setMessage(named.size ? messagesOf(named) : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (doctors === null) return null;
  if (!doctors.length) return <Alert severity="info">{t('schedules.noDoctors')}</Alert>;

  const weekHours = draft
    ? draft.shifts.reduce((sum, s) => (HHMM.test(s.start) && HHMM.test(s.end) && s.end > s.start ? sum + minutes(s.end) - minutes(s.start) : sum), 0) / 60
    : 0;
  const day = today();
  const visibleDaysOff = draft ? draft.daysOff.filter((d) => showPast || d >= day) : [];

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          select
          size="small"
          label={t('schedules.doctor')}
          value={doctorId}
          sx={{ minWidth: 360 }}
          onChange={(e) => {
            const id = Number(e.target.value);
            if (dirty) setAskSwitch(id);
            else choose(doctors.find((d) => d.id === id));
          }}
          slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'schedule-doctor' } as object } }}
        >
          {doctors.map((d) => (
            <MenuItem key={d.id} value={d.id}>
              {d.name}
              {d.specialty ? ` — ${label('specialty', d.specialty)}` : ''}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" color="text.secondary" data-testid="schedule-hours">
          {t('schedules.hoursPerWeek', { hours: Math.round(weekHours * 10) / 10 })}
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        {dirty && <Chip color="warning" label={t('common.unsaved')} />}
        <Button variant="contained" disabled={busy || !draft} onClick={() => void save()} data-testid="schedule-save">
          {t('common.save')}
        </Button>
      </Stack>
      {message && (
        <Alert severity="error" data-testid="schedule-error">
          {message}
        </Alert>
      )}
      {draft && (
        <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: { xs: 'wrap', lg: 'nowrap' } }}>
          <Paper sx={{ flexGrow: 1, minWidth: 0, width: '100%' }}>
            <Typography variant="h6" sx={{ px: 2, pt: 1.5 }}>
              {t('schedules.weekTitle')}
            </Typography>
            <Table size="small">
              <TableBody>
                {WEEKDAYS.map((wd) => {
                  const shifts = draft.shifts.filter((s) => s.weekday === wd);
                  return (
                    <TableRow key={wd} data-testid={`schedule-day-${wd}`} sx={{ verticalAlign: 'top' }}>
                      <TableCell sx={{ fontWeight: 500, pt: 2 }}>{t(`schedules.weekday.${wd}`)}</TableCell>
                      <TableCell>
                        <Stack spacing={1}>
                          {!shifts.length && (
                            <Typography variant="body2" color="text.secondary" sx={{ py: 1 }}>
                              {t('schedules.notWorking')}
                            </Typography>
                          )}
                          {shifts.map((s) => (
                            <ShiftRow
                              key={s.key}
                              shift={s}
                              error={shiftErrors.get(s.key)}
                              branches={branches}
                              onChange={(patch) => updateShift(s.key, patch)}
                              onRemove={() => edit((d) => ({ ...d, shifts: d.shifts.filter((x) => x.key !== s.key) }))}
                            />
                          ))}
                        </Stack>
                      </TableCell>
                      <TableCell sx={{ pt: 1.5 }}>
                        <Tooltip title={t('schedules.addShift')}>
                          <IconButton size="small" color="primary" aria-label={t('schedules.addShift')} onClick={() => addShift(wd)} data-testid={`shift-add-${wd}`}>
                            <AddIcon />
                          </IconButton>
                        </Tooltip>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Paper>
          <Paper sx={{ p: 2, width: { xs: '100%', lg: 340 }, flexShrink: 0 }} data-testid="days-off">
            <Typography variant="h6">{t('schedules.daysOff')}</Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {t('schedules.daysOffHint')}
            </Typography>
            <Stack direction="row" spacing={1} sx={{ mb: 2 }}>
              <TextField
                type="date"
                size="small"
                label={t('schedules.dayOffDate')}
                value={newDayOff}
                onChange={(e) => setNewDayOff(e.target.value)}
                onKeyDown={(e) => e.key === 'Enter' && addDayOff()}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'dayoff-date' } }}
                sx={{ flexGrow: 1 }}
              />
              <Button variant="outlined" disabled={!isIsoDate(newDayOff)} onClick={addDayOff} data-testid="dayoff-add">
                {t('common.add')}
              </Button>
            </Stack>
            {draft.daysOff.some((d) => d < day) && (
              <FormControlLabel control={<Switch size="small" checked={showPast} onChange={(e) => setShowPast(e.target.checked)} />} label={t('schedules.showPast')} />
            )}
            {visibleDaysOff.length === 0 ? (
              <Typography variant="body2" color="text.secondary">
                {t('schedules.noDaysOff')}
              </Typography>
            ) : (
              <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1 }}>
                {visibleDaysOff.map((d) => (
                  <Chip
                    key={d}
                    label={formatDate(d)}
                    color={d < day ? 'default' : 'primary'}
                    variant="outlined"
                    onDelete={() => edit((x) => ({ ...x, daysOff: x.daysOff.filter((y) => y !== d) }))}
                    data-testid="dayoff-chip"
                  />
                ))}
              </Box>
            )}
          </Paper>
        </Box>
      )}
      <ConfirmDialog
        open={askSwitch !== null}
        title={t('common.discardTitle')}
        text={t('common.discardText')}
        confirmLabel={t('common.discard')}
        onClose={() => setAskSwitch(null)}
        onConfirm={() => {
          choose(doctors.find((d) => d.id === askSwitch));
          setAskSwitch(null);
        }}
      />
    </Stack>
  );
}

/** One shift: from, to, branch, remove; a problem with it is written under it. */
function ShiftRow(props: { shift: DraftShift; error?: string; branches: Branch[]; onChange(patch: Partial<DraftShift>): void; onRemove(): void }) {
  const { shift: s, error } = props;
  const { t } = useTranslation('admin');
  const bad = error !== undefined;
  const time = (key: 'start' | 'end') => (
    <TextField
      type="time"
      size="small"
      label={t(`schedules.${key}`)}
      value={s[key]}
      error={bad}
      onChange={(e) => props.onChange({ [key]: e.target.value })}
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 300, 'data-testid': `shift-${key}` } }}
      sx={{ width: 150 }}
    />
  );
  return (
    <Box data-testid="schedule-shift" data-error={bad || undefined}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        {time('start')}
        {time('end')}
        <TextField
          select
          size="small"
          label={t('schedules.branch')}
          value={s.branchId ?? ''}
          onChange={(e) => props.onChange({ branchId: e.target.value === '' ? null : Number(e.target.value) })}
          sx={{ width: 240 }}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{t('common.anyBranch')}</MenuItem>
          {props.branches.map((b) => (
            <MenuItem key={b.id} value={b.id}>
              {b.name}
            </MenuItem>
          ))}
        </TextField>
        <Tooltip title={t('schedules.removeShift')}>
          <IconButton size="small" aria-label={t('schedules.removeShift')} onClick={props.onRemove}>
            <DeleteIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Stack>
      {error && (
        <Typography variant="caption" color="error" component="div" sx={{ mt: 0.5 }}>
          {error}
        </Typography>
      )}
    </Box>
  );
}
