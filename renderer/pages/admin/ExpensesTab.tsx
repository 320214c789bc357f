// The clinic's spending for a period: the list, totals per category and the
// grand total, adding an expense (marketing names its advertising source)
// and deleting one after a confirmation.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Grid, IconButton, MenuItem, Paper, Stack, Table, TableBody, TableCell,
  TableFooter, TableRow, TextField, Tooltip, Typography,
} from '@mui/material';
import DeleteIcon from '@mui/icons-material/Delete';
import { DataGrid, type GridColDef } from '@mui/x-data-grid';
import { useTranslation } from 'react-i18next';
import { EXPENSE_CATEGORIES, type Expense } from '../../../shared/api/payments';
import type { Branch, Source } from '../../../shared/api/settings';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { useNotify } from '../../components/Notify';
import { formatDate, formatMoney } from '../../i18n';
import { gridLocaleText } from '../../i18n/grid';
import { useSession } from '../../session';
import { ConfirmDialog, useCodeLabel, useFormState, type FieldErrors } from './common';
import { isIsoDate, monthEnd, monthStart, today } from './dates';
import { parseMoney } from '../../../shared/domain/money-input';

type Category = (typeof EXPENSE_CATEGORIES)[number];

export function ExpensesTab() {
  const { t, i18n } = useTranslation('admin');
  const { settings } = useSession();
  const currency = settings?.currency ?? 'RUB';
  const notify = useNotify();
  const errorText = useErrorText();
  const label = useCodeLabel();
  const [from, setFrom] = useState(monthStart);
  const [to, setTo] = useState(monthEnd);
  const [branchId, setBranchId] = useState<number | ''>('');
  const [rows, setRows] = useState<Expense[]>([]);
  const [loading, setLoading] = useState(true);
  const [branches, setBranches] = useState<Branch[]>([]);
  const [sources, setSources] = useState<Source[]>([]);
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Expense | null>(null);
  const [busy, setBusy] = useState(false);
  const periodOk = isIsoDate(from) && isIsoDate(to) && from <= to;

  const load = useCallback(async () => {
    if (!periodOk) return;
    setLoading(true);
    try {
      setRows(await api('expenses.list', { from, to, ...(branchId ? { branchId } : {}) }));
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [from, to, branchId, periodOk]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    api('branches.list', {}).then(setBranches, () => undefined);
    api('sources.list', {}).then(setSources, () => undefined);
  }, []);
  useChanges('expenses', () => void load());

  const branchName = useMemo(() => new Map(branches.map((b) => [b.id, b.name])), [branches]);
  const sourceName = useMemo(() => new Map(sources.map((s) => [s.id, s.name])), [sources]);
  const byCategory = useMemo(() => {
    const sums = new Map<string, number>();
    for (const r of rows) sums.set(r.category, (sums.get(r.category) ?? 0) + r.amount);
    // In the catalog order, then anything unknown.
    return [...sums.entries()].sort(
      (a, b) => (EXPENSE_CATEGORIES.indexOf(a[0] as Category) + 1 || 99) - (EXPENSE_CATEGORIES.indexOf(b[0] as Category) + 1 || 99),
    );
  }, [rows]);
  const total = rows.reduce((s, r) => s + r.amount, 0);

  const remove = async () => {
    if (!deleting) return;
    setBusy(true);
    try {
      await api('expenses.delete', { id: deleting.id });
      setDeleting(null);
      notify(t('expenses.deleted'));
      void load();
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };

  const columns = useMemo<GridColDef<Expense>[]>(
    () => [
      { field: 'spentOn', headerName: t('expenses.date'), width: 120, valueFormatter: (v: string) => formatDate(v) },
      { field: 'category', headerName: t('expenses.category'), width: 170, valueGetter: (v: string) => label('expenseCategory', v) },
      { field: 'branchId', headerName: t('expenses.branch'), width: 200, valueGetter: (v: number | null) => (v ? (branchName.get(v) ?? '') : '') },
      { field: 'sourceId', headerName: t('expenses.source'), width: 170, valueGetter: (v: number | null) => (v ? (sourceName.get(v) ?? '') : '') },
      { field: 'amount', headerName: t('expenses.amount'), type: 'number', width: 140, valueFormatter: (v: number) => formatMoney(v, currency) },
      { field: 'note', headerName: t('expenses.note'), flex: 1, minWidth: 160 },
      {
        field: 'actions',
        headerName: '',
        width: 60,
        sortable: false,
        filterable: false,
        disableColumnMenu: true,
        renderCell: (p) => (
          <Tooltip title={t('common.delete')}>
            <IconButton size="small" aria-label={t('common.delete')} onClick={() => setDeleting(p.row)} data-testid="expense-delete">
              <DeleteIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, i18n.language, currency, branchName, sourceName],
  );

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          type="date"
          size="small"
          label={t('expenses.from')}
          value={from}
          error={!periodOk}
          onChange={(e) => setFrom(e.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'expenses-from' } }}
        />
        <TextField
          type="date"
          size="small"
          label={t('expenses.to')}
          value={to}
          error={!periodOk}
          helperText={!periodOk && isIsoDate(from) && isIsoDate(to) ? t('errors.period') : undefined}
          onChange={(e) => setTo(e.target.value)}
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'expenses-to' } }}
        />
        <TextField
          select
          size="small"
          label={t('expenses.branch')}
          value={branchId}
          sx={{ minWidth: 240 }}
          onChange={(e) => setBranchId(e.target.value === '' ? '' : Number(e.target.value))}
          slotProps={{ select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'expenses-branch' } as object }, inputLabel: { shrink: true } }}
        >
          <MenuItem value="">{t('expenses.allBranches')}</MenuItem>
          {branches.map((b) => (
            <MenuItem key={b.id} value={b.id}>
              {b.name}
            </MenuItem>
          ))}
        </TextField>
        <Box sx={{ flexGrow: 1 }} />
        <Button variant="contained" onClick={() => setAdding(true)} data-testid="expense-new">
          {t('expenses.new')}
        </Button>
      </Stack>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: { xs: 'wrap', lg: 'nowrap' } }}>
        <Paper sx={{ flexGrow: 1, minWidth: 0, width: '100%' }}>
          <Box sx={{ height: 'calc(100vh - 260px)', minHeight: 400 }}>
            <DataGrid
              rows={rows}
              columns={columns}
              loading={loading}
              density="compact"
              disableRowSelectionOnClick
              localeText={{ ...gridLocaleText(i18n.language), noRowsLabel: t('expenses.empty') }}
              data-testid="expenses-grid"
            />
          </Box>
        </Paper>
        <Paper sx={{ p: 2, width: { xs: '100%', lg: 320 }, flexShrink: 0 }}>
          <Typography variant="h6">{t('expenses.byCategory')}</Typography>
          <Table size="small" data-testid="expenses-by-category">
            <TableBody>
              {byCategory.map(([c, sum]) => (
                <TableRow key={c}>
                  <TableCell>{label('expenseCategory', c)}</TableCell>
                  <TableCell align="right">{formatMoney(sum, currency)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
            <TableFooter>
              <TableRow>
                <TableCell sx={{ fontWeight: 600, color: 'text.primary', fontSize: '0.95rem' }}>{t('expenses.total')}</TableCell>
                <TableCell align="right" sx={{ fontWeight: 600, color: 'text.primary', fontSize: '0.95rem' }} data-testid="expenses-total">
                  {formatMoney(total, currency)}
                </TableCell>
              </TableRow>
            </TableFooter>
          </Table>
        </Paper>
      </Box>
      {adding && (
        <ExpenseDialog
          currency={currency}
          branches={branches}
          sources={sources}
          defaultBranchId={branchId}
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            notify(t('expenses.created'));
            void load();
          }}
        />
      )}
      <ConfirmDialog
        open={!!deleting}
        title={t('expenses.deleteTitle')}
        text={
          deleting
            ? t('expenses.deleteText', {
                category: label('expenseCategory', deleting.category),
                date: formatDate(deleting.spentOn),
                amount: formatMoney(deleting.amount, currency),
              })
            : ''
        }
        confirmLabel={t('common.delete')}
        busy={busy}
        onClose={() => setDeleting(null)}
        onConfirm={() => void remove()}
        testId="expense-delete-confirm"
      />
    </Stack>
  );
}

