import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { line } from "@greentape/domain/text";
import { clearingAccountListSchema, clearingAccountViewSchema, ledgerCodeListSchema, ledgerCodeViewSchema } from "@greentape/contract/ledger-codes";
import { XERO_ACCOUNT_CODE } from "@greentape/domain/export-rows";
import { PAYMENT_METHODS } from "@greentape/domain/spend-input";
import { requireActor } from "../../plugins/access.ts";
import type { LedgerCodesService } from "./ledger-codes.service.ts";

// Scheme categories are up to 80 characters; the path carries one URL-encoded.
const params = z.object({ category: line(80, "Category") });

const clearingParams = z.object({ paymentMethod: z.enum(PAYMENT_METHODS, { message: `Payment method must be one of ${PAYMENT_METHODS.join(", ")}` }) });

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
        params,
        description: "Replaces the whole mapping: `accountName` and `merchantCategory` left out are cleared.",
        body: z.object({
          glCode: line(40, "Ledger code").check(z.regex(/^[A-Za-z0-9][A-Za-z0-9./-]*$/, "Ledger code must be letters, digits, dots, slashes and hyphens, like 4410")),
          accountName: z.optional(line(80, "Account name")).describe("The account's name in the chart of accounts, such as Client travel"),
          merchantCategory: z.optional(line(80, "Merchant category")).describe("For card payments, such as Transportation services"),
        }),
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
    { config: { access: ["admin"] }, schema: { tags: ["ledger codes"], summary: "Remove a category's ledger code", params } },
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
        params: clearingParams,
        body: z.object({ accountCode: z.string().regex(XERO_ACCOUNT_CODE, "Account code must be a Xero account code: 1-10 letters, digits, dots or dashes, like 1010") }),
        response: { 200: clearingAccountViewSchema },
      },
    },
    async (request) => ledgerCodes.setClearingAccount(requireActor(request), request.params.paymentMethod, request.body.accountCode),
  );

  api.delete(
    "/api/clearing-accounts/:paymentMethod",
    { config: { access: ["admin"] }, schema: { tags: ["ledger codes"], summary: "Remove a payment method's clearing account: the journal's default is credited again", params: clearingParams } },
    async (request, reply) => {
      await ledgerCodes.removeClearingAccount(requireActor(request), request.params.paymentMethod);
      return reply.code(204).send();
    },
  );
}
