// "Create a campaign from these patients": a report's drill-down list (recalls
// due, lost…) becomes a campaign's members in one action.
import { useState } from 'react';
import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { addDays, format } from 'date-fns';
import { useTranslation } from 'react-i18next';
import { CAMPAIGN_CHANNELS, type CampaignChannel } from '../../../shared/api/campaigns';
import { api } from '../../api/client';
import { useNotify } from '../../components/Notify';
import { navigate } from '../../route';
import { useFailure } from '../admin/common';
import { today } from '../admin/dates';

export function FromPatientsDialog({ patientIds, defaultName, onClose }: { patientIds: number[]; defaultName: string; onClose(): void }) {
  const { t } = useTranslation('campaigns');
  const notify = useNotify();
  const failure = useFailure();
  const [name, setName] = useState(defaultName);
  const [channel, setChannel] = useState<CampaignChannel>('call');
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const c = await api('campaigns.create', { name, channel, startDate: today(), endDate: format(addDays(new Date(), 30), 'yyyy-MM-dd') });
      const r = await api('campaigns.addMembers', { id: c.id, patientIds });
      notify(t('fromPatients.created', { count: r.members }));
      onClose();
      navigate(`campaigns/${c.id}`);
    } catch (e) {
      setMessage(failure(e, { name: t('fields.name'), channel: t('fields.channel') }).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="xs" fullWidth>
      <DialogTitle>{t('fromPatients.title', { count: patientIds.length })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ pt: 1 }}>
          {message && <Alert severity="error">{message}</Alert>}
          <TextField size="small" label={t('fields.name')} value={name} onChange={(e) => setName(e.target.value)} slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'from-patients-name' } }} />
          <TextField select size="small" label={t('fields.channel')} value={channel} onChange={(e) => setChannel(e.target.value as CampaignChannel)}>
            {CAMPAIGN_CHANNELS.map((c) => (
              <MenuItem key={c} value={c}>
                {t(`channel.${c}`)}
              </MenuItem>
            ))}
          </TextField>
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('cancel')}</Button>
        <Button variant="contained" disabled={busy || !name.trim()} onClick={() => void create()} data-testid="from-patients-create">
          {t('save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
