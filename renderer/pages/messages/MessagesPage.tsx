// Messages: the outbox (every message with its status, retry and cancel),
// the templates editor and, for a director or an administrator, the
// messaging settings. Each tab has its own address, #/messages/<section>.
import { Box, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../route';
import { useSession } from '../../session';
import { OutboxTab } from './OutboxTab';
import { TemplatesTab } from './TemplatesTab';
import { MessagingSettingsTab } from './MessagingSettingsTab';

const SECTIONS = ['outbox', 'templates', 'settings'] as const;
type Section = (typeof SECTIONS)[number];

export function MessagesPage({ section }: { section?: string }) {
  const { t } = useTranslation('messages');
  const { user } = useSession();
  const manager = user?.role === 'admin' || user?.role === 'director';
  const sections = SECTIONS.filter((s) => s !== 'settings' || manager);
  const current: Section = (sections as readonly string[]).includes(section ?? '') ? (section as Section) : 'outbox';
  return (
    <Stack spacing={2}>
      <Typography variant="h5">{t('title')}</Typography>
      <Box sx={{ borderBottom: 1, borderColor: 'divider' }}>
        <Tabs value={current} onChange={(_e, v: Section) => navigate(`messages/${v}`)}>
          {sections.map((s) => (
            <Tab key={s} value={s} label={t(`tabs.${s}`)} data-testid={`messages-tab-${s}`} />
          ))}
        </Tabs>
      </Box>
      <Box role="tabpanel" data-testid={`messages-panel-${current}`}>
        {current === 'outbox' && <OutboxTab manager={manager} />}
        {current === 'templates' && <TemplatesTab canEdit={manager} />}
        {current === 'settings' && manager && <MessagingSettingsTab />}
      </Box>
    </Stack>
  );
}
