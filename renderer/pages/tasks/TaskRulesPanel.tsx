// Settings of the automatic task rules: each on or off with its delay, and "run now".
import { useEffect, useState } from 'react';
import { Button, FormControlLabel, Paper, Stack, Switch, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { TASK_RULES, type TaskRuleSettings } from '../../../shared/api/tasks';
import { api } from '../../api/client';
import { useErrorText } from '../../api/hooks';
import { useNotify } from '../../components/Notify';
import { useSession } from '../../session';

export function TaskRulesPanel() {
  const { t } = useTranslation('tasks');
  const { settings, reloadSettings } = useSession();
  const notify = useNotify();
  const errorText = useErrorText();
  const [rules, setRules] = useState<TaskRuleSettings | null>(settings?.taskRules ?? null);
  useEffect(() => setRules(settings?.taskRules ?? null), [settings]);
  if (!rules) return null;

  const save = () =>
    api('settings.update', { taskRules: rules }).then(
      async () => {
        await reloadSettings();
        notify(t('saved'));
      },
      (e: unknown) => notify(errorText(e), 'error'),
    );
  const run = () =>
    api('tasks.runRules', {}).then(
      (r) => notify(t('rules.ran', { count: Object.values(r.created).reduce((a, b) => a + b, 0) })),
      (e: unknown) => notify(errorText(e), 'error'),
    );

  return (
    <Paper sx={{ p: 2 }} data-testid="task-rules">
      <Stack spacing={2}>
        <Typography variant="h6">{t('rules.title')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {t('rules.text')}
        </Typography>
        {TASK_RULES.map((r) => (
          <Stack key={r} direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <FormControlLabel
              sx={{ width: 380 }}
              control={<Switch checked={rules[r].enabled} onChange={(e) => setRules({ ...rules, [r]: { ...rules[r], enabled: e.target.checked } })} />}
              label={t(`rule.${r}`)}
            />
            <TextField
              size="small"
              type="number"
              label={t(`ruleDays.${r}`)}
              value={rules[r].days}
              sx={{ width: 260 }}
              onChange={(e) => setRules({ ...rules, [r]: { ...rules[r], days: Number(e.target.value) } })}
              slotProps={{ htmlInput: { min: 0, max: 365 } }}
            />
          </Stack>
        ))}
        <Stack direction="row" spacing={2}>
          <Button variant="contained" onClick={() => void save()}>
            {t('save')}
          </Button>
          <Button onClick={() => void run()} data-testid="rules-run">
            {t('rules.run')}
          </Button>
        </Stack>
      </Stack>
    </Paper>
  );
}
