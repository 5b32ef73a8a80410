import { useEffect, useState } from 'react';

/** The time, refreshed each minute, so an open page marks a deadline overdue when it passes. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
