import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { apiUrl } from '#shared/api';
import { liveEventTypes, parseLiveEvent, queryKeysToInvalidate } from './live-events';

const maxRetryDelayMs = 60_000;

/**
 * Subscribes to `GET /api/v1/events` (Server-Sent Events) while mounted and refreshes the cached
 * queries each event touches. The browser reconnects by itself after a dropped connection; after a
 * refused one (the api restarting, a 5xx) it gives up, so this reconnects with a growing delay and
 * refreshes everything, since events may have been missed meanwhile.
 */
export function useLiveUpdates(enabled = true): void {
  const queryClient = useQueryClient();

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;

    const onEvent = (message: MessageEvent<string>) => {
      const event = parseLiveEvent(message.type, message.data);
      if (!event) return;
      for (const queryKey of queryKeysToInvalidate(event)) void queryClient.invalidateQueries({ queryKey });
    };

    const connect = () => {
      source = new EventSource(apiUrl('/events'), { withCredentials: true });
      source.addEventListener('open', () => {
        if (failures > 0) void queryClient.invalidateQueries();
        failures = 0;
      });
      source.addEventListener('message', onEvent);
      for (const type of liveEventTypes) source.addEventListener(type, onEvent);
      source.addEventListener('error', () => {
        if (stopped || source?.readyState !== EventSource.CLOSED) return;
        failures += 1;
        retryTimer = setTimeout(connect, Math.min(maxRetryDelayMs, 2_000 * 2 ** failures));
      });
    };

    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [enabled, queryClient]);
}
