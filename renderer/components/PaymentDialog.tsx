import type { Payment } from '../../shared/api/payments';

export interface PaymentDialogProps {
  patientId: number;
  /** Pay for this visit; omitted: a payment on account. */
  appointmentId?: number;
  /** Pre-filled amount in minor units (e.g. what is left to pay for the visit). */
  suggestedAmount?: number;
  onClose(): void;
  onPaid(p: Payment): void;
}

export function PaymentDialog(_props: PaymentDialogProps) {
  return null;
}
