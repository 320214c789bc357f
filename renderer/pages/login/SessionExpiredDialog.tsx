import { Alert, Dialog, DialogContent, DialogTitle } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session';
import { SignInForm } from './SignInForm';

/** Shown over the open page: the form underneath keeps what was typed. */
export function SessionExpiredDialog() {
  const { t } = useTranslation();
  const { user, expired } = useSession();
  return (
    <Dialog open={expired} data-testid="session-expired">
      <DialogTitle>{t('signIn.title')}</DialogTitle>
      <DialogContent>
        <Alert severity="warning" sx={{ mb: 2 }}>
          {t('signIn.expired')}
        </Alert>
        <SignInForm initialLogin={user?.login ?? ''} />
      </DialogContent>
    </Dialog>
  );
}
