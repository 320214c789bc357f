import type { ReactNode } from 'react';
import { AppBar, Box, Button, Chip, List, ListItemButton, ListItemIcon, ListItemText, Toolbar, Typography } from '@mui/material';
import AssessmentIcon from '@mui/icons-material/Assessment';
import CalendarMonthIcon from '@mui/icons-material/CalendarMonth';
import CampaignIcon from '@mui/icons-material/Campaign';
import ChecklistIcon from '@mui/icons-material/Checklist';
import CircleIcon from '@mui/icons-material/Circle';
import DashboardIcon from '@mui/icons-material/Dashboard';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import MailIcon from '@mui/icons-material/Mail';
import PeopleIcon from '@mui/icons-material/People';
import PhoneInTalkIcon from '@mui/icons-material/PhoneInTalk';
import SettingsIcon from '@mui/icons-material/Settings';
import TuneIcon from '@mui/icons-material/Tune';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session';
import type { Role } from '../../shared/domain/roles';
import { navigate } from '../route';
import { ConnectionBanner } from './ConnectionBanner';
import { LanguageSwitcher } from './LanguageSwitcher';
import { IncomingCall } from './IncomingCall';

// The areas in the side rail, in the order of a working day; roles limit who sees them.
const NAV: Array<{ area: string; roles?: Role[] }> = [
  { area: 'dashboard', roles: ['admin', 'director'] },
  { area: 'book', roles: ['admin', 'director', 'reception', 'callcenter', 'doctor'] },
  { area: 'desk' },
  { area: 'confirm', roles: ['admin', 'director', 'reception', 'callcenter'] },
  { area: 'patients' },
  { area: 'reports', roles: ['admin', 'director', 'callcenter'] },
  { area: 'admin', roles: ['admin', 'director'] },
  { area: 'tasks' },
  { area: 'messages', roles: ['admin', 'director', 'reception', 'callcenter'] },
  { area: 'campaigns', roles: ['admin', 'director', 'callcenter'] },
];

// Each area's icon; an area added without one gets a plain dot.
const ICONS: Record<string, ReactNode> = {
  dashboard: <DashboardIcon />,
  book: <CalendarMonthIcon />,
  desk: <HowToRegIcon />,
  confirm: <PhoneInTalkIcon />,
  patients: <PeopleIcon />,
  reports: <AssessmentIcon />,
  admin: <TuneIcon />,
  settings: <SettingsIcon />,
  tasks: <ChecklistIcon />,
  campaigns: <CampaignIcon />,
  messages: <MailIcon />,
};

const DRAWER_WIDTH = 210;

// The areas live in a side rail rather than the app bar: a dozen of them
// in four languages do not fit one bar (Ukrainian labels overflowed at 1500 px).
export function AppShell({ children, area }: { children: ReactNode; area: string }) {
  const { t } = useTranslation();
  const { user, settings, status, signOut } = useSession();
  const canSettings = user?.role === 'admin' || user?.role === 'director';
  const areas: string[] = NAV.filter((n) => !n.roles || (user && n.roles.includes(user.role))).map((n) => n.area);
  if (canSettings) areas.push('settings');
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: '100vh' }}>
      <AppBar position="sticky" elevation={1} sx={{ zIndex: (theme) => theme.zIndex.drawer + 1 }}>
        <Toolbar sx={{ gap: 2 }}>
          <Typography variant="h6" sx={{ whiteSpace: 'nowrap', flexGrow: 1 }}>
            {settings?.clinicName ?? t('app.title')}
            {status?.demo && <Chip size="small" label={t('app.demo')} color="warning" sx={{ ml: 2 }} />}
          </Typography>
          <LanguageSwitcher />
          <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }} data-testid="current-user">
            {user?.fullName}
          </Typography>
          <Button color="inherit" onClick={() => void signOut()}>
            {t('app.signOut')}
          </Button>
        </Toolbar>
      </AppBar>
      <Box sx={{ display: 'flex', flexGrow: 1 }}>
        <Box component="nav" sx={{ width: DRAWER_WIDTH, flexShrink: 0, borderRight: 1, borderColor: 'divider', displayPrint: 'none' }}>
          <List dense sx={{ position: 'sticky', top: 64 }}>
            {areas.map((a) => (
              <ListItemButton key={a} selected={area === a} onClick={() => navigate(a)} data-testid={`nav-${a}`}>
                <ListItemIcon sx={{ minWidth: 36 }}>{ICONS[a] ?? <CircleIcon sx={{ fontSize: 10 }} />}</ListItemIcon>
                <ListItemText primary={t(`app.${a}`)} />
              </ListItemButton>
            ))}
          </List>
        </Box>
        <Box sx={{ flexGrow: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          <ConnectionBanner />
          <Box component="main" sx={{ p: 2, flexGrow: 1 }}>
            {children}
          </Box>
        </Box>
      </Box>
      <IncomingCall />
    </Box>
  );
}
