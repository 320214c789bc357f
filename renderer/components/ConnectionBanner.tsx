// Says at once when the host cannot be reached, and when it is back.
import { Alert, Collapse } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useLinkState } from '../api/hooks';

export function ConnectionBanner() {
  const { t } = useTranslation();
  const state = useLinkState();
  return (
    <Collapse in={state === 'offline'}>
      <Alert severity="error" square data-testid="offline-banner">
        {t('app.offline')} {t('app.reconnecting')}
      </Alert>
    </Collapse>
  );
}
