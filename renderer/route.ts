// Hash routes (#/patients/12): the host serves one page, and a reload keeps
// the place.
import { useEffect, useState } from 'react';

export function useRoute(): string[] {
  const read = () => location.hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [parts, setParts] = useState(read);
  useEffect(() => {
    const on = () => setParts(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return parts;
}

export function navigate(path: string): void {
  location.hash = `#/${path.replace(/^\//, '')}`;
}
