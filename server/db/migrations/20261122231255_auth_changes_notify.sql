-- Every server keeps the sessions it has just checked in memory (`SessionCache`). Whatever changes
-- a session or a user, from any process or by hand, tells every server on the channel
-- 'tiendo_auth' when it commits: the payload is the user's id ('*' when an organisation unit's
-- code or name changed, which the signed-in user's unit name shows). A server forgets what the
-- message names before it serves another request with it.
CREATE FUNCTION tiendo_auth_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    PERFORM pg_notify('tiendo_auth', '*');
  ELSIF TG_TABLE_NAME = 'users' THEN
    PERFORM pg_notify('tiendo_auth', OLD.id::text);
  ELSE
    PERFORM pg_notify('tiendo_auth', OLD.user_id::text);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_auth_changed AFTER UPDATE OR DELETE ON sessions
  FOR EACH ROW EXECUTE FUNCTION tiendo_auth_changed();
--> statement-breakpoint
CREATE TRIGGER users_auth_changed AFTER UPDATE OR DELETE ON users
  FOR EACH ROW EXECUTE FUNCTION tiendo_auth_changed();
--> statement-breakpoint
CREATE TRIGGER org_units_auth_changed AFTER UPDATE OR DELETE OR TRUNCATE ON org_units
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_auth_changed();
--> statement-breakpoint
CREATE TRIGGER org_unit_names_auth_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_unit_names
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_auth_changed();
--> statement-breakpoint
CREATE TRIGGER sessions_auth_truncated AFTER TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_auth_changed();
--> statement-breakpoint
CREATE TRIGGER users_auth_truncated AFTER TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION tiendo_auth_changed();
