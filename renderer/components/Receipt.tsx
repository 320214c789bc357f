// A payment (or refund) receipt: shown on screen, and printed alone. The
// printed copy is a direct child of <body>, so the print stylesheet can hide
// everything else (the app, the dialog) without fighting their layout.
import { createPortal } from 'react-dom';
import { Box, GlobalStyles, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Receipt as ReceiptData } from '../../shared/api/payments';
import { formatDateTime, formatMoney } from '../i18n';

/** What the Electron preload offers here; absent in a plain browser. */
interface DesktopBridge {
  printToPdf?(suggestedName?: string): Promise<{ saved: boolean; path?: string }>;
}

export function desktopBridge(): DesktopBridge | undefined {
  return (window as Window & { clinicDesktop?: DesktopBridge }).clinicDesktop;
}

const PRINT_CLASS = 'clinic-receipt-print';

const printStyles = (
  <GlobalStyles
    styles={{
      [`.${PRINT_CLASS}`]: { display: 'none' },
      '@media print': {
        [`body > *:not(.${PRINT_CLASS})`]: { display: 'none !important' },
        [`.${PRINT_CLASS}`]: { display: 'block !important', color: '#000', background: '#fff' },
        '@page': { margin: '12mm' },
      },
    }}
  />
);

function ReceiptBody({ receipt, testId }: { receipt: ReceiptData; testId?: string }) {
  const { t } = useTranslation('desk');
  const money = (minor: number) => formatMoney(minor, receipt.currency);
  const p = receipt.payment;
  const refund = p.amount < 0;
  const row = (label: string, value: string, strong = false) => (
    <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 2, py: 0.25 }}>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2" sx={{ fontWeight: strong ? 700 : 400, textAlign: 'right' }}>
        {value}
      </Typography>
    </Box>
  );
  const balance = receipt.balanceAfter;
  return (
    <Box data-testid={testId} sx={{ maxWidth: 520, mx: 'auto', fontSize: 14 }}>
      <Typography variant="h6" align="center">
        {receipt.clinicName}
      </Typography>
      <Typography variant="subtitle1" align="center" sx={{ mb: 1 }}>
        {t(refund ? 'receipt.refundTitle' : 'receipt.title', { id: p.id })}
      </Typography>
      {row(t('receipt.date'), formatDateTime(p.paidAt))}
      {row(t('receipt.patient'), receipt.patientName)}
      {receipt.lines.length > 0 && (
        <Table size="small" sx={{ my: 1, '& td, & th': { px: 0.5 }, '& th': { whiteSpace: 'nowrap' } }}>
          <TableHead>
            <TableRow>
              <TableCell>{t('receipt.service')}</TableCell>
              <TableCell align="right">{t('receipt.qty')}</TableCell>
              <TableCell align="right">{t('receipt.price')}</TableCell>
              <TableCell align="right">{t('receipt.discount')}</TableCell>
              <TableCell align="right">{t('receipt.amount')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {receipt.lines.map((l, i) => (
              <TableRow key={i}>
                <TableCell>{l.name}</TableCell>
                <TableCell align="right">{l.qty}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{money(l.price)}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{l.discount ? money(l.discount) : '—'}</TableCell>
                <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>{money(l.amount)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {receipt.visitTotal !== null && row(t('receipt.visitTotal'), money(receipt.visitTotal))}
      {receipt.visitTotal === null && row(t('receipt.purpose'), t('receipt.onAccount'))}
      {row(refund ? t('receipt.refunded') : t('receipt.paid'), money(Math.abs(p.amount)), true)}
      {row(t('receipt.method'), t(`method.${p.method}`, { defaultValue: p.method }))}
      {refund && p.reason && row(t('receipt.reason'), p.reason)}
      {row(
        balance > 0 ? t('receipt.balanceDebt') : balance < 0 ? t('receipt.balancePrepaid') : t('receipt.balance'),
        balance === 0 ? t('receipt.balanceSettled') : money(Math.abs(balance)),
        balance > 0,
      )}
      {receipt.cashier && row(t('receipt.cashier'), receipt.cashier)}
    </Box>
  );
}

/** The receipt on screen (data-testid "receipt") plus its print-only copy. */
export function Receipt({ receipt }: { receipt: ReceiptData }) {
  return (
    <>
      {printStyles}
      <ReceiptBody receipt={receipt} testId="receipt" />
      {createPortal(
        <div className={PRINT_CLASS}>
          <ReceiptBody receipt={receipt} />
        </div>,
        document.body,
      )}
    </>
  );
}
