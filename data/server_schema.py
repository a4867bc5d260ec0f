"""The PostgreSQL schema socialplan keeps its plans in, as numbered migrations.

``MIGRATIONS[n - 1]`` brings a database from schema version n - 1 to n; the version a
database is at is the one row of ``socialplan.schema_info``. What the server itself
enforces, so that no client can get round it:

- who changed an entry and when (``changed_by``/``changed_at``, set by a trigger from the
  database login), and an ``activity`` row per change, written by a trigger;
- the roles: ``socialplan_member`` edits, ``socialplan_approver`` (a member too) is the
  only one who may move a post from "in review" to "approved", ``socialplan_client`` may
  read, and change a post in review only by approving it or sending it back to draft
  with a comment (grants, row-level security and the ``stamp`` trigger);
- a notification on ``socialplan_<plan id>`` for every transaction that changed a plan,
  with the writer's backend pid, so a session can ignore its own.

Refusals carry their own SQLSTATEs (class ``SP``) and, as the hint, who may do it.
"""

from __future__ import annotations

APPROVAL_REFUSED = "SP001"
"""Only an approver may approve a post in review (hint: the approvers)."""
CLIENT_REFUSED = "SP002"
"""A client may only approve or send back a post in review (hint: the members)."""

ROLES = ("socialplan_member", "socialplan_approver", "socialplan_client")

_ROLES = """
DO $$
DECLARE name text;
BEGIN
  -- Roles belong to the whole server: another database may be creating them right now.
  FOREACH name IN ARRAY ARRAY['socialplan_member', 'socialplan_approver', 'socialplan_client']
  LOOP
    BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', name);
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END;
  END LOOP;
  BEGIN
    IF NOT pg_has_role('socialplan_approver', 'socialplan_member', 'MEMBER') THEN
      GRANT socialplan_member TO socialplan_approver;
    END IF;
  EXCEPTION WHEN unique_violation OR internal_error THEN NULL;
  END;
END $$;
"""

_TABLES = """
CREATE TABLE socialplan.plans (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    doc_version integer NOT NULL,
    created_by text NOT NULL DEFAULT current_user,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE socialplan.entries (
    plan_id bigint NOT NULL REFERENCES socialplan.plans ON DELETE CASCADE,
    kind text NOT NULL,
    id bigint NOT NULL CHECK (id > 0),
    doc jsonb NOT NULL,
    version bigint NOT NULL DEFAULT 1,
    changed_by text NOT NULL DEFAULT current_user,
    changed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (plan_id, kind, id)
);
CREATE TABLE socialplan.last_ids (
    plan_id bigint NOT NULL REFERENCES socialplan.plans ON DELETE CASCADE,
    kind text NOT NULL,
    last_id bigint NOT NULL,
    PRIMARY KEY (plan_id, kind)
);
CREATE TABLE socialplan.activity (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id bigint NOT NULL REFERENCES socialplan.plans ON DELETE CASCADE,
    kind text NOT NULL,
    entry_id bigint NOT NULL,
    action text NOT NULL,
    summary text NOT NULL DEFAULT '',
    fields text NOT NULL DEFAULT '',
    who text NOT NULL DEFAULT current_user,
    login text NOT NULL DEFAULT session_user,
    at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX activity_of_plan ON socialplan.activity (plan_id, id DESC);
CREATE INDEX activity_of_entry ON socialplan.activity (plan_id, kind, entry_id, id DESC);
"""

_TRIGGERS = r"""
CREATE FUNCTION socialplan.members_of(role_name text) RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce(string_agg(m.rolname, ', ' ORDER BY m.rolname), '')
    FROM pg_auth_members a
    JOIN pg_roles r ON r.oid = a.roleid
    JOIN pg_roles m ON m.oid = a.member
    WHERE r.rolname = role_name AND m.rolcanlogin
$$;

CREATE FUNCTION socialplan.stamp() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    reviewing_only boolean := pg_has_role(current_user, 'socialplan_client', 'USAGE')
        AND NOT pg_has_role(current_user, 'socialplan_member', 'USAGE');
    unchanged_keys text[] := ARRAY['status', 'review_comment', 'modified_at'];
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.kind = 'items' THEN
        IF reviewing_only AND (
            OLD.doc->>'status' IS DISTINCT FROM 'in_review'
            OR NEW.doc->>'status' NOT IN ('approved', 'draft', 'in_review')
            OR (OLD.doc - unchanged_keys) IS DISTINCT FROM (NEW.doc - unchanged_keys)
        ) THEN
            RAISE EXCEPTION 'a client may only approve or send back a post in review'
                USING ERRCODE = 'SP002', HINT = socialplan.members_of('socialplan_member');
        END IF;
        IF OLD.doc->>'status' = 'in_review' AND NEW.doc->>'status' = 'approved'
            AND NOT pg_has_role(current_user, 'socialplan_approver', 'USAGE') THEN
            RAISE EXCEPTION 'only an approver may approve a post in review'
                USING ERRCODE = 'SP001', HINT = socialplan.members_of('socialplan_approver');
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        NEW.version := OLD.version + 1;
    END IF;
    NEW.changed_by := current_user;
    NEW.changed_at := now();
    RETURN NEW;
END $$;

CREATE FUNCTION socialplan.record() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    entry socialplan.entries;
    changed text := '';
BEGIN
    IF TG_OP = 'DELETE' THEN entry := OLD; ELSE entry := NEW; END IF;
    IF TG_OP = 'UPDATE' THEN
        SELECT coalesce(string_agg(key, ',' ORDER BY key), '') INTO changed
        FROM (SELECT key, value FROM jsonb_each(OLD.doc)) o
        FULL JOIN (SELECT key, value FROM jsonb_each(NEW.doc)) n USING (key)
        WHERE o.value IS DISTINCT FROM n.value AND key <> 'modified_at';
    END IF;
    INSERT INTO socialplan.activity (plan_id, kind, entry_id, action, summary, fields)
    VALUES (
        entry.plan_id, entry.kind, entry.id, lower(TG_OP),
        left(coalesce(entry.doc->>'title', entry.doc->>'name', ''), 200), changed
    );
    PERFORM pg_notify('socialplan_' || entry.plan_id, pg_backend_pid()::text);
    RETURN NULL;
END $$;

CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON socialplan.entries
    FOR EACH ROW EXECUTE FUNCTION socialplan.stamp();
CREATE TRIGGER record AFTER INSERT OR UPDATE OR DELETE ON socialplan.entries
    FOR EACH ROW EXECUTE FUNCTION socialplan.record();
"""

