// Start and complete a visit from a queue: the same actions for the doctor's
// own queue and the desk's board.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '../../../shared/api/appointments';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { useNotify } from '../../components/Notify';
import { CompleteVisitDialog } from './CompleteVisitDialog';

export function useVisitActions(reload: () => unknown) {
  const { t } = useTranslation('desk');
  const errorText = useErrorText();
  const notify = useNotify();
  const [completing, setCompleting] = useState<Appointment | null>(null);

  const onStart = async (a: Appointment) => {
    try {
      await api('appointments.setStatus', { id: a.id, updatedAt: a.updatedAt, status: 'in_service' });
      notify(t('board.started', { patient: a.patientName }));
    } catch (e) {
      notify(errorText(e), 'error');
    }
    void reload();
  };

  const dialog = completing && (
    <CompleteVisitDialog
      appointmentId={completing.id}
      onClose={() => setCompleting(null)}
      onCompleted={(a) => {
        notify(t('complete.saved', { patient: a.patientName }));
        void reload();
      }}
    />
  );

  return { actions: { onStart: (a: Appointment) => void onStart(a), onComplete: setCompleting }, dialog };
}
