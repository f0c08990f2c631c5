// True while `at` (a performance.now() time) is less than `ms` old; re-renders once when it expires.

import { useEffect, useState } from 'react';

export function useRecent(at: number, ms: number): boolean {
  const [, expire] = useState(0);
  const left = at > 0 ? at + ms - performance.now() : 0;
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => expire((n) => n + 1), left);
    return () => clearTimeout(timer);
  }, [at, left > 0]);
  return left > 0;
}
