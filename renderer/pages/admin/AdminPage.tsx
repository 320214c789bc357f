// Clinic setup for a director or an administrator: the price list, doctors'
// schedules, staff, expenses, the reason catalogs and the appointment-book
// settings. Each tab has its own address, #/admin/<section>.
import { Alert, Box, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../route';
import { useSession } from '../../session';
import { BookingTab } from './BookingTab';
import { ExpensesTab } from './ExpensesTab';
import { ReasonsTab } from './ReasonsTab';
import { SchedulesTab } from './SchedulesTab';
import { ServicesTab } from './ServicesTab';
import { StaffTab } from './StaffTab';

export const ADMIN_SECTIONS = ['services', 'schedules', 'staff', 'expenses', 'reasons', 'booking'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

const isSection = (s: string | undefined): s is AdminSection => (ADMIN_SECTIONS as readonly string[]).includes(s ?? '');

export function AdminPage({ section }: { section?: string }) {
  const { t } = useTranslation('admin');
  const { user } = useSession();
  if (user?.role !== 'admin' && user?.role !== 'director') {
    return (
      <Alert severity="info" data-testid="admin-no-permission">
        {t('noPermission')}
      </Alert>
    );
  }
  const current: AdminSection = isSection(section) ? section : 'services';
  return (
    <Stack spacing={2}>
      <Typography variant="h5">{t('title')}</Typography>
      <Box sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Tabs value={current} onChange={(_e, v: AdminSection) => navigate(`admin/${v}`)} variant="scrollable" scrollButtons="auto">
          {ADMIN_SECTIONS.map((s) => (
            <Tab key={s} value={s} label={t(`tabs.${s}`)} data-testid={`admin-tab-${s}`} />
          ))}
        </Tabs>
      </Box>
      <Box role="tabpanel" data-testid={`admin-panel-${current}`}>
        {current === 'services' && <ServicesTab />}
        {current === 'schedules' && <SchedulesTab />}
        {current === 'staff' && <StaffTab />}
        {current === 'expenses' && <ExpensesTab />}
        {current === 'reasons' && <ReasonsTab />}
        {current === 'booking' && <BookingTab />}
      </Box>
    </Stack>
  );
}
