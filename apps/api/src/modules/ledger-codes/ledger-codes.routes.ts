import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { line } from "@greentape/domain/text";
import { requireActor } from "../../plugins/access.ts";
import type { LedgerCodesService } from "./ledger-codes.service.ts";

const ledgerCodeView = z.object({
  category: z.string(),
  glCode: z.string(),
  accountName: z.string().nullable().describe("The ledger account's name: the transparency file's Expense type"),
  merchantCategory: z.string().nullable().describe("What a card payment in this category is published as in the transparency file's Merchant category"),
  updatedAt: z.string(),
});
// Scheme categories are up to 80 characters; the path carries one URL-encoded.
const params = z.object({ category: line(80, "Category") });

export async function ledgerCodesRoutes(app: FastifyInstance, options: { ledgerCodes: LedgerCodesService }) {
  const { ledgerCodes } = options;
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    "/api/ledger-codes",
    {
      config: { access: ["admin", "finance"] },
      schema: { tags: ["ledger codes"], summary: "The spend category to general ledger code map used by the exports", response: { 200: z.object({ items: z.array(ledgerCodeView) }) } },
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
          glCode: line(40, "Ledger code").regex(/^[A-Za-z0-9][A-Za-z0-9./-]*$/, "Ledger code must be letters, digits, dots, slashes and hyphens, like 4410"),
          accountName: line(80, "Account name").optional().describe("The account's name in the chart of accounts, such as Client travel"),
          merchantCategory: line(80, "Merchant category").optional().describe("For card payments, such as Transportation services"),
        }),
        response: { 200: ledgerCodeView },
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
}
