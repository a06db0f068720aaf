import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/problem';
import type { ResponseBody } from '../api/types';

export type Progress = ResponseBody<'/api/v1/me/progress', 'get'>;
export type StageProgress = Progress['stages'][number];

export const progressKey = ['me', 'progress'] as const;

/** The signed-in trainee's progress: stages, requirements and next steps, as the API derives them. */
export function useProgress() {
  return useQuery({
    queryKey: progressKey,
    queryFn: async () => unwrap(await api.GET('/api/v1/me/progress')),
  });
}

/** A stage's share of met requirements, the same measure as the overall `percentComplete`. */
export function stagePercent(stage: StageProgress): number {
  const total = stage.requirements.length;
  if (total === 0) return stage.status === 'completed' ? 100 : 0;
  return Math.round((100 * stage.requirements.filter((r) => r.met).length) / total);
}
