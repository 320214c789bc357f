// Completing a visit: the services actually rendered (starting from the
// planned ones), quantities and discounts typed as % or as an amount, the
// total as the sum of the lines. The host refuses a discount above the
// role's limit (403); the dialog then keeps everything typed.
import { useEffect, useMemo, useState } from 'react';
import {
  Alert, Autocomplete, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, IconButton, Stack, Table, TableBody, TableCell, TableHead,
  TableRow, TextField, ToggleButton, ToggleButtonGroup, Tooltip, Typography,
} from '@mui/material';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../shared/api/appointments';
import type { Service } from '../../../shared/api/services';
import { discountPct, lineAmount } from '../../../shared/domain/money-lines';
import { api, ApiClientError } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { currentLocale, formatMoney } from '../../i18n';
import { useSession } from '../../session';
import { PaymentDialog } from '../../components/PaymentDialog';
import { discountOf, moneyText, parseMoney, parsePercent } from '../../../shared/domain/money-input';
import { hhmm } from './queues';

interface Line {
  key: number;
  serviceId: number;
  name: string;
  price: number;
  qty: number;
  mode: 'pct' | 'amount';
  discountText: string;
}

let nextKey = 1;

/** The currency's sign as the user's language writes it (₽, ₴, ¥, $). */
function currencySymbol(currency: string): string {
  return new Intl.NumberFormat(currentLocale(), { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency')?.value ?? currency;
}

/** The discount in minor units, or null when what is typed is not a valid discount. */
function discountOfLine(l: Line): number | null {
  const text = l.discountText.trim();
  if (!text) return 0;
  const gross = l.qty * l.price;
  const d = l.mode === 'pct' ? (() => {
    const p = parsePercent(text);
    return p === null ? null : discountOf(gross, p);
  })() : parseMoney(text);
  return d === null || d > gross ? null : d;
}

export interface CompleteVisitDialogProps {
  appointmentId: number;
  onClose(): void;
  /** Called as soon as the host saved the visit (the dialog stays open to take payment). */
  onCompleted?(a: Appointment): void;
}

export function CompleteVisitDialog({ appointmentId, onClose, onCompleted }: CompleteVisitDialogProps) {
  const { t } = useTranslation('desk');
  const errorText = useErrorText();
  const { user, settings } = useSession();
  const currency = settings?.currency ?? 'RUB';
  const money = (minor: number) => formatMoney(minor, currency);
  const limit = user && settings ? settings.discountLimitPct[user.role] : 0;
  const canPay = user?.role === 'reception' || user?.role === 'director' || user?.role === 'admin';

  const [visit, setVisit] = useState<Appointment | null>(null);
  const [services, setServices] = useState<Service[]>([]);
  const [lines, setLines] = useState<Line[]>([]);
  const [addInput, setAddInput] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Appointment | null>(null);
  const [paying, setPaying] = useState(false);

  useEffect(() => {
    api('appointments.get', { id: appointmentId }).then(
      (a) => {
        setVisit(a);
        setLines(
          a.lines.map((l) => ({
            key: nextKey++, serviceId: l.serviceId, name: l.serviceName, price: l.price, qty: l.qty,
            mode: l.discount ? 'amount' : 'pct', discountText: l.discount ? moneyText(l.discount) : '',
          })),
        );
      },
      (e) => setError(errorText(e)),
    );
    api('services.list', {}).then(setServices, () => undefined);
    // Loaded once per visit; errorText only translates.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [appointmentId]);

  const computed = useMemo(
    () =>
      lines.map((l) => {
        const discount = discountOfLine(l);
        const charge = { qty: l.qty, price: l.price, discount: discount ?? 0 };
        return { discount, amount: lineAmount(charge), overLimit: discount !== null && discountPct(charge) > limit + 1e-9 };
      }),
    [lines, limit],
  );
  const total = computed.reduce((s, c) => s + c.amount, 0);
  const valid = lines.length > 0 && computed.every((c) => c.discount !== null) && lines.every((l) => l.qty >= 1 && l.qty <= 100);

  const update = (key: number, patch: Partial<Line>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));

  const add = (s: Service | null) => {
    if (!s) return;
    setLines((ls) => [...ls, { key: nextKey++, serviceId: s.id, name: s.name, price: s.price, qty: 1, mode: 'pct', discountText: '' }]);
    setAddInput('');
  };

  const save = async () => {
    setTouched(true);
    if (!valid || busy) return;
    setBusy(true);
    setError(null);
    try {
      const a = await api('appointments.complete', {
        id: appointmentId,
        items: lines.map((l, i) => ({ serviceId: l.serviceId, qty: l.qty, discount: computed[i].discount ?? 0 })),
      });
      setDone(a);
      onCompleted?.(a);
    } catch (e) {
      setError(e instanceof ApiClientError && e.code === 'forbidden' ? t('complete.forbidden', { limit }) : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    const due = done.total - done.paid;
    return (
      <>
        <Dialog open={!paying} onClose={onClose} maxWidth="xs" fullWidth>
          <DialogTitle>{t('complete.doneTitle')}</DialogTitle>
          <DialogContent dividers data-testid="complete-done">
            <Typography sx={{ mb: 1 }}>{done.patientName}</Typography>
            <Typography variant="body2">{t('complete.summary', { total: money(done.total), paid: money(done.paid) })}</Typography>
            <Typography variant="h6" sx={{ mt: 1 }} color={due > 0 ? 'error' : 'success'}>
              {due > 0 ? t('complete.due', { amount: money(due) }) : t('complete.nothingDue')}
            </Typography>
            {!canPay && due > 0 && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
                {t('complete.payAtDesk')}
              </Typography>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose} data-testid="complete-close">
              {t('complete.close')}
            </Button>
            {canPay && due > 0 && (
              <Button variant="contained" onClick={() => setPaying(true)} data-testid="complete-pay" autoFocus>
                {t('complete.takePayment')}
              </Button>
            )}
          </DialogActions>
        </Dialog>
        {paying && (
          <PaymentDialog
            patientId={done.patientId}
            appointmentId={done.id}
            suggestedAmount={due}
            onClose={() => setPaying(false)}
            onPaid={() => onClose()}
          />
        )}
      </>
    );
  }

  return (
    <Dialog open onClose={(_e, why) => why !== 'backdropClick' && onClose()} maxWidth="md" fullWidth>
      <DialogTitle>
        {t('complete.title')}
        {visit && (
          <Typography variant="body2" color="text.secondary">
            {visit.patientName} · {visit.doctorName} · {hhmm(visit.startAt)}
          </Typography>
        )}
      </DialogTitle>
      <DialogContent dividers data-testid="complete-dialog">
        <Stack spacing={2}>
          {error && (
            <Alert severity="error" data-testid="complete-error">
              {error}
            </Alert>
          )}
          <Table size="small" sx={{ '& td, & th': { px: 1 } }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('complete.service')}</TableCell>
                <TableCell align="right" sx={{ width: 80 }}>{t('complete.qty')}</TableCell>
                <TableCell align="right" sx={{ width: 120 }}>{t('complete.price')}</TableCell>
                <TableCell sx={{ width: 230 }}>{t('complete.discount')}</TableCell>
                <TableCell align="right" sx={{ width: 130 }}>{t('complete.amount')}</TableCell>
                <TableCell sx={{ width: 40 }} />
              </TableRow>
            </TableHead>
            <TableBody>
              {lines.map((l, i) => {
                const c = computed[i];
                const bad = c.discount === null;
                return (
                  <TableRow key={l.key} data-testid={`complete-line-${i}`}>
                    <TableCell>{l.name}</TableCell>
                    <TableCell align="right">
                      <TextField
                        size="small"
                        type="number"
                        value={l.qty}
                        onChange={(e) => update(l.key, { qty: Math.max(1, Math.min(100, Math.trunc(Number(e.target.value) || 1))) })}
                        slotProps={{ htmlInput: { min: 1, max: 100, style: { textAlign: 'right' }, 'data-testid': `complete-line-${i}-qty` } }}
                        sx={{ width: 72 }}
                      />
                    </TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{money(l.price)}</TableCell>
                    <TableCell>
                      <Stack direction="row" spacing={0.5} sx={{ alignItems: 'flex-start' }}>
                        <TextField
                          size="small"
                          value={l.discountText}
                          placeholder="0"
                          onChange={(e) => update(l.key, { discountText: e.target.value })}
                          error={bad || c.overLimit}
                          helperText={
                            bad ? t('complete.badDiscount') : c.overLimit ? t('complete.overLimit', { limit }) : l.mode === 'pct' && c.discount ? money(c.discount) : undefined
                          }
                          slotProps={{ htmlInput: { inputMode: 'decimal', style: { textAlign: 'right' }, 'data-testid': `complete-line-${i}-discount` } }}
                          sx={{ width: 130 }}
                        />
                        <ToggleButtonGroup
                          exclusive
                          size="small"
                          value={l.mode}
                          onChange={(_e, v: Line['mode'] | null) => v && update(l.key, { mode: v })}
                          data-testid={`complete-line-${i}-mode`}
                        >
                          <ToggleButton value="pct" sx={{ px: 1 }}>%</ToggleButton>
                          <ToggleButton value="amount" sx={{ px: 1, minWidth: 34 }} aria-label={t('complete.sum')} title={t('complete.sum')}>
                            {currencySymbol(currency)}
                          </ToggleButton>
                        </ToggleButtonGroup>
                      </Stack>
                    </TableCell>
                    <TableCell align="right" sx={{ whiteSpace: 'nowrap', fontWeight: 500 }} data-testid={`complete-line-${i}-amount`}>
                      {money(c.amount)}
                    </TableCell>
                    <TableCell>
                      <Tooltip title={t('complete.remove')}>
                        <IconButton size="small" onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))} data-testid={`complete-line-${i}-remove`}>
                          <DeleteOutlineIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    </TableCell>
                  </TableRow>
                );
              })}
              {!lines.length && (
                <TableRow>
                  <TableCell colSpan={6}>
                    <Typography variant="body2" color={touched ? 'error' : 'text.secondary'}>
                      {t('complete.noLines')}
                    </Typography>
                  </TableCell>
                </TableRow>
              )}
              <TableRow>
                <TableCell colSpan={4} align="right" sx={{ fontWeight: 600, borderBottom: 0 }}>
                  {t('complete.total')}
                </TableCell>
                <TableCell align="right" sx={{ fontWeight: 700, fontSize: '1.05rem', whiteSpace: 'nowrap', borderBottom: 0 }} data-testid="complete-total">
                  {money(total)}
                </TableCell>
                <TableCell sx={{ borderBottom: 0 }} />
              </TableRow>
            </TableBody>
          </Table>
          <Autocomplete
            options={services}
            value={null}
            inputValue={addInput}
            onInputChange={(_e, v, reason) => reason !== 'reset' && setAddInput(v)}
            onChange={(_e, s) => add(s)}
            getOptionLabel={(s) => `${s.code} · ${s.name}`}
            renderOption={(props, s) => {
              const { key, ...rest } = props as typeof props & { key: string };
              return (
                <Box component="li" key={key} {...rest} sx={{ display: 'flex', gap: 2 }}>
                  <Typography variant="body2" sx={{ flexGrow: 1 }}>
                    <Typography component="span" variant="body2" color="text.secondary">{s.code}</Typography> {s.name}
                  </Typography>
                  <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>{money(s.price)}</Typography>
                </Box>
              );
            }}
            noOptionsText={t('complete.noServices')}
            renderInput={(params) => (
              <TextField {...params} size="small" label={t('complete.addService')} slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'complete-add-service' } }} />
            )}
          />
          <Typography variant="caption" color="text.secondary">
            {t('complete.limitHint', { limit })}
          </Typography>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('complete.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={busy || !visit} data-testid="complete-save">
          {t('complete.save', { total: money(total) })}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
