// The sign-in form, used both as the start page and as the dialog shown over
// an open page when the session has expired.
import { useState, type FormEvent } from 'react';
import { Alert, Box, Button, Stack, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ApiClientError } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { useSession } from '../../session';

export function SignInForm({ initialLogin = '' }: { initialLogin?: string }) {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const errorText = useErrorText();
  const [login, setLogin] = useState(initialLogin);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(login, password);
    } catch (err) {
      if (err instanceof ApiClientError && err.code === 'unauthorized') setError(t('signIn.wrong'));
      else if (err instanceof ApiClientError && err.code === 'too_many_attempts') {
        const seconds = (err.current as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 1;
        setError(t('signIn.tooMany', { seconds }));
      } else setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box component="form" onSubmit={submit} noValidate>
      <Stack spacing={2}>
        {error && (
          <Alert severity="error" data-testid="signin-error">
            {error}
          </Alert>
        )}
        <TextField label={t('signIn.login')} value={login} onChange={(e) => setLogin(e.target.value)} autoFocus={!initialLogin} autoComplete="username" name="login" required />
        <TextField
          label={t('signIn.password')}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoFocus={!!initialLogin}
          autoComplete="current-password"
          name="password"
          required
        />
        <Button type="submit" variant="contained" disabled={busy || !login || !password}>
          {t('signIn.submit')}
        </Button>
      </Stack>
    </Box>
  );
}
