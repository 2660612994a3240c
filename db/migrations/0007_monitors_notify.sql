-- Alert evaluation keeps the set of watched instances and integrations in memory and skips runs
-- nothing watches; any change to alert_monitors (services, tests, hand-written SQL) tells it to
-- reload.
CREATE FUNCTION junction_notify_monitors() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('junction_monitors', '');
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER alert_monitors_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON alert_monitors
  FOR EACH STATEMENT EXECUTE FUNCTION junction_notify_monitors();
