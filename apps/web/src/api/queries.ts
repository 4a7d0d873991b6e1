import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query } from './client';
import type {
  ApprovalList,
  DecisionRequest,
  DecisionResponse,
  PlaybookDetail,
  PlaybookList,
  PlaybookVersionList,
  RunDetail,
  RunList,
  SavePlaybookResponse,
  StartRunResponse,
} from './types';

/** Query keys in one place so invalidation after a change cannot miss a screen. */
export const keys = {
  playbooks: ['playbooks'] as const,
  playbook: (name: string) => ['playbooks', name] as const,
  versions: (name: string) => ['playbooks', name, 'versions'] as const,
  runs: (filters: object) => ['runs', filters] as const,
  run: (id: string) => ['run', id] as const,
  approvals: ['approvals'] as const,
};

export const usePlaybooks = () => useQuery({ queryKey: keys.playbooks, queryFn: () => api<PlaybookList>('/playbooks') });
export const usePlaybook = (name: string) =>
  useQuery({ queryKey: keys.playbook(name), enabled: name !== '', queryFn: () => api<PlaybookDetail>(`/playbooks/${encodeURIComponent(name)}`) });
export const useVersions = (name: string) =>
  useQuery({ queryKey: keys.versions(name), queryFn: () => api<PlaybookVersionList>(`/playbooks/${encodeURIComponent(name)}/versions`) });

export interface RunFilters {
  status?: string;
  outcome?: string;
  playbook?: string;
  cursor?: string;
  limit?: number;
}
/** Runs refresh every few seconds so the list follows new and finishing runs. */
export const useRuns = (filters: RunFilters) =>
  useQuery({
    queryKey: keys.runs(filters),
    queryFn: () => api<RunList>(`/runs${query({ ...filters })}`),
    refetchInterval: 5000,
    placeholderData: (prev) => prev,
  });
export const useRun = (id: string) => useQuery({ queryKey: keys.run(id), queryFn: () => api<RunDetail>(`/runs/${encodeURIComponent(id)}`) });
export const useApprovals = () => useQuery({ queryKey: keys.approvals, queryFn: () => api<ApprovalList>('/approvals'), refetchInterval: 5000 });

export function useStartRun(name: string) {
  return useMutation({
    mutationFn: (inputs: Record<string, unknown>) => api<StartRunResponse>(`/playbooks/${encodeURIComponent(name)}/runs`, { json: { inputs } }),
  });
}

export function useRunControl(id: string) {
  const client = useQueryClient();
  const after = () => client.invalidateQueries({ queryKey: keys.run(id) });
  return {
    cancel: useMutation({ mutationFn: () => api(`/runs/${id}/cancel`, { method: 'POST' }), onSuccess: after }),
    rerun: useMutation({ mutationFn: () => api(`/runs/${id}/rerun`, { method: 'POST' }), onSuccess: after }),
  };
}

export function useDecide() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: DecisionRequest & { id: string }) => api<DecisionResponse>(`/approvals/${id}/decision`, { json: body }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.approvals }),
  });
}

export function useSavePlaybook() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (yaml: string) => api<SavePlaybookResponse>('/playbooks', { yaml }),
    onSuccess: (saved) => client.invalidateQueries({ queryKey: keys.playbook(saved.name).slice(0, 1) }),
  });
}

export function useSetEnabled(name: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) => api(`/playbooks/${encodeURIComponent(name)}/${enabled ? 'enable' : 'disable'}`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.playbooks }),
  });
}
