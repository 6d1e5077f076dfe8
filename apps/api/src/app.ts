import { randomUUID } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyInstance } from "fastify";
import fastifyCompress from "@fastify/compress";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyJwt from "@fastify/jwt";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Db } from "@greentape/db/client";
import type { Config } from "./config.ts";
import { systemClock, type Clock } from "./lib/clock.ts";
import { loggerOptions, type LogDestination } from "./lib/logger.ts";
import { accessPlugin } from "./plugins/access.ts";
import { problemsPlugin } from "./plugins/problems.ts";
import { inputCharactersPlugin } from "./plugins/input-characters.ts";
import { webAppPlugin } from "./plugins/web-app.ts";
import { authRoutes } from "./modules/auth/auth.routes.ts";
import { createAuthService } from "./modules/auth/auth.service.ts";
import { mfaRoutes } from "./modules/mfa/mfa.routes.ts";
import { createMfaService } from "./modules/mfa/mfa.service.ts";
import { hasSecondFactor } from "./modules/mfa/index.ts";
import { loadSecretBox } from "./modules/mfa/secret-box.ts";
import { passkeysRoutes } from "./modules/mfa/passkeys.routes.ts";
import { createPasskeysService } from "./modules/mfa/passkeys.service.ts";
import { oidcRoutes } from "./modules/oidc/oidc.routes.ts";
import { createOidcService } from "./modules/oidc/oidc.service.ts";
import { healthRoutes } from "./modules/health/health.routes.ts";
import { createHealthService } from "./modules/health/health.service.ts";
import { createRateLimits } from "./modules/rate-limits/rate-limits.service.ts";
import { councilRoutes } from "./modules/council/council.routes.ts";
import { meRoutes } from "./modules/users/me.routes.ts";
import { usersRoutes } from "./modules/users/users.routes.ts";
import { createUsersService } from "./modules/users/users.service.ts";
import { passwordsRoutes } from "./modules/passwords/passwords.routes.ts";
import { createPasswordsService } from "./modules/passwords/passwords.service.ts";
import { teamsRoutes } from "./modules/teams/teams.routes.ts";
import { createTeamsService } from "./modules/teams/teams.service.ts";
import { ledgerCodesRoutes } from "./modules/ledger-codes/ledger-codes.routes.ts";
import { createLedgerCodesService } from "./modules/ledger-codes/ledger-codes.service.ts";
import { allowanceRoutes } from "./modules/allowance/allowance.routes.ts";
import { createAllowanceService } from "./modules/allowance/allowance.service.ts";
import { clientHistoryRoutes } from "./modules/clients/client-history.routes.ts";
import { createClientHistoryService } from "./modules/clients/client-history.service.ts";
import { clientsRoutes } from "./modules/clients/clients.routes.ts";
import { trackRecordRoutes } from "./modules/track-record/track-record.routes.ts";
import { createTrackRecordService } from "./modules/track-record/track-record.service.ts";
import { createClientsService } from "./modules/clients/clients.service.ts";
import { receiptsRoutes } from "./modules/receipts/receipts.routes.ts";
import { createReceiptsService } from "./modules/receipts/receipts.service.ts";
import { auditRoutes } from "./modules/audit/audit.routes.ts";
import { createAuditService } from "./modules/audit/audit.service.ts";
import { schemesRoutes } from "./modules/schemes/schemes.routes.ts";
import { createSchemesService } from "./modules/schemes/schemes.service.ts";
import { restrictionsRoutes } from "./modules/restrictions/restrictions.routes.ts";
import { createRestrictionsService } from "./modules/restrictions/restrictions.service.ts";
import { pausesRoutes } from "./modules/pauses/pauses.routes.ts";
import { createPausesService } from "./modules/pauses/pauses.service.ts";
import { spendsRoutes } from "./modules/spends/spends.routes.ts";
import { createSpendsService } from "./modules/spends/spends.service.ts";
import { fileReceiptStorage, type ReceiptStorage } from "./lib/receipt-storage.ts";
import { commentsRoutes } from "./modules/comments/comments.routes.ts";
import { createCommentsService } from "./modules/comments/comments.service.ts";
import { followUpsRoutes } from "./modules/follow-ups/follow-ups.routes.ts";
import { createFollowUpsService } from "./modules/follow-ups/follow-ups.service.ts";
import { justificationsRoutes } from "./modules/justifications/justifications.routes.ts";
import { createJustificationsService } from "./modules/justifications/justifications.service.ts";
import { notificationsRoutes } from "./modules/notifications/notifications.routes.ts";
import { createNotificationsService } from "./modules/notifications/notifications.service.ts";
import { reviewsRoutes } from "./modules/reviews/reviews.routes.ts";
import { createReviewsService } from "./modules/reviews/reviews.service.ts";
import { supervisionRoutes } from "./modules/supervision/supervision.routes.ts";
import { createSupervisionService } from "./modules/supervision/supervision.service.ts";
import { worklistsRoutes } from "./modules/worklists/worklists.routes.ts";
import { createWorklistsService } from "./modules/worklists/worklists.service.ts";
import { exportsRoutes } from "./modules/exports/exports.routes.ts";
import { createExportsService } from "./modules/exports/exports.service.ts";
import { periodsRoutes } from "./modules/periods/periods.routes.ts";
import { createPeriodsService } from "./modules/periods/periods.service.ts";
import { createLogService, createSequencer, loadSigningKey, logRoutes } from "./modules/log/index.ts";
import { insightsRoutes } from "./modules/insights/insights.routes.ts";
import { createMailer } from "./lib/mailer.ts";
import { passwordResetRoutes } from "./modules/password-reset/password-reset.routes.ts";
import { createPasswordResetService } from "./modules/password-reset/password-reset.service.ts";
import { inProcessQueue, pgBossQueue } from "./lib/job-queue.ts";
import { createPushSender } from "./lib/push-sender.ts";
import { remindersRoutes } from "./modules/reminders/reminders.routes.ts";
import { createRemindersService } from "./modules/reminders/reminders.service.ts";
import { createInsightsService } from "./modules/insights/insights.service.ts";

