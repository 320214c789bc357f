import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChangeEvent } from '../../shared/api';
import { ApiClientError } from './client';
import { linkState, onChange, onLinkState, type LinkState } from './events';

export function useLinkState(): LinkState {
  const [s, setS] = useState(linkState);
  useEffect(() => onLinkState(setS), []);
  return s;
}

/** Runs `refresh` when another workstation changes `entity`, and after a reconnect. */
export function useChanges(entity: string, refresh: (e: ChangeEvent | null) => void): void {
  const ref = useRef(refresh);
  ref.current = refresh;
  useEffect(
    () =>
      onChange((e) => {
        if (e.type === 'resync') ref.current(null);
        else if (e.entity === entity) ref.current(e);
      }),
    [entity],
  );
}

/** Turns any error into a translated sentence that says what to do. */
export function useErrorText(): (e: unknown) => string {
  const { t } = useTranslation();
  return (e: unknown) => {
    if (e instanceof ApiClientError) {
      if (e.code === 'invalid_input') {
        const fields = [...new Set(e.fields)].map((f) => t(`patient.${f}`, { defaultValue: f })).join(', ');
        return t('errors.invalid_input', { fields });
      }
      return t(`errors.${e.code}`);
    }
    return t('errors.internal');
  };
}