_RIGHTS = """
REVOKE ALL ON SCHEMA socialplan FROM PUBLIC;
GRANT USAGE ON SCHEMA socialplan TO socialplan_member, socialplan_client;
GRANT SELECT ON ALL TABLES IN SCHEMA socialplan TO socialplan_member, socialplan_client;
GRANT INSERT ON socialplan.plans TO socialplan_member;
GRANT INSERT, UPDATE, DELETE ON socialplan.entries TO socialplan_member;
GRANT UPDATE (doc) ON socialplan.entries TO socialplan_client;
GRANT INSERT, UPDATE ON socialplan.last_ids TO socialplan_member;
GRANT INSERT ON socialplan.activity TO socialplan_member, socialplan_client;

ALTER TABLE socialplan.entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON socialplan.entries FOR SELECT USING (true);
CREATE POLICY team_adds ON socialplan.entries FOR INSERT TO socialplan_member WITH CHECK (true);
CREATE POLICY team_edits ON socialplan.entries FOR UPDATE TO socialplan_member USING (true);
CREATE POLICY team_deletes ON socialplan.entries FOR DELETE TO socialplan_member USING (true);
CREATE POLICY clients_review ON socialplan.entries FOR UPDATE TO socialplan_client
    USING (kind = 'items') WITH CHECK (kind = 'items');

ALTER TABLE socialplan.activity ENABLE ROW LEVEL SECURITY;
CREATE POLICY everyone_reads ON socialplan.activity FOR SELECT USING (true);
CREATE POLICY in_own_name ON socialplan.activity FOR INSERT
    WITH CHECK (who = current_user AND login = session_user);
"""

_CHANGES_SINCE = """
ALTER TABLE socialplan.activity ADD COLUMN xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX activity_by_transaction ON socialplan.activity (plan_id, xid);
"""
"""Version 2: the transaction of each change, so that a session reads only what changed
since its last read (the activity rows whose transaction its snapshot did not see)."""

_POSTS_AS_THEY_WERE = r"""
ALTER TABLE socialplan.activity ADD COLUMN scheduled_at timestamptz, ADD COLUMN channel bigint;

CREATE FUNCTION socialplan.moment(value text) RETURNS timestamptz
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN value::timestamptz;
EXCEPTION WHEN others THEN
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION socialplan.record() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    entry socialplan.entries;
    changed text := '';
    is_post boolean;
BEGIN
    IF TG_OP = 'DELETE' THEN entry := OLD; ELSE entry := NEW; END IF;
    is_post := entry.kind = 'items';
    IF TG_OP = 'UPDATE' THEN
        SELECT coalesce(string_agg(key, ',' ORDER BY key), '') INTO changed
        FROM (SELECT key, value FROM jsonb_each(OLD.doc)) o
        FULL JOIN (SELECT key, value FROM jsonb_each(NEW.doc)) n USING (key)
        WHERE o.value IS DISTINCT FROM n.value AND key <> 'modified_at';
    END IF;
    INSERT INTO socialplan.activity
        (plan_id, kind, entry_id, action, summary, fields, scheduled_at, channel)
    VALUES (
        entry.plan_id, entry.kind, entry.id, lower(TG_OP),
        left(coalesce(entry.doc->>'title', entry.doc->>'name', ''), 200), changed,
        CASE WHEN is_post THEN socialplan.moment(entry.doc->>'scheduled_at') END,
        CASE WHEN is_post AND jsonb_typeof(entry.doc->'channel') = 'number'
            THEN (entry.doc->>'channel')::numeric::bigint END
    );
    PERFORM pg_notify('socialplan_' || entry.plan_id, pg_backend_pid()::text);
    RETURN NULL;
END $$;
"""
"""Version 3: a post's time and channel in its activity, so that a deleted post can be
cancelled in a subscribed calendar."""

MIGRATIONS: tuple[str, ...] = (
    "CREATE SCHEMA socialplan;\n"
    "CREATE TABLE socialplan.schema_info (version integer NOT NULL);\n"
    "INSERT INTO socialplan.schema_info VALUES (0);\n" + _ROLES + _TABLES + _TRIGGERS + _RIGHTS,
    _CHANGES_SINCE,
    _POSTS_AS_THEY_WERE,
)
"""Each brings the database one schema version up; never edit one that has shipped."""

SCHEMA_VERSION = len(MIGRATIONS)
