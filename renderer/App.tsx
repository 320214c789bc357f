import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { CircularProgress, Box } from '@mui/material';
import { useSession } from './session';
import { useRoute } from './route';
import { AppShell } from './components/AppShell';
import { SignInPage } from './pages/login/SignInPage';
import { SessionExpiredDialog } from './pages/login/SessionExpiredDialog';
import { PatientsPage } from './pages/patients/PatientsPage';
import { PatientCardPage } from './pages/patients/PatientCardPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { AppointmentBookPage } from './pages/book/AppointmentBookPage';
import { ConfirmListPage } from './pages/book/ConfirmListPage';
import { FrontDeskPage } from './pages/desk/FrontDeskPage';
import { AdminPage } from './pages/admin/AdminPage';
import { ReportsPage } from './pages/reports/ReportsPage';
import { ReportPage } from './pages/reports/ReportPage';
import { DashboardPage } from './pages/reports/DashboardPage';
import { TasksPage } from './pages/tasks/TasksPage';
import { MessagesPage } from './pages/messages/MessagesPage';
import { CampaignsPage } from './pages/campaigns/CampaignsPage';

export function App() {
  const { ready, user } = useSession();
  // A director's or an administrator's home is the dashboard; everyone else starts at the patients.
  const home = user?.role === 'director' || user?.role === 'admin' ? 'dashboard' : 'patients';
  // The query part (#/reports/lost?from=…) belongs to the page, not to the route.
  const [area = home, id] = useRoute().map((p) => p.split('?')[0]);
  useTranslation();
  useEffect(() => {
    if (user && home === 'dashboard' && !location.hash.replace(/^#\/?/, '')) location.replace('#/dashboard');
  }, [user, home]);
  if (!ready) {
    return (
      <Box sx={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
        <CircularProgress />
      </Box>
    );
  }
  if (!user) return <SignInPage />;
  let page;
  if (area === 'settings') page = <SettingsPage />;
  else if (area === 'book') page = <AppointmentBookPage />;
  else if (area === 'confirm') page = <ConfirmListPage />;
  else if (area === 'desk') page = <FrontDeskPage />;
  else if (area === 'admin') page = <AdminPage section={id} />;
  else if (area === 'dashboard') page = <DashboardPage />;
  else if (area === 'reports' && id) page = <ReportPage key={id} id={id} />;
  else if (area === 'reports') page = <ReportsPage />;
  else if (area === 'tasks') page = <TasksPage />;
  else if (area === 'messages') page = <MessagesPage section={id} />;
  else if (area === 'campaigns') page = <CampaignsPage id={id} />;
  else if (area === 'patients' && id && Number(id) > 0) page = <PatientCardPage key={id} id={Number(id)} />;
  else page = <PatientsPage />;
  return (
    <AppShell area={area}>
      {page}
      <SessionExpiredDialog />
    </AppShell>
  );
}
