import { z } from "zod";
import { equalityMonitoringSchema, type EqualityMonitoring } from "@greentape/domain/equality-monitoring";
import { spendViewSchema } from "@greentape/contract/spends";
import { apiPut } from "../../lib/api-client.ts";
import { useApiData } from "../../lib/use-api-data.ts";

const clientHistorySchema = z.object({
  client: z.object({ id: z.string(), reference: z.string(), displayName: z.string().nullish(), teamId: z.string() }),
  summary: z.object({
    count: z.number().int(),
    amount: z.number().int(),
    byWorker: z.array(z.object({ workerId: z.string(), name: z.string(), count: z.number().int(), amount: z.number().int() })),
    outcomes: z.record(z.string(), z.number().int()),
  }),
  spends: z.array(
    spendViewSchema.extend({
      workerName: z.string(),
      justification: z.object({ narrative: z.string(), intendedOutcome: z.string() }).nullable(),
      followUp: z.object({ outcome: z.string(), clientView: z.string().nullable(), contactedOn: z.string() }).nullable(),
    }),
  ),
});
export type ClientHistory = z.infer<typeof clientHistorySchema>;
export type ClientSpend = ClientHistory["spends"][number];

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
