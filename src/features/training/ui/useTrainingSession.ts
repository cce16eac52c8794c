import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';
import { call, type In } from '../../../renderer/api/client';
import type { ChannelName } from '../../../app/contract';
import type { TrainingDetail, TrainingResults } from '../contract';

type DetailChannel = Extract<
  ChannelName,
  | 'training:update'
  | 'training:saveIssue'
  | 'training:deleteIssue'
  | 'training:saveTeam'
  | 'training:deleteTeam'
  | 'training:setOrder'
  | 'training:saveRound'
  | 'training:savePairing'
  | 'training:deletePairing'
  | 'training:setOutcome'
>;

/**
 * A session and its computed results. `change` runs a mutating channel (each answers with
 * the whole session), then refreshes the results; a refused change shows its reason.
 */
export function useTrainingSession(id: string) {
  const { message } = App.useApp();
  const [detail, setDetail] = useState<TrainingDetail | null>(null);
  const [results, setResults] = useState<TrainingResults | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [d, r] = await Promise.all([call('training:get', { id }), call('training:results', { id })]);
      setDetail(d);
      setResults(r);
    } catch (err) {
      setError((err as Error).message);
    }
  }, [id]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const change = useCallback(
    async <K extends DetailChannel>(channel: K, input: In<K>): Promise<boolean> => {
      try {
        const d = (await call(channel, input)) as TrainingDetail;
        setDetail(d);
        setResults(await call('training:results', { id }));
        return true;
      } catch (err) {
        message.error({ content: (err as Error).message, duration: 5 });
        return false;
      }
    },
    [id, message],
  );

  return { detail, results, error, reload, change };
}

export type TrainingSessionApi = ReturnType<typeof useTrainingSession>;
