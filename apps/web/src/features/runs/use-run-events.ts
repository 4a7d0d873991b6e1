import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { createParser } from 'eventsource-parser';
import { authHeaders } from '../../api/client';
import { keys } from '../../api/queries';
import type { RunEvent } from '../../api/types';

export type StreamState = 'connecting' | 'live' | 'ended' | 'reconnecting';

/**
 * Follows `GET /api/runs/{id}/events` and refreshes the run after each event. fetch is used
 * instead of EventSource because EventSource cannot send the Authorization header (an API key or
 * a fresh Entra access token at each reconnect); the parsing
 * is eventsource-parser's. A dropped stream reconnects with Last-Event-ID, so nothing is missed.
 */
export function useRunEvents(runId: string): { state: StreamState; events: RunEvent[] } {
  const client = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');
  const [events, setEvents] = useState<RunEvent[]>([]);

  useEffect(() => {
    const abort = new AbortController();
    let lastEventId = '';
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    setEvents([]);
    // Events come in bursts (a step starts and ends within milliseconds): one refetch per burst.
    const refresh = () => {
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void client.invalidateQueries({ queryKey: keys.run(runId) }), 100);
    };

    const follow = async (): Promise<void> => {
      for (let delay = 1000; !abort.signal.aborted; delay = Math.min(delay * 2, 15_000)) {
        try {
          const response = await fetch(`/api/runs/${encodeURIComponent(runId)}/events`, {
            headers: { Accept: 'text/event-stream', ...(await authHeaders()), ...(lastEventId ? { 'Last-Event-ID': lastEventId } : {}) },
            signal: abort.signal,
          });
          // 4xx: the run does not exist or the key is wrong; retrying will not help.
          if (response.status >= 400 && response.status < 500) return setState('ended');
          if (!response.ok || !response.body) throw new Error(`events answered ${response.status}`);
          setState('live');
          delay = 1000;
          const parser = createParser({
            onEvent: (message) => {
              if (message.id) lastEventId = message.id;
              try {
                const event = JSON.parse(message.data) as RunEvent;
                setEvents((prev) => [...prev, event]);
              } catch {
                // A keep-alive or an unexpected payload: the refresh below still picks up the state.
              }
              refresh();
            },
          });
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            parser.feed(value);
          }
          // The server ends the stream after the run's last event.
          refresh();
          return setState('ended');
        } catch {
          if (abort.signal.aborted) return;
          setState('reconnecting');
          await new Promise((r) => setTimeout(r, delay));
        }
      }
    };
    void follow();
    return () => {
      abort.abort();
      clearTimeout(refreshTimer);
    };
  }, [client, runId]);

  return { state, events };
}
