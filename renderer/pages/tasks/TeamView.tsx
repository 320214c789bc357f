// The director's view: the tasks report per employee for a period, and the
// tasks behind a clicked number (tasks.list with the same bucket).
import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Paper, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { endOfMonth, format, startOfMonth } from 'date-fns';
import type { ReportResult } from '../../../shared/api/reports';
import type { Task, TaskBucket } from '../../../shared/api/tasks';
import { api } from '../../api/client';
import { useChanges, useErrorText } from '../../api/hooks';
import { currentLocale } from '../../i18n';
import { TaskCard } from './TaskCard';

const COLUMNS = ['due', 'doneOnTime', 'doneLate', 'open', 'overdue'] as const;
type Column = (typeof COLUMNS)[number];

export function TeamView() {
  const { t } = useTranslation('tasks');
  const errorText = useErrorText();
  const [from, setFrom] = useState(format(startOfMonth(new Date()), 'yyyy-MM-dd'));
  const [to, setTo] = useState(format(endOfMonth(new Date()), 'yyyy-MM-dd'));
  const [report, setReport] = useState<ReportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<{ assigneeId?: number; column: Column; title: string } | null>(null);
  const [tasks, setTasks] = useState<Task[]>([]);

  const load = useCallback(() => {
    api('reports.run', { id: 'tasks', params: { from, to }, locale: currentLocale() }).then(
      (r) => {
        setReport(r);
        setError(null);
      },
      (e: unknown) => setError(errorText(e)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [from, to]);
  useEffect(load, [load]);
  useChanges('tasks', () => load());

  const loadList = useCallback(() => {
    if (!chosen) return;
    const bucket: TaskBucket | undefined = chosen.column === 'due' ? undefined : chosen.column;
    api('tasks.list', { dueFrom: from, dueTo: to, ...(chosen.assigneeId ? { assigneeId: chosen.assigneeId } : {}), ...(bucket ? { bucket } : {}), limit: 200 }).then(
      (r) => setTasks(r.items.filter((x) => x.status !== 'cancelled')),
      () => setTasks([]),
    );
  }, [chosen, from, to]);
  useEffect(loadList, [loadList]);

  const cell = (row: Record<string, unknown> | undefined, c: Column, title: string) => {
    const n = Number(row?.[c] ?? 0);
    return (
      <TableCell key={c} align="right">
        {n ? (
          <Button size="small" onClick={() => setChosen({ assigneeId: row?.employeeId as number | undefined, column: c, title })} data-testid={`team-${c}-${String(row?.employeeId ?? 'total')}`}>
            {n}
          </Button>
        ) : (
          0
        )}
      </TableCell>
    );
  };

  return (
    <Stack spacing={2}>
      <Stack direction="row" spacing={2}>
        <TextField size="small" type="date" label={t('teamView.period')} value={from} onChange={(e) => setFrom(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
        <TextField size="small" type="date" label={t('teamView.to')} value={to} onChange={(e) => setTo(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} />
      </Stack>
      {error && <Alert severity="error">{error}</Alert>}
      {report && (
        <Paper>
          <Table size="small" data-testid="team-table">
            <TableHead>
              <TableRow>
                <TableCell>{t('teamView.employee')}</TableCell>
                {COLUMNS.map((c) => (
                  <TableCell key={c} align="right">
                    {t(`teamView.${c === 'due' ? 'dueCol' : c}`)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {report.rows.map((r) => (
                <TableRow key={String(r.employeeId)}>
                  <TableCell>{r.employee}</TableCell>
                  {COLUMNS.map((c) => cell(r, c, `${String(r.employee)} · ${t(`teamView.${c === 'due' ? 'dueCol' : c}`)}`))}
                </TableRow>
              ))}
              <TableRow>
                <TableCell sx={{ fontWeight: 600 }}>Σ</TableCell>
                {COLUMNS.map((c) => cell(report.totals, c, t(`teamView.${c === 'due' ? 'dueCol' : c}`)))}
              </TableRow>
            </TableBody>
          </Table>
        </Paper>
      )}
      {chosen && (
        <Stack spacing={1}>
          <Typography variant="h6">
            {t('teamView.list')}: {chosen.title}
          </Typography>
          {tasks.map((task) => (
            <TaskCard key={`${task.id}-${task.updatedAt}`} task={task} onChanged={loadList} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
