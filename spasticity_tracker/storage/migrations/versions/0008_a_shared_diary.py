"""A shared diary: a version on every record (both engines); on PostgreSQL, who may see and
change whose diary (row-level security), the shares, and an audit of every change.

On PostgreSQL the login that runs this migration owns the tables. Every other login that may
connect to the database may use them, but row-level security shows it only the people it made
(``people.owner``) and those shared with it (``diary_shares``), and a trigger refuses its writes
to a diary shared read-only. The owner, like any table owner, is not bound by the policies: it
is the diary's administrator. The same trigger writes the audit row and sends a notice
(``NOTIFY spasticity_tracker, '<person id> <table>'``) so that other computers showing that person
refresh.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables whose rows have a version (TimestampMixin in models.py).
VERSIONED = (
    "people",
    "carers",
    "medicines",
    "regimens",
    "dose_records",
    "symptom_entries",
    "side_effect_reports",
    "events",
    "appointments",
    "check_ins",
    "pump_refills",
    "toxin_injections",
)

# Every table that holds a person's data, with the way from its row to the person's id: a
# column of its own, or through its parent (a dose record's medicine, a goal's appointment).
PERSON_OF = {
    "people": "id",
    "carers": "person_id",
    "medicines": "person_id",
    "symptom_entries": "person_id",
    "side_effect_reports": "person_id",
    "events": "person_id",
    "appointments": "person_id",
    "check_ins": "person_id",
    "toxin_injections": "person_id",
    "regimens": "medicine",
    "dose_records": "medicine",
    "pump_refills": "medicine",
    "regimen_doses": "regimen",
    "ashworth_scores": "appointment",
    "goals": "appointment",
}

# The set of visible people, as a subquery in a policy, by the way a table reaches them.
_VISIBLE = {
    "id": "id IN (SELECT st_readable_people())",
    "person_id": "person_id IN (SELECT st_readable_people())",
    "medicine": "medicine_id IN (SELECT id FROM medicines)",
    "regimen": "regimen_id IN (SELECT id FROM regimens)",
    "appointment": "appointment_id IN (SELECT id FROM appointments)",
}

_FUNCTIONS = """
CREATE TABLE diary_shares (
    person_id integer NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    login name NOT NULL,
    read_only boolean NOT NULL DEFAULT false,
    shared_by name NOT NULL DEFAULT current_user,
    shared_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (person_id, login)
);

CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    login name NOT NULL DEFAULT session_user,
    action text NOT NULL,
    table_name name NOT NULL,
    row_id integer NOT NULL,
    person_id integer,
    version integer
);
CREATE INDEX ix_audit_log_person_at ON audit_log (person_id, at);
CREATE INDEX ix_audit_log_row ON audit_log (table_name, row_id, id);

-- The people this session's login may read, and may change. SECURITY DEFINER: they read
-- people and diary_shares as the tables' owner, which the policies below do not bind, so
-- that a policy on people can ask about people without asking itself again.
CREATE FUNCTION st_readable_people() RETURNS SETOF integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT id FROM people WHERE owner = session_user
    UNION
    SELECT person_id FROM diary_shares WHERE login = session_user
$$;

CREATE FUNCTION st_may_write(person integer) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT EXISTS (SELECT 1 FROM people WHERE id = person AND owner = session_user)
        OR EXISTS (SELECT 1 FROM diary_shares
                   WHERE person_id = person AND login = session_user AND NOT read_only)
        OR session_user = (SELECT tableowner FROM pg_tables
                           WHERE schemaname = 'public' AND tablename = 'people')
$$;

-- Whose diary a row of a table belongs to (TG_ARGV[0] says the way, as PERSON_OF).
CREATE FUNCTION st_person_of(way text, data jsonb) RETURNS integer
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF way = 'id' THEN
        RETURN (data ->> 'id')::integer;
    ELSIF way = 'person_id' THEN
        RETURN (data ->> 'person_id')::integer;
    ELSIF way = 'medicine' THEN
        RETURN (SELECT person_id FROM medicines WHERE id = (data ->> 'medicine_id')::integer);
    ELSIF way = 'regimen' THEN
        RETURN (SELECT m.person_id FROM regimens r JOIN medicines m ON m.id = r.medicine_id
                WHERE r.id = (data ->> 'regimen_id')::integer);
    ELSIF way = 'appointment' THEN
        RETURN (SELECT person_id FROM appointments
                WHERE id = (data ->> 'appointment_id')::integer);
    END IF;
    RAISE EXCEPTION 'unknown way to a person: %', way;
END
$$;

-- Before a row is written: a read-only share (or none) refuses it, in words for the user.
CREATE FUNCTION st_check_write() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    person integer;
BEGIN
    IF TG_OP = 'INSERT' AND TG_TABLE_NAME = 'people' THEN
        IF NEW.owner IS DISTINCT FROM session_user THEN
            NEW.owner := session_user;
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'UPDATE' AND TG_TABLE_NAME = 'people' THEN
        -- Nested: NEW.owner exists only on people.
        IF NEW.owner IS DISTINCT FROM OLD.owner THEN
            RAISE EXCEPTION 'a diary''s owner cannot be changed'
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END IF;
    IF TG_OP = 'UPDATE' AND to_jsonb(NEW) ? 'version' THEN
        -- Every change moves the version on, made by this app or not, so that a save of what
        -- was read before it is always told of it (the app's own sets it to OLD + 1 already).
        IF NEW.version IS NOT DISTINCT FROM OLD.version THEN
            NEW.version := OLD.version + 1;
        END IF;
    END IF;
    person := st_person_of(TG_ARGV[0], to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END));
    IF person IS NOT NULL AND NOT st_may_write(person) THEN
        RAISE EXCEPTION 'read-only: % may read this diary but not change it', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;

