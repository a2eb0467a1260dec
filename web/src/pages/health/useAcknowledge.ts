import { useMutation, useQueryClient } from '@tanstack/react-query';
import { describeError } from '../../api/client';
import { endpoints } from '../../api/endpoints';
import type { Anomaly, Page } from '../../api/types';
import { useToast } from '../../components/Toasts';

/**
 * Acknowledges an anomaly: the row turns acknowledged at once (the server's answer replaces it in every cached
 * page), and the alerts and the score, which count unacknowledged anomalies, are fetched again.
 */
export function useAcknowledge() {
  const queryClient = useQueryClient();
  const toast = useToast();
  return useMutation({
    mutationFn: (id: number) => endpoints.acknowledge(id),
    onSuccess: (result) => {
      const { ackStatus, ...anomaly } = result;
      queryClient.setQueriesData<Page<Anomaly>>(
        { queryKey: ['anomalies'] },
        (page) =>
          page && {
            ...page,
            items: page.items.map((a) => (a.id === anomaly.id ? anomaly : a)),
          },
      );
      toast(
        ackStatus === 'acknowledged' ? 'ok' : 'info',
        ackStatus === 'acknowledged'
          ? `Anomaly #${anomaly.id} acknowledged`
          : `Anomaly #${anomaly.id} was already acknowledged by ${anomaly.acknowledgedBy ?? 'someone'}`,
      );
      void queryClient.invalidateQueries({ queryKey: ['anomalies'] });
      void queryClient.invalidateQueries({ queryKey: ['alerts'] });
      void queryClient.invalidateQueries({ queryKey: ['metrics', 'health'] });
      void queryClient.invalidateQueries({ queryKey: ['overview'] });
    },
    onError: (e, id) => toast('bad', `Acknowledging anomaly #${id} failed: ${describeError(e)}`),
  });
}
