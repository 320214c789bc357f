// Money at the desk: a payment for a visit or on account, or (director,
// admin) a refund with its reason. Shows what the patient owes now; after
// the host has saved the payment it shows the receipt to print.
import { useEffect, useState, type FormEvent } from 'react';
import {
  Alert, Box, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField, ToggleButton, ToggleButtonGroup, Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../shared/api/appointments';
import type { Payment, Receipt as ReceiptData } from '../../shared/api/payments';
import { PAYMENT_METHODS, type PaymentMethod } from '../../shared/domain/appointments';
import { api, ApiClientError } from '../api/client';
import { useErrorText } from '../api/hooks';
import { formatDateTime, formatMoney } from '../i18n';
import { useSession } from '../session';
import { moneyText, parseMoney } from '../../shared/domain/money-input';
import { desktopBridge, Receipt } from './Receipt';
import { useNotify } from './Notify';

export interface PaymentDialogProps {
  patientId: number;
  /** Pay for this visit; omitted: a payment on account. */
  appointmentId?: number;
  /** Pre-filled amount in minor units (e.g. what is left to pay for the visit). */
  suggestedAmount?: number;
  onClose(): void;
  onPaid(p: Payment): void;
}

export interface RefundDialogProps {
  patientId: number;
  /** Refund what was paid for this visit; omitted: from the patient's money on account. */
  appointmentId?: number;
  onClose(): void;
  onRefunded(p: Payment): void;
}

interface MoneyFormProps {
  mode: 'pay' | 'refund';
  patientId: number;
  appointmentId?: number;
  suggestedAmount?: number;
  onClose(): void;
  onDone(p: Payment): void;
}

/** The patient's debt now, and the visit being paid for. */
function usePayer(patientId: number, appointmentId: number | undefined) {
  const [balance, setBalance] = useState<number | null>(null);
  const [patientName, setPatientName] = useState('');
  const [visit, setVisit] = useState<Appointment | null>(null);
  useEffect(() => {
    api('patients.get', { id: patientId }).then(
      (c) => {
        setBalance(c.balance);
        setPatientName([c.patient.lastName, c.patient.firstName, c.patient.middleName].filter(Boolean).join(' '));
      },
      () => undefined,
    );
    if (appointmentId) api('appointments.get', { id: appointmentId }).then(setVisit, () => undefined);
  }, [patientId, appointmentId]);
  return { balance, patientName, visit };
}

function MoneyDialog({ mode, patientId, appointmentId, suggestedAmount, onClose, onDone }: MoneyFormProps) {
  const { t } = useTranslation('desk');
  const errorText = useErrorText();
  const notify = useNotify();
  const { settings } = useSession();
  const currency = settings?.currency ?? 'RUB';
  const money = (minor: number) => formatMoney(minor, currency);
  const { balance, patientName, visit } = usePayer(patientId, appointmentId);
  const [amountText, setAmountText] = useState(suggestedAmount && suggestedAmount > 0 ? moneyText(suggestedAmount) : '');
  const [method, setMethod] = useState<PaymentMethod>('cash');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Payment | null>(null);
  const [receipt, setReceipt] = useState<ReceiptData | null>(null);
  const [receiptError, setReceiptError] = useState<string | null>(null);

  const amount = parseMoney(amountText);
  const amountOk = amount !== null && amount > 0;
  const refund = mode === 'refund';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!amountOk || (refund && !reason.trim()) || busy) return;
    setBusy(true);
    setError(null);
    try {
      const base = { patientId, amount, method, ...(appointmentId ? { appointmentId } : {}) };
      const p = refund ? await api('payments.refund', { ...base, reason: reason.trim() }) : await api('payments.create', base);
      setDone(p);
      notify(t(refund ? 'pay.refunded' : 'pay.saved'));
      api('payments.receipt', { id: p.id }).then(setReceipt, (err) => setReceiptError(errorText(err)));
    } catch (err) {
      const refundable = (err instanceof ApiClientError && err.code === 'conflict' && refund
        ? (err.current as { refundable?: number } | undefined)?.refundable
        : undefined);
      setError(refundable !== undefined ? t('pay.refundTooMuch', { amount: money(refundable) }) : errorText(err));
    } finally {
      setBusy(false);
    }
  };

  // Once saved, closing the dialog in any way reports the payment.
  const close = () => (done ? onDone(done) : onClose());

  const printPdf = async () => {
    const bridge = desktopBridge();
    if (!bridge?.printToPdf || !done) return;
    const r = await bridge.printToPdf(`receipt-${done.id}.pdf`).catch(() => null);
    if (r?.saved) notify(t('receipt.pdfSaved', { path: r.path ?? '' }));
  };

  const balanceText =
    balance === null ? '' : balance > 0 ? t('pay.debt', { amount: money(balance) }) : balance < 0 ? t('pay.prepaid', { amount: money(-balance) }) : t('pay.settled');

  if (done) {
    return (
      <Dialog open onClose={close} maxWidth="sm" fullWidth>
        <DialogTitle>{t(refund ? 'pay.refundDoneTitle' : 'pay.doneTitle')}</DialogTitle>
        <DialogContent dividers>
          {receipt ? <Receipt receipt={receipt} /> : receiptError ? <Alert severity="warning">{receiptError}</Alert> : <Typography>{t('pay.loadingReceipt')}</Typography>}
        </DialogContent>
        <DialogActions>
          {receipt && desktopBridge()?.printToPdf && (
            <Button onClick={() => void printPdf()} data-testid="receipt-pdf">
              {t('receipt.pdf')}
            </Button>
          )}
          {receipt && (
            <Button onClick={() => window.print()} data-testid="receipt-print">
              {t('receipt.print')}
            </Button>
          )}
          <Button variant="contained" onClick={close} data-testid="receipt-done" autoFocus>
            {t('receipt.done')}
          </Button>
        </DialogActions>
      </Dialog>
    );
  }

  return (
    <Dialog open onClose={(_e, why) => why !== 'backdropClick' && onClose()} maxWidth="xs" fullWidth>
      <Box component="form" onSubmit={(e) => void submit(e)} noValidate>
        <DialogTitle>{t(refund ? 'pay.refundTitle' : 'pay.title')}</DialogTitle>
        <DialogContent dividers>
          <Stack spacing={2}>
            <Box>
              <Typography variant="subtitle1">{patientName || '…'}</Typography>
              <Typography variant="body2" color={balance !== null && balance > 0 ? 'error' : 'text.secondary'} data-testid="pay-balance">
                {balanceText}
              </Typography>
              <Typography variant="body2" color="text.secondary">
                {appointmentId
                  ? visit
                    ? t('pay.forVisit', { date: formatDateTime(visit.startAt), doctor: visit.doctorName, total: money(visit.total), paid: money(visit.paid) })
                    : '…'
                  : t('pay.onAccount')}
              </Typography>
            </Box>
            {error && (
              <Alert severity="error" data-testid="pay-error">
                {error}
              </Alert>
            )}
            <TextField
              label={t('pay.amount')}
              value={amountText}
              onChange={(e) => setAmountText(e.target.value)}
              onBlur={() => amountOk && setAmountText(moneyText(amount))}
              error={touched && !amountOk}
              helperText={touched && !amountOk ? t('pay.badAmount') : t('pay.amountHint', { currency })}
              autoFocus
              fullWidth
              slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': 'pay-amount', autoComplete: 'off' } }}
            />
            <Box>
              <Typography variant="caption" color="text.secondary">
                {t('pay.method')}
              </Typography>
              <ToggleButtonGroup exclusive fullWidth size="small" value={method} onChange={(_e, v: PaymentMethod | null) => v && setMethod(v)} data-testid="pay-method">
                {PAYMENT_METHODS.map((m) => (
                  <ToggleButton key={m} value={m} data-testid={`pay-method-${m}`}>
                    {t(`method.${m}`)}
                  </ToggleButton>
                ))}
              </ToggleButtonGroup>
            </Box>
            {refund && (
              <TextField
                label={t('pay.reason')}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                error={touched && !reason.trim()}
                helperText={touched && !reason.trim() ? t('pay.reasonRequired') : undefined}
                required
                multiline
                minRows={2}
                fullWidth
                slotProps={{ htmlInput: { maxLength: 500, 'data-testid': 'refund-reason' } }}
              />
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('pay.cancel')}</Button>
          <Button type="submit" variant="contained" color={refund ? 'warning' : 'primary'} disabled={busy} data-testid="pay-save">
            {amountOk ? t(refund ? 'pay.refundAmount' : 'pay.payAmount', { amount: money(amount) }) : t(refund ? 'pay.refund' : 'pay.pay')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}

/**
 * Takes a payment. After the host saved it the receipt is shown; `onPaid`
 * is called when the user closes that receipt, `onClose` when nothing was paid.
 */
export function PaymentDialog({ patientId, appointmentId, suggestedAmount, onClose, onPaid }: PaymentDialogProps) {
  return <MoneyDialog mode="pay" patientId={patientId} appointmentId={appointmentId} suggestedAmount={suggestedAmount} onClose={onClose} onDone={onPaid} />;
}

/** Returns money (director, admin): amount, method and the reason, then the receipt. */
export function RefundDialog({ patientId, appointmentId, onClose, onRefunded }: RefundDialogProps) {
  return <MoneyDialog mode="refund" patientId={patientId} appointmentId={appointmentId} onClose={onClose} onDone={onRefunded} />;
}
