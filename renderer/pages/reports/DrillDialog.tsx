// The patients behind one number of a report (reports.patients): each links
// to the card, and the list can be exported as CSV for calls or a mailing.
import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { currentLocale } from '../../i18n';
import { saveCsv } from './download';
import { CreateTasksDialog } from '../tasks/CreateTasksDialog';
import { FromPatientsDialog } from '../campaigns/FromPatientsDialog';

export interface DrillTarget {
  column: string;
  /** Absent for the totals row. */
  rowIndex?: number;
  title: string;
}

type Patient = { id: number; name: string; phone: string | null };

export function DrillDialog({ reportId, params, target, onClose }: { reportId: string; params: Record<string, unknown>; target: DrillTarget | null; onClose(): void }) {
  const { t } = useTranslation('reports');
  const errorText = useErrorText();
  const [patients, setPatients] = useState<Patient[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { t: tt } = useTranslation('tasks');
  const [calling, setCalling] = useState(false);
  const [toCampaign, setToCampaign] = useState(false);

  useEffect(() => {
    if (!target) return;
    let live = true;
    setPatients(null);
    setError(null);
    api('reports.patients', { id: reportId, params, locale: currentLocale(), column: target.column, ...(target.rowIndex !== undefined ? { rowIndex: target.rowIndex } : {}) })
      .then((p) => live && setPatients(p))
      .catch((e: unknown) => live && setError(`${t('drill.failed')} ${errorText(e)}`));
    return () => {
      live = false;
    };
    // A new target (or report parameters) is a new list; t/errorText only word the error.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [target, reportId, JSON.stringify(params)]);

  const exportCsv = () => {
    if (!patients || !target) return;
    const part = target.rowIndex === undefined ? 'total' : String(target.rowIndex + 1);
    const name = `${reportId}_${target.column.replace(/[^\w-]+/g, '-')}_${part}_${String(params.from)}_${String(params.to)}.csv`;
    saveCsv(['ID', t('drill.name'), t('drill.phone')], patients.map((p) => [p.id, p.name, p.phone]), name);
  };

  return (
    <Dialog open={!!target} onClose={onClose} maxWidth="sm" fullWidth data-testid="drill-dialog" aria-labelledby="drill-title">
      <DialogTitle id="drill-title">{target?.title}</DialogTitle>
      <DialogContent dividers sx={{ p: 0 }}>
        {error && (
          <Alert severity="error" sx={{ m: 2 }}>
            {error}
          </Alert>
        )}
        {!patients && !error && (
          <Box sx={{ display: 'grid', placeItems: 'center', p: 4 }}>
            <CircularProgress />
          </Box>
        )}
        {patients && patients.length === 0 && <Typography sx={{ p: 2 }}>{t('drill.empty')}</Typography>}
        {patients && patients.length > 0 && (
          <Table size="small" stickyHeader>
            <TableHead>
              <TableRow>
                <TableCell>{t('drill.name')}</TableCell>
                <TableCell>{t('drill.phone')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {patients.map((p) => (
                <TableRow key={p.id} hover>
                  <TableCell>
                    <Link href={`#/patients/${p.id}`} underline="hover" data-testid={`drill-patient-${p.id}`}>
                      {p.name}
                    </Link>
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{p.phone ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Typography variant="body2" color="text.secondary" sx={{ flexGrow: 1, pl: 2 }} data-testid="drill-count">
          {patients ? t('drill.count', { count: patients.length }) : ''}
        </Typography>
        {/* The lost and recall lists become call lists in one action. */}
        <Button onClick={() => setCalling(true)} disabled={!patients?.length} data-testid="drill-create-tasks">
          {tt('createMany.button')}
        </Button>
        {/* …or a campaign audience. */}
        <Button onClick={() => setToCampaign(true)} disabled={!patients?.length} data-testid="drill-campaign">
          {t('fromPatients.button', { ns: 'campaigns' })}
        </Button>
        <Button startIcon={<DownloadIcon />} onClick={exportCsv} disabled={!patients?.length} data-testid="drill-export">
          {t('drill.export')}
        </Button>
        <Button onClick={onClose} data-testid="drill-close">
          {t('drill.close')}
        </Button>
      </DialogActions>
      {calling && patients && <CreateTasksDialog patientIds={patients.map((p) => p.id)} defaultComment={target?.title} onClose={() => setCalling(false)} />}
      {toCampaign && patients && (
        <FromPatientsDialog patientIds={patients.map((p) => p.id)} defaultName={target?.title ?? ''} onClose={() => setToCampaign(false)} />
      )}
    </Dialog>
  );
}
