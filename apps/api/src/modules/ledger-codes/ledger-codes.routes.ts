import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  clearingAccountBodySchema,
  clearingAccountListSchema,
  clearingAccountParamsSchema,
  clearingAccountViewSchema,
  ledgerCodeBodySchema,
  ledgerCodeListSchema,
  ledgerCodeParamsSchema,
  ledgerCodeViewSchema,
} from "@greentape/contract/ledger-codes";
import { requireActor } from "../../plugins/access.ts";
import type { LedgerCodesService } from "./ledger-codes.service.ts";

// Scheme categories are up to 80 characters; the path carries one URL-encoded.

export async function ledgerCodesRoutes(app: FastifyInstance, options: { ledgerCodes: LedgerCodesService }) {
  const { ledgerCodes } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/ledger-codes",
    {
      config: { access: ["admin", "finance"] },
      schema: { tags: ["ledger codes"], summary: "The spend category to general ledger code map used by the exports", response: { 200: ledgerCodeListSchema } },
    },
    async () => ({ items: await ledgerCodes.list() }),
  );

  api.put(
    "/api/ledger-codes/:category",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["ledger codes"],
        summary: "Set the ledger code for a category (added or replaced)",
        params: ledgerCodeParamsSchema,
        description: "Replaces the whole mapping: `accountName` and `merchantCategory` left out are cleared.",
        body: ledgerCodeBodySchema,
        response: { 200: ledgerCodeViewSchema },
      },
    },
    async (request) => {
      const { glCode, accountName, merchantCategory } = request.body;
      return ledgerCodes.set(requireActor(request), request.params.category, { glCode, accountName: accountName ?? null, merchantCategory: merchantCategory ?? null });
    },
  );

  api.delete(
    "/api/ledger-codes/:category",
    { config: { access: ["admin"] }, schema: { tags: ["ledger codes"], summary: "Remove a category's ledger code", params: ledgerCodeParamsSchema } },
    async (request, reply) => {
      await ledgerCodes.remove(requireActor(request), request.params.category);
      return reply.code(204).send();
    },
  );

  api.get(
    "/api/clearing-accounts",
    {
      config: { access: ["admin", "finance"] },
      schema: {
        tags: ["ledger codes"],
        summary: "Every payment method and the clearing account the Xero journal credits for it",
        response: { 200: clearingAccountListSchema },
      },
    },
    async () => ({ items: await ledgerCodes.listClearingAccounts() }),
  );

  api.put(
    "/api/clearing-accounts/:paymentMethod",
    {
      config: { access: ["admin"] },
      schema: {
        tags: ["ledger codes"],
        summary: "Set the account a payment method is paid from (the card float, the petty cash tin): the Xero journal credits it",
        description: "Closed months keep the accounts they were closed with.",
        params: clearingAccountParamsSchema,
        body: clearingAccountBodySchema,
        response: { 200: clearingAccountViewSchema },
      },
    },
    async (request) => ledgerCodes.setClearingAccount(requireActor(request), request.params.paymentMethod, request.body.accountCode),
  );

  api.delete(
    "/api/clearing-accounts/:paymentMethod",
    { config: { access: ["admin"] }, schema: { tags: ["ledger codes"], summary: "Remove a payment method's clearing account: the journal's default is credited again", params: clearingAccountParamsSchema } },
    async (request, reply) => {
      await ledgerCodes.removeClearingAccount(requireActor(request), request.params.paymentMethod);
      return reply.code(204).send();
    },
  );
}
