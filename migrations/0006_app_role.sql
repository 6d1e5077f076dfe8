-- The role the app should run as in production (a login role made a member of it; the owner runs
-- the migrations). It reads and appends the event log and the closed months' rows but can never
-- change or remove them, and it owns no table, so it cannot switch their guarding triggers off.
-- Tables and sequences later migrations make are the app's to use too; an append-only one revokes
-- what it must in its own migration, as this one does for the event log.
DO $$
BEGIN
  BEGIN
    CREATE ROLE "greentape_app" NOLOGIN;
  EXCEPTION
    -- Roles belong to the whole cluster: another database here may have made it already.
    WHEN duplicate_object OR unique_violation THEN NULL;
    WHEN insufficient_privilege THEN
      RAISE NOTICE 'greentape_app was not made: this user may not create roles. A database administrator can make it and repeat these grants.';
      RETURN;
  END;
  GRANT USAGE ON SCHEMA "public" TO "greentape_app";
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "public" TO "greentape_app";
  GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "public" TO "greentape_app";
  REVOKE UPDATE, DELETE, TRUNCATE ON "events", "closed_period_rows" FROM "greentape_app";
  ALTER DEFAULT PRIVILEGES IN SCHEMA "public" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "greentape_app";
  ALTER DEFAULT PRIVILEGES IN SCHEMA "public" GRANT USAGE, SELECT ON SEQUENCES TO "greentape_app";
END
$$;
