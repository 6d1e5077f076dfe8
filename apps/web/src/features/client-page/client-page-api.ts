import { equalityMonitoringSchema, type EqualityMonitoring } from "@greentape/domain/equality-monitoring";
import { clientHistorySchema } from "@greentape/contract/client-history";
import { apiPut } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

/** Every spend for one client, across workers (`GET /api/clients/:id/history`). */
export function useClientHistory(clientId: string) {
  return useApiData(`/api/clients/${encodeURIComponent(clientId)}/history`, clientHistorySchema);
}

/** A client's equality-monitoring answers (`GET /api/clients/:id/equality-monitoring`), "prefer not to say" until recorded. */
export function useEqualityMonitoring(clientId: string) {
  return useApiData(`/api/clients/${encodeURIComponent(clientId)}/equality-monitoring`, equalityMonitoringSchema);
}

export function saveEqualityMonitoring(clientId: string, answers: EqualityMonitoring): Promise<EqualityMonitoring> {
  return apiPut(`/api/clients/${encodeURIComponent(clientId)}/equality-monitoring`, answers).then((answer) => equalityMonitoringSchema.parse(answer));
}
