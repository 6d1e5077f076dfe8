import { apiPost } from "../../lib/api-client.ts";
import { clientSchema, type Client } from "../../lib/client-schema.ts";

export async function createClient(input: { reference: string; displayName?: string }): Promise<Client> {
  return clientSchema.parse(await apiPost<unknown>("/api/clients", input));
}