-- After a row is written: the audit row, and a notice for the other computers.
CREATE FUNCTION st_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    data jsonb := to_jsonb(CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END);
    person integer;
BEGIN
    person := st_person_of(TG_ARGV[0], data);
    INSERT INTO audit_log (action, table_name, row_id, person_id, version)
    VALUES (lower(TG_OP), TG_TABLE_NAME, (data ->> 'id')::integer, person,
            (data ->> 'version')::integer);
    PERFORM pg_notify('spasticity_tracker', coalesce(person::text, '') || ' ' || TG_TABLE_NAME);
    RETURN NULL;
END
$$;

-- Sharing: only a diary's owner (or the tables' owner) may share it or take a share back.
CREATE FUNCTION st_check_share() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    person integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.person_id ELSE NEW.person_id END;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM people WHERE id = person AND owner = session_user)
       AND session_user <> (SELECT tableowner FROM pg_tables
                            WHERE schemaname = 'public' AND tablename = 'people') THEN
        RAISE EXCEPTION 'only the login that made this diary may share it'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER st_check_share BEFORE INSERT OR UPDATE OR DELETE ON diary_shares
    FOR EACH ROW EXECUTE FUNCTION st_check_share();
"""


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    for table in VERSIONED:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("version", sa.Integer(), server_default="1", nullable=False)
            )
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.add_column(sa.Column("owner", sa.String(length=63), nullable=True))
    if _postgresql():
        _share_on_the_server()


# The records that name the carer who entered them (EnteredByMixin in models.py): every
# versioned table but the people and their carers.
ENTERED_BY = tuple(table for table in VERSIONED if table not in {"people", "carers"})


def _share_on_the_server() -> None:
    # A carer who entered records is kept (RESTRICT in models.py). PostgreSQL checks that in
    # the middle of deleting a whole person, before the cascade has removed the records that
    # name the carer (RESTRICT at once, NO ACTION before the cascade's own triggers). Checked
    # at commit instead: the same refusal for a carer alone, and a person goes whole.
    for table in ENTERED_BY:
        name = f"fk_{table}_entered_by_carer_id_carers"
        op.execute(
            f"ALTER TABLE {table} DROP CONSTRAINT {name}, ADD CONSTRAINT {name} "
            "FOREIGN KEY (entered_by_carer_id) REFERENCES carers (id) "
            "DEFERRABLE INITIALLY DEFERRED"
        )
    op.execute("UPDATE people SET owner = current_user WHERE owner IS NULL")
    op.execute("ALTER TABLE people ALTER COLUMN owner SET DEFAULT current_user")
    op.execute(_FUNCTIONS)
    for table, way in PERSON_OF.items():
        visible = _VISIBLE[way]
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY st_visible ON {table} USING ({visible})")
        if table == "people":
            # A new person is the inserting login's own (the trigger sees to it).
            op.execute("CREATE POLICY st_own ON people USING (owner = current_user)")
        op.execute(
            f"CREATE TRIGGER st_check_write BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION st_check_write('{way}')"
        )
        op.execute(
            f"CREATE TRIGGER st_audit AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION st_audit('{way}')"
        )
    op.execute("ALTER TABLE diary_shares ENABLE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY st_visible ON diary_shares USING "
        "(login = current_user OR person_id IN (SELECT id FROM people WHERE owner = current_user))"
    )
    op.execute("ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY st_visible ON audit_log FOR SELECT USING "
        "(person_id IN (SELECT st_readable_people()))"
    )
    # Any login that may connect to this database may use the tables; the policies and the
    # triggers decide which rows. Who may connect is the server's: GRANT CONNECT (README).
    tables = ", ".join([*PERSON_OF, "diary_shares"])
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO PUBLIC")
    op.execute("GRANT SELECT ON audit_log, alembic_version TO PUBLIC")
    op.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO PUBLIC")


def downgrade() -> None:
    if _postgresql():
        for table in PERSON_OF:
            op.execute(f"DROP TRIGGER st_audit ON {table}")
            op.execute(f"DROP TRIGGER st_check_write ON {table}")
            op.execute(f"DROP POLICY st_visible ON {table}")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute("DROP POLICY st_own ON people")
        op.execute("DROP TABLE audit_log, diary_shares")
        for function in (
            "st_check_share()",
            "st_audit()",
            "st_check_write()",
            "st_person_of(text, jsonb)",
            "st_may_write(integer)",
            "st_readable_people()",
        ):
            op.execute(f"DROP FUNCTION {function}")
        op.execute("ALTER TABLE people ALTER COLUMN owner DROP DEFAULT")
    with op.batch_alter_table("people", schema=None) as batch_op:
        batch_op.drop_column("owner")
    for table in reversed(VERSIONED):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("version")