interface ExpenseForm {
  category: Category;
  branchId: number | '';
  sourceId: number | '';
  spentOn: string;
  amount: string;
  note: string;
}

function ExpenseDialog(props: {
  currency: string;
  branches: Branch[];
  sources: Source[];
  defaultBranchId: number | '';
  onClose(): void;
  onSaved(e: Expense): void;
}) {
  const { t } = useTranslation('admin');
  const label = useCodeLabel();
  const labels: Record<string, string> = {
    category: t('expenses.category'),
    branchId: t('expenses.branch'),
    sourceId: t('expenses.source'),
    spentOn: t('expenses.date'),
    amount: t('expenses.amount'),
    note: t('expenses.note'),
  };
  const { form, set, errors, message, busy, check, save } = useFormState<ExpenseForm>(
    { category: 'rent', branchId: props.defaultBranchId, sourceId: '', spentOn: today(), amount: '', note: '' },
    labels,
  );

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const amount = parseMoney(form.amount);
    const bad: FieldErrors = {};
    if (amount === null || amount <= 0) bad.amount = t('errors.money');
    if (!isIsoDate(form.spentOn)) bad.spentOn = t('errors.date');
    if (!check(bad)) return;
    await save(async () => {
      const saved = await api('expenses.create', {
        category: form.category,
        branchId: form.branchId === '' ? null : form.branchId,
        sourceId: form.category === 'marketing' && form.sourceId !== '' ? form.sourceId : null,
        spentOn: form.spentOn,
        amount: amount!,
        note: form.note.trim() || null,
      });
      props.onSaved(saved);
    });
  };

  return (
    <Dialog open onClose={(_e, reason) => reason !== 'backdropClick' && props.onClose()} maxWidth="sm" fullWidth>
      <Box component="form" onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle>{t('expenses.newTitle')}</DialogTitle>
        <DialogContent dividers>
          {message && (
            <Alert severity="error" sx={{ mb: 2 }} data-testid="expense-error">
              {message}
            </Alert>
          )}
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField
                select
                fullWidth
                size="small"
                label={labels.category}
                value={form.category}
                error={!!errors.category}
                helperText={errors.category}
                onChange={(e) => set('category', e.target.value as Category)}
                slotProps={{ select: { SelectDisplayProps: { 'data-testid': 'expense-category' } as object } }}
              >
                {EXPENSE_CATEGORIES.map((c) => (
                  <MenuItem key={c} value={c}>
                    {label('expenseCategory', c)}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField
                type="date"
                fullWidth
                size="small"
                required
                label={labels.spentOn}
                value={form.spentOn}
                error={!!errors.spentOn}
                helperText={errors.spentOn}
                onChange={(e) => set('spentOn', e.target.value)}
                slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'expense-date' } }}
              />
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
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextField
                fullWidth
                size="small"
                required
                label={t('expenses.amountInput', { currency: props.currency })}
                value={form.amount}
                error={!!errors.amount}
                helperText={errors.amount}
                onChange={(e) => set('amount', e.target.value)}
                slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'expense-amount' } }}
              />
            </Grid>
            {form.category === 'marketing' && (
              <Grid size={12}>
                <TextField
                  select
                  fullWidth
                  size="small"
                  label={labels.sourceId}
                  value={form.sourceId}
                  error={!!errors.sourceId}
                  helperText={errors.sourceId ?? t('expenses.sourceHint')}
                  onChange={(e) => set('sourceId', e.target.value === '' ? '' : Number(e.target.value))}
                  slotProps={{ select: { displayEmpty: true, SelectDisplayProps: { 'data-testid': 'expense-source' } as object }, inputLabel: { shrink: true } }}
                >
                  <MenuItem value="">{t('expenses.noSource')}</MenuItem>
                  {props.sources.map((s) => (
                    <MenuItem key={s.id} value={s.id}>
                      {s.name}
                    </MenuItem>
                  ))}
                </TextField>
              </Grid>
            )}
            <Grid size={12}>
              <TextField
                fullWidth
                size="small"
                multiline
                minRows={2}
                label={labels.note}
                value={form.note}
                error={!!errors.note}
                helperText={errors.note}
                onChange={(e) => set('note', e.target.value)}
                slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'expense-note' } }}
              />
            </Grid>
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={busy} data-testid="expense-save">
            {t('common.save')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
