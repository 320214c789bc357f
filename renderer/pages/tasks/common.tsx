// Pieces the follow-up screens share: the employee list, the churn reasons,
// the default due time, and a select over a fixed list of translated values.
import { useEffect, useState } from 'react';
import { MenuItem, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { format, addDays } from 'date-fns';
import { api } from '../../api/client';
import { reasonLabel } from '../admin/reason-label';

export type Assignee = { id: number; fullName: string; role: string; branchId: number | null };

export function useAssignees(): Assignee[] {
  const [list, setList] = useState<Assignee[]>([]);
  useEffect(() => {
    api('tasks.assignees', {}).then(setList, () => setList([]));
  }, []);
  return list;
}

export function useChurnReasons(): Array<{ code: string; label: string }> {
  const { t } = useTranslation('tasks');
  const [list, setList] = useState<Array<{ code: string; name: string | null }>>([]);
  useEffect(() => {
    api('reasons.list', { kind: 'churn' }).then((r) => setList(r.filter((x) => x.active)), () => setList([]));
  }, []);
  return list.map((r) => ({ code: r.code, label: reasonLabel(t as never, 'churn', r.code, r.name) }));
}

/** Tomorrow at 10:00, local: where a new task lands unless the user says otherwise. */
export function defaultDue(days = 1): string {
  return `${format(addDays(new Date(), days), 'yyyy-MM-dd')}T10:00`;
}

export function EnumSelect<T extends string>({
  label,
  value,
  values,
  prefix,
  onChange,
  error,
  testId,
  width = 200,
}: {
  label: string;
  value: NoInfer<T>;
  values: readonly T[];
  prefix: string;
  onChange: (v: NoInfer<T>) => void;
  error?: boolean;
  testId?: string;
  width?: number;
}) {
  const { t } = useTranslation('tasks');
  return (
    <TextField select size="small" label={label} value={value} error={error} sx={{ minWidth: width }} onChange={(e) => onChange(e.target.value as T)} slotProps={{ htmlInput: { 'data-testid': testId } }}>
      {values.map((v) => (
        <MenuItem key={v} value={v}>
          {t(`${prefix}.${v}`)}
        </MenuItem>
      ))}
    </TextField>
  );
}