export interface AppDeps {
  config: Config;
  db: Db;
  clock?: Clock;
  storage?: ReceiptStorage;
  /** Log lines go here rather than to standard output. */
  logDestination?: LogDestination;
}

const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

/** Builds the whole app: plugins, then modules, then the web app. Tests build this same app. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  const clock = deps.clock ?? systemClock;

  const app = Fastify({
    logger: loggerOptions(config.logLevel, deps.logDestination),
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    // Only a proxy named in TRUST_PROXY may say who the client is (X-Forwarded-For); anyone else
    // could pick a fresh address per request and slip past the per-address limits.
    trustProxy: config.trustProxy.length > 0 ? config.trustProxy : false,
    bodyLimit: 1_048_576,
    forceCloseConnections: true,
  });
  // JSON only (multipart is added per route): anything else is 415, not a confusing 400.
  app.removeContentTypeParser("text/plain");
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    // API answers carry people's data: no browser, proxy or shared cache may keep a copy. The few
    // public ones (the council's settings, the public summary, the log's checkpoint) say otherwise themselves.
    if (request.url.startsWith("/api/") && !reply.hasHeader("cache-control")) reply.header("Cache-Control", "no-store");
  });

  await app.register(problemsPlugin);
  await app.register(inputCharactersPlugin);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        // TLS is the proxy's job; upgrading would break a plain-HTTP localhost demo.
        "upgrade-insecure-requests": null,
      },
    },
    // Receipts and exports are downloaded across the same origin only.
    crossOriginResourcePolicy: { policy: "same-origin" },
  });
  // Before the web app's static files (which bring their own .br/.gz) and every route. JSON lists and
  // CSV exports shrink several times over; streams stay streams. Request bodies are never inflated:
  // a small compressed body could otherwise expand past bodyLimit's intent.
  await app.register(fastifyCompress, { threshold: 1024, encodings: ["br", "gzip"], globalDecompression: false });
  await app.register(fastifyCookie);
  await app.register(fastifyJwt, {
    secret: config.jwtSecret,
    sign: { algorithm: "HS256", expiresIn: "15m" },
    // Pinned: a token claiming any other algorithm, including "none", is refused.
    verify: { algorithms: ["HS256"] },
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: "Green Tape API", version: "1.0.0", description: "Spend first, justify after: the Green Tape HTTP API. Amounts are integers in minor units." },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/docs", staticCSP: true });
  await app.register(accessPlugin, { db, mfaRequiredRoles: config.mfa.requiredRoles });
  const rateLimits = createRateLimits({ db });
  await app.register(fastifyRateLimit, { global: false, store: rateLimits.store });

  const storage = deps.storage ?? fileReceiptStorage(path.resolve(config.dataDir, "receipts"));
  const signing = await loadSigningKey(config);
  const auth = createAuthService({ db, clock, settings: { refreshGraceSeconds: config.refreshGraceSeconds, successorKey: config.jwtSecret, passwordSignInOffRoles: config.passwordSignInOffRoles }, hasSecondFactor });
  const users = createUsersService({ db, clock });
  const passwords = createPasswordsService({ db, clock });
  const teams = createTeamsService({ db, clock });
  const ledgerCodes = createLedgerCodesService({ db, clock });
  const schemes = createSchemesService({ db, clock });
  const clients = createClientsService({ db, clock });
  const pauses = createPausesService({ db, clock, config });
  const clientHistory = createClientHistoryService({ db, clock, config });
  const trackRecord = createTrackRecordService({ db, clock, config });
  const notifications = createNotificationsService({ db, clock, config });
  const mfa = createMfaService({ db, clock, config, auth, rateLimits, notifications, secretBox: await loadSecretBox(config) });
  const passkeys = createPasskeysService({ db, clock, config, mfa });
  const oidc = createOidcService({ db, clock, settings: config.oidc, auth });
  const restrictions = createRestrictionsService({ db, clock, config, notifications });
  const spends = createSpendsService({ db, clock, config });
  const allowance = createAllowanceService({ db, clock, config, restrictions });
  const receipts = createReceiptsService({ db, clock, storage, spends });
  const justifications = createJustificationsService({ db, clock, spends, notifications });
  const reviews = createReviewsService({ db, clock, config, spends, notifications });
  const followUps = createFollowUpsService({ db, clock, config, spends });
  const comments = createCommentsService({ db, clock, spends, notifications });
  const worklists = createWorklistsService({ db, clock, config, notifications });
  const supervision = createSupervisionService({ db, clock, config, pauses });
  const log = createLogService({ db, signer: signing.key, previousKeys: config.log.previousKeys, spends });
  const audit = createAuditService({ db, clock, config, log });
  const exports = createExportsService({ db, config, log });
  const periods = createPeriodsService({ db, clock, config, exports, log });
  const insights = createInsightsService({ db, clock, config });
  const mailer = createMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, dataDir: config.dataDir });
  const passwordReset = createPasswordResetService({ db, clock, config, mailer, rateLimits, logger: app.log });
  const push = await createPushSender({ vapid: config.vapid, subject: config.vapidSubject, dataDir: config.dataDir });
  const reminders = createRemindersService({ db, clock, config, mailer, push, pauses, logger: app.log });
  app.decorate("reminders", reminders);
  if (config.jobQueue !== "off") {
    const queue = config.databaseUrl && config.jobQueue === "auto"
      ? pgBossQueue({ connectionString: config.migrationDatabaseUrl ?? config.databaseUrl, timeZone: config.timeZone, logger: app.log })
      : inProcessQueue({ logger: app.log });
    queue.everyMinute("reminders-sweep", () => reminders.sweep());
    app.addHook("onReady", async () => queue.start());
    app.addHook("onClose", async () => queue.stop());
  }
  app.addHook("onClose", async () => {
    await passwordReset.settled();
    mailer.close();
  });
  if (config.log.sealing) {
    const sequencer = createSequencer({
      db,
      databaseUrl: config.databaseUrl,
      signer: signing.key,
      origin: config.log.origin,
      pollMs: config.log.pollMs,
      witnessUrl: config.log.witnessUrl,
      logger: app.log,
    });
    app.addHook("onReady", async () => sequencer.start());
    app.addHook("onClose", async () => sequencer.stop());
    // A write that succeeded has probably logged an event: seal it now rather than at the next poll.
    app.addHook("onResponse", async (request, reply) => {
      if (request.method !== "GET" && request.method !== "HEAD" && reply.statusCode < 400) sequencer.nudge();
    });
  }
  if (signing.file && config.databaseUrl) {
    app.log.warn({ file: signing.file }, "LOG_SIGNING_KEY is not set: checkpoints are signed with a key file under DATA_DIR. Set LOG_SIGNING_KEY when running more than one instance, and back the key up.");
  }

  await app.register(healthRoutes, { health: createHealthService({ db }) });
  await app.register(councilRoutes, { settings: { councilName: config.councilName, timeZone: config.timeZone, councilAccountSignIn: config.oidc !== undefined } });
  await app.register(authRoutes, { auth, config, rateLimits });
  await app.register(mfaRoutes, { mfa, config });
  await app.register(oidcRoutes, { oidc, config });
  await app.register(passkeysRoutes, { passkeys, config });
  await app.register(meRoutes, { users });
  await app.register(passwordsRoutes, { passwords, config });
  await app.register(passwordResetRoutes, { passwordReset, config });
  await app.register(remindersRoutes, { reminders });
  await app.register(usersRoutes, { users });
  await app.register(teamsRoutes, { teams });
  await app.register(ledgerCodesRoutes, { ledgerCodes });
  await app.register(logRoutes, { log });
  await app.register(schemesRoutes, { schemes });
  await app.register(clientsRoutes, { clients });
  await app.register(spendsRoutes, { spends });
  await app.register(pausesRoutes, { pauses });
  await app.register(restrictionsRoutes, { restrictions });
  await app.register(clientHistoryRoutes, { clientHistory });
  await app.register(trackRecordRoutes, { trackRecord });
  await app.register(allowanceRoutes, { allowance });
  await app.register(receiptsRoutes, { receipts });
  await app.register(justificationsRoutes, { justifications });
  await app.register(reviewsRoutes, { reviews });
  await app.register(followUpsRoutes, { followUps });
  await app.register(commentsRoutes, { comments });
  await app.register(notificationsRoutes, { notifications });
  await app.register(worklistsRoutes, { worklists });
  await app.register(supervisionRoutes, { supervision });
  await app.register(auditRoutes, { audit, council: { name: config.councilName, timeZone: config.timeZone } });
  await app.register(periodsRoutes, { periods });
  await app.register(exportsRoutes, { exports });
  await app.register(insightsRoutes, { insights });

  await app.register(webAppPlugin, { distDir: config.webDist ?? DEFAULT_WEB_DIST });
  return app;
}
