import type { ReactNode } from 'react';
import { AppBar, Box, Button, Chip, Toolbar, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session';
import type { Role } from '../../shared/domain/roles';
import { navigate } from '../route';
import { ConnectionBanner } from './ConnectionBanner';
import { LanguageSwitcher } from './LanguageSwitcher';

// The areas in the app bar, in the order of a working day; roles limit who sees them.
const NAV: Array<{ area: 'dashboard' | 'book' | 'desk' | 'confirm' | 'patients' | 'reports' | 'admin' | 'campaigns'; roles?: Role[] }> = [
  { area: 'dashboard', roles: ['admin', 'director'] },
  { area: 'book', roles: ['admin', 'director', 'reception', 'callcenter', 'doctor'] },
  { area: 'desk' },
  { area: 'confirm', roles: ['admin', 'director', 'reception', 'callcenter'] },
  { area: 'patients' },
  { area: 'reports', roles: ['admin', 'director', 'callcenter'] },
  { area: 'admin', roles: ['admin', 'director'] },
  { area: 'campaigns', roles: ['admin', 'director', 'callcenter'] },
];

export function AppShell({ children, area }: { children: ReactNode; area: string }) {
  const { t } = useTranslation();
  const { user, settings, status, signOut } = useSession();
  const canSettings = user?.role === 'admin' || user?.role === 'director';
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: '100vh' }}>
      <AppBar position="static" elevation={1}>
        <Toolbar sx={{ gap: 2 }}>
          <Typography variant="h6" sx={{ whiteSpace: 'nowrap' }}>
            {settings?.clinicName ?? t('app.title')}
          </Typography>
          {status?.demo && <Chip size="small" label={t('app.demo')} color="warning" />}
          <Box sx={{ display: 'flex', gap: 1, flexGrow: 1 }}>
            {NAV.filter((n) => !n.roles || (user && n.roles.includes(user.role))).map((n) => (
              <Button key={n.area} color="inherit" onClick={() => navigate(n.area)} variant={area === n.area ? 'outlined' : 'text'} data-testid={`nav-${n.area}`}>
                {t(`app.${n.area}`)}
              </Button>
            ))}
            {canSettings && (
              <Button color="inherit" onClick={() => navigate('settings')} variant={area === 'settings' ? 'outlined' : 'text'} data-testid="nav-settings">
                {t('app.settings')}
              </Button>
            )}
          </Box>
          <LanguageSwitcher />
          <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }} data-testid="current-user">
            {user?.fullName}
          </Typography>
          <Button color="inherit" onClick={() => void signOut()}>
            {t('app.signOut')}
          </Button>
        </Toolbar>
      </AppBar>
      <ConnectionBanner />
      <Box component="main" sx={{ p: 2, flexGrow: 1 }}>
        {children}
      </Box>
    </Box>
  );
}
