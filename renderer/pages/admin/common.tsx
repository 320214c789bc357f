// Small pieces the admin tabs and other editors share: turning an API failure
// into a message plus the fields to highlight, the state of an edit form, a
// confirm dialog, and a free-text field that offers known codes under their
// translated names.
import { useState, type ReactNode } from 'react';
import { Autocomplete, Box, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { ApiClientError } from '../../api/client';
import { useErrorText } from '../../api/hooks';

/** Field name → the message shown under it. */
export type FieldErrors = Record<string, string>;

export interface Failure {
  message: string;
  fields: FieldErrors;
}

/**
 * Reads an API error: 400 names the wrong fields (highlighted, listed by their
 * labels); a 409 on a field (a taken code or login) becomes `takenText` under it.
 */
export function useFailure(): (e: unknown, labels: Record<string, string>, takenText?: string) => Failure {
  const { t } = useTranslation('admin');
  const errorText = useErrorText();
  return (e, labels, takenText) => {
    if (e instanceof ApiClientError) {
      const names = [...new Set(e.fields)];
      if (e.code === 'invalid_input' && names.length) {
        const fields: FieldErrors = {};
        for (const f of names) fields[f] = t('errors.invalid_field', { ns: 'translation' });
        return { message: t('errors.invalid', { fields: names.map((f) => labels[f] ?? f).join(', ') }), fields };
      }
      if ((e.code === 'conflict' || e.code === 'duplicate') && takenText && names.length) {
        return { message: takenText, fields: Object.fromEntries(names.map((f) => [f, takenText])) };
      }
    }
    return { message: errorText(e), fields: {} };
  };
}

/**
 * An edit form's state: its values, the wrong fields with their messages, the
 * message over the form and whether a save is running. Changing a field
 * clears its error; `check` shows the client-side findings (false: do not
 * send); `save` runs the request and shows its failure the way `useFailure` reads it.
 */
export function useFormState<F>(initial: F | (() => F), labels: Record<string, string>) {
  const { t } = useTranslation('admin');
  const failure = useFailure();
  const [form, setForm] = useState<F>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = <K extends keyof F>(key: K, value: F[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setErrors((e) => {
      if (!e[key as string]) return e;
      const { [key as string]: _gone, ...rest } = e;
      return rest;
    });
  };

  const check = (bad: FieldErrors): boolean => {
    setErrors(bad);
    const names = Object.keys(bad);
    if (names.length) setMessage(t('errors.invalid', { fields: names.map((f) => labels[f] ?? f).join(', ') }));
    return names.length === 0;
  };

  const save = async (request: () => Promise<void>, takenText?: string): Promise<void> => {
    setBusy(true);
    setMessage(null);
    try {
      await request();
    } catch (e) {
      const f = failure(e, labels, takenText);
      setErrors(f.fields);
      setMessage(f.message);
    } finally {
      setBusy(false);
    }
  };

  return { form, setForm, set, errors, message, setMessage, busy, check, save };
}

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  text: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  onConfirm(): void;
  onClose(): void;
  testId?: string;
}) {
  const { t } = useTranslation('admin');
  return (
    <Dialog open={props.open} onClose={props.onClose} maxWidth="xs" fullWidth>
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
        <DialogContentText>{props.text}</DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>{t('common.cancel')}</Button>
        <Button color="error" variant="contained" disabled={props.busy} onClick={props.onConfirm} data-testid={props.testId}>
          {props.confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * A free-text code (a service category, a specialty) with suggestions shown
 * under their translated names; typing a translated name stores its code.
 */
export function CodeField(props: {
  label: string;
  value: string;
  options: string[];
  display(code: string): string;
  onChange(code: string): void;
  error?: string;
  helperText?: string;
  required?: boolean;
  testId?: string;
}) {
  const { value, options, display, onChange } = props;
  const [text, setText] = useState(() => (value ? display(value) : ''));
  const toCode = (typed: string) => {
    const trimmed = typed.trim();
    return options.find((o) => display(o).toLowerCase() === trimmed.toLowerCase()) ?? trimmed;
  };
  return (
    <Autocomplete
      freeSolo
      options={options}
      value={value || null}
      inputValue={text}
      getOptionLabel={(o) => display(o)}
      onInputChange={(_e, typed) => {
        setText(typed);
        onChange(toCode(typed));
      }}
      onChange={(_e, v) => {
        const code = v ? toCode(v) : '';
        onChange(code);
        setText(code ? display(code) : '');
      }}
      renderOption={(optionProps, o) => {
        const { key, ...rest } = optionProps as typeof optionProps & { key: string };
        return (
          <Box component="li" key={key} {...rest} sx={{ display: 'flex', justifyContent: 'space-between', gap: 2 }}>
            <span>{display(o)}</span>
            {display(o) !== o && (
              <Box component="span" sx={{ color: 'text.secondary', fontSize: '0.8em' }}>
                {o}
              </Box>
            )}
          </Box>
        );
      }}
      renderInput={(params) => (
        <TextField
          {...params}
          size="small"
          required={props.required}
          label={props.label}
          error={!!props.error}
          helperText={props.error ?? props.helperText}
          slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': props.testId } }}
        />
      )}
    />
  );
}

/** A translated name for a code in a group of the admin namespace, or the code itself. */
export function useCodeLabel(): (group: 'category' | 'specialty' | 'role' | 'expenseCategory', code: string | null | undefined) => string {
  const { t } = useTranslation('admin');
  return (group, code) => (code ? t(`${group}.${code}`, { defaultValue: code }) : '');
}
