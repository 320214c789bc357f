import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Paper, Stack, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session';
import { useErrorText } from '../../api/hooks';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { SignInForm } from './SignInForm';

function FirstAdminForm() {
  const { t } = useTranslation();
  const { createFirstAdmin } = useSession();
  const errorText = useErrorText();
  const [form, setForm] = useState({ fullName: '', login: 'admin', password: '' });
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await createFirstAdmin(form);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const field = (key: keyof typeof form, label: string, type = 'text') => (
    <TextField label={label} type={type} value={form[key]} onChange={(e) => setForm({ ...form, [key]: e.target.value })} required name={key} />
  );
  return (
    <Box component="form" onSubmit={submit}>
      <Stack spacing={2}>
        <Typography>{t('signIn.firstAdminText')}</Typography>
        {error && <Alert severity="error">{error}</Alert>}
        {field('fullName', t('signIn.fullName'))}
        {field('login', t('signIn.login'))}
        {field('password', t('signIn.password'), 'password')}
        <Button type="submit" variant="contained">
          {t('signIn.create')}
        </Button>
      </Stack>
    </Box>
  );
}

export function SignInPage() {
  const { t } = useTranslation();
  const { status } = useSession();
  return (
    <Box sx={{ minHeight: '100vh', display: 'grid', placeItems: 'center', bgcolor: 'grey.100' }}>
      <Paper sx={{ p: 4, width: 380 }} elevation={3}>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2, bgcolor: 'primary.main', color: 'white', mx: -4, mt: -4, p: 2, px: 4 }}>
          <Typography variant="h6">{status?.needsFirstAdmin ? t('signIn.firstAdminTitle') : t('signIn.title')}</Typography>
          <LanguageSwitcher />
        </Stack>
        {status?.needsFirstAdmin ? <FirstAdminForm /> : <SignInForm />}
        {status?.demo && (
          <Alert severity="info" sx={{ mt: 2 }}>
            {t('signIn.demoHint')}
          </Alert>
        )}
      </Paper>
    </Box>
  );
}
