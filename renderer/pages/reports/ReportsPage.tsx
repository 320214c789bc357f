// The list of reports, grouped by the question they answer. Only the reports
// this host has (reports.list) are shown; each opens at #/reports/<id>.
import { useEffect, useState } from 'react';
import { Alert, Box, Card, CardActionArea, CardContent, CircularProgress, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { REPORT_GROUPS, type ReportInfo } from '../../../shared/api/reports';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { useSession } from '../../session';

export const REPORT_ROLES = ['admin', 'director', 'callcenter'];

export function ReportsPage() {
  const { t } = useTranslation('reports');
  const { user } = useSession();
  const errorText = useErrorText();
  const [list, setList] = useState<ReportInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const allowed = !!user && REPORT_ROLES.includes(user.role);

  useEffect(() => {
    if (!allowed) return;
    let live = true;
    api('reports.list', {})
      .then((l) => live && setList(l))
      .catch((e: unknown) => live && setError(`${t('loadFailed')} ${errorText(e)}`));
    return () => {
      live = false;
    };
    // errorText and t change with the language only; the list does not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [allowed]);

  if (!allowed) return <Alert severity="info">{t('noPermission')}</Alert>;

  return (
    <Stack spacing={3} data-testid="reports-list">
      <Box>
        <Typography variant="h5">{t('title')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {t('intro')}
        </Typography>
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {!list && !error && <CircularProgress />}
      {list && list.length === 0 && <Alert severity="info">{t('none')}</Alert>}
      {list &&
        REPORT_GROUPS.filter((g) => list.some((r) => r.group === g)).map((g) => (
          <Box key={g} component="section" data-testid={`reports-group-${g}`}>
            <Typography variant="h6" sx={{ mb: 1 }}>
              {t(`groups.${g}`)}
            </Typography>
            <Box sx={{ display: 'grid', gap: 1.5, gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))' }}>
              {list
                .filter((r) => r.group === g)
                .map((r) => (
                  <Card key={r.id} variant="outlined">
                    <CardActionArea href={`#/reports/${r.id}`} data-testid={`report-link-${r.id}`} sx={{ height: '100%' }}>
                      <CardContent>
                        <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
                          {t(`list.${r.id}.title`, { defaultValue: r.id })}
                        </Typography>
                        <Typography variant="body2" color="text.secondary">
                          {t(`list.${r.id}.about`, { defaultValue: '' })}
                        </Typography>
                      </CardContent>
                    </CardActionArea>
                  </Card>
                ))}
            </Box>
          </Box>
        ))}
    </Stack>
  );
}
