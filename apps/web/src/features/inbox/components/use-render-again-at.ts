import { useEffect, useState } from 'react';

/** Renders the component again once `when` has passed (what it shows depends on the time). */
export function useRenderAgainAt(when: Date | undefined): void {
  const [, setRenders] = useState(0);
  const at = when?.getTime();
  useEffect(() => {
    if (at === undefined) return;
    const timer = setTimeout(() => setRenders((renders) => renders + 1), Math.max(0, at - Date.now()) + 1);
    return () => clearTimeout(timer);
  }, [at]);
}
