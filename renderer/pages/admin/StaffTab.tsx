// The clinic's users and "Add user": login, password, name, role, the
// specialty of a doctor and the home branch.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, MenuItem, Paper, Stack, TextField } from '@mui/material';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useTranslation } from 'react-i18next';
import type { User } from '../../../shared/api/auth';
import type { Branch } from '../../../shared/api/settings';
import { ROLES, type Role } from '../../../shared/domain/roles';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { useNotify } from '../../components/Notify';
import { gridLocaleText } from '../../i18n/grid';
import { useSession } from '../../session';
import { adminStrings } from './i18n';
import { CodeField, useCodeLabel, useFormState, type FieldErrors } from './common';

const KNOWN_SPECIALTIES = Object.keys(adminStrings.en.specialty);

export function StaffTab() {
  const { t, i18n } = useTranslation('admin');
  const notify = useNotify();
  const errorText = useErrorText();
  const label = useCodeLabel();
  const [users, setUsers] = useState<User[]>([]);
  const [branches, setBranches] = useState<Branch[]>([]);
  const [loading, setLoading] = useState(true);
  const [adding, setAdding] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setUsers(await api('users.list', {}));
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    void load();
    api('branches.list', {}).then(setBranches, () => undefined);
  }, [load]);
  useChanges('users', () => void load());

  const branchName = useMemo(() => new Map(branches.map((b) => [b.id, b.name])), [branches]);
  const specialties = useMemo(
    () => [...new Set([...KNOWN_SPECIALTIES, ...users.map((u) => u.specialty).filter((s): s is string => !!s)])].sort(),
    [users],
  );

  const columns = useMemo<GridColDef<User>[]>(
    () => [
      { field: 'fullName', headerName: t('staff.fullName'), flex: 2, minWidth: 240 },
      { field: 'login', headerName: t('staff.login'), width: 160 },
      { field: 'role', headerName: t('staff.role'), width: 160, valueGetter: (v: Role) => label('role', v) },
      { field: 'specialty', headerName: t('staff.specialty'), width: 180, valueGetter: (v: string | null) => label('specialty', v) },
      { field: 'branchId', headerName: t('staff.branch'), flex: 1, minWidth: 180, valueGetter: (v: number | null) => (v ? (branchName.get(v) ?? '') : '') },
      { field: 'active', headerName: t('staff.active'), type: 'boolean', width: 100 },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, branchName],
  );

  return (
    <Stack spacing={2}>
      <div>
        <Button variant="contained" onClick={() => setAdding(true)} data-testid="user-new">
          {t('staff.new')}
        </Button>
      </div>
      <Paper>
        <Box sx={{ height: 'calc(100vh - 260px)', minHeight: 400 }}>
          <DataGrid
            rows={users}
            columns={columns}
            loading={loading}
            density="compact"
            showToolbar
            disableRowSelectionOnClick
            localeText={{ ...gridLocaleText(i18n.language), noRowsLabel: t('staff.empty') }}
            data-testid="staff-grid"
          />
        </Box>
      </Paper>
      {adding && (
        <UserDialog
          branches={branches}
          specialties={specialties}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            notify(t('staff.created'));
            void load();
          }}
        />
      )}
    </Stack>
  );
}

interface UserForm {
  login: string;
  password: string;
  fullName: string;
  role: Role;
  specialty: string;
  branchId: number | '';
}

function UserDialog(props: { branches: Branch[]; specialties: string[]; onClose(): void; onSaved(u: User): void }) {
  const { t } = useTranslation('admin');
  const { user } = useSession();
  const label = useCodeLabel();
  const labels: Record<string, string> = {
    login: t('staff.login'),
    password: t('staff.password'),
    fullName: t('staff.fullName'),
    role: t('staff.role'),
    specialty: t('staff.specialty'),
    branchId: t('staff.branch'),
  };
  const { form, set, errors, message, busy, check, save } = useFormState<UserForm>(
    { login: '', password: '', fullName: '', role: 'reception', specialty: '', branchId: user?.branchId ?? '' },
    labels,
  );
  // Only an administrator may create another administrator.
  const roles = ROLES.filter((r) => r !== 'admin' || user?.role === 'admin');


  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const bad: FieldErrors = {};
    if (!/^[\p{L}\p{N}._@-]{2,100}$/u.test(form.login.trim())) bad.login = t('errors.loginFormat');
    if (form.password.length < 4) bad.password = t('errors.passwordShort');
    if (!form.fullName.trim()) bad.fullName = t('errors.required');
    if (!check(bad)) return;
    await save(async () => {
      const saved = await api('users.create', {
        login: form.login.trim(),
        password: form.password,
        fullName: form.fullName.trim(),
        role: form.role,
        specialty: form.role === 'doctor' ? form.specialty.trim() || null : null,
        branchId: form.branchId === '' ? null : form.branchId,
      });
      props.onSaved(saved);
    }, t('errors.loginTaken'));
  };

  const text = (key: 'login' | 'password' | 'fullName', extra: Record<string, unknown> = {}) => (
    <TextField
      fullWidth
      size="small"
      required
      name={key}
      label={labels[key]}
      value={form[key]}
      onChange={(e) => set(key, e.target.value)}
      error={!!errors[key]}
      helperText={errors[key] ?? (key === 'password' ? t('staff.passwordHint') : undefined)}
      slotProps={{ htmlInput: { 'data-testid': `user-${key}`, autoComplete: key === 'password' ? 'new-password' : 'off' } }}
      {...extra}
    />
  );

  return (
    <Dialog open onClose={(_e, reason) => reason !== 'backdropClick' && props.onClose()} maxWidth="sm" fullWidth>
      <Box component="form" onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle>{t('staff.newTitle')}</DialogTitle>
        <DialogContent dividers>
          {message && (
            <Alert severity="error" sx={{ mb: 2 }} data-testid="user-error">
              {message}
            </Alert>
          )}
          <Grid container spacing={2}>
            <Grid size={12}>{text('fullName', { autoFocus: true })}</Grid>
            <Grid size={{ xs: 12, sm: 6 }}>{text('login')}</Grid>
            <Grid size={{ xs: 12, sm: 6 }}>{text('password', { type: 'password' })}</Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField
                select
                fullWidth
                size="small"
                label={labels.role}
                value={form.role}
                error={!!errors.role}
                helperText={errors.role}
                onChange={(e) => set('role', e.target.value as Role)}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'user-role' } as object } }}
              >
                {roles.map((r) => (
                  <MenuItem key={r} value={r}>
                    {label('role', r)}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField
                select
                fullWidth
                size="small"
                label={labels.branchId}
                value={form.branchId}
                error={!!errors.branchId}
                helperText={errors.branchId}
                onChange={(e) => set('branchId', e.target.value === '' ? '' : Number(e.target.value))}
                slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
              >
                <MenuItem value="">{t('common.noBranch')}</MenuItem>
                {props.branches.map((b) => (
                  <MenuItem key={b.id} value={b.id}>
                    {b.name}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            {form.role === 'doctor' && (
              <Grid size={12}>
                <CodeField
                  label={labels.specialty}
                  value={form.specialty}
                  options={props.specialties}
                  display={(c) => label('specialty', c)}
                  onChange={(c) => set('specialty', c)}
                  error={errors.specialty}
                  testId="user-specialty"
                />
              </Grid>
            )}
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy} data-testid="user-save">
            {t('common.save')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
