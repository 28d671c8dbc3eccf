"""The shares of a shared diary (PostgreSQL's diary_shares table, migration 0008)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

from spasticity_tracker.domain.entities import PersonId, Share
from spasticity_tracker.domain.errors import DataError


class ShareRepository:
    """Grant, take back and list shares; the server's trigger allows it only to the owner."""

    def __init__(self, session: Session):
        self._session = session

    def _on_a_server(self) -> None:
        if self._session.get_bind().dialect.name != "postgresql":
            raise DataError(
                "A diary file is not shared with logins: sharing needs a shared diary on a "
                "PostgreSQL server (--database; see the README)."
            )

    def login_exists(self, login: str) -> bool:
        """Whether the server has a login of that name (a role that may log in)."""
        self._on_a_server()
        found = self._session.scalar(
            text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :login"), {"login": login}
        )
        return bool(found)

    def may_connect(self, login: str) -> bool:
        """Whether that login may connect to this database at all (GRANT CONNECT)."""
        return bool(
            self._session.scalar(
                text("SELECT has_database_privilege(:login, current_database(), 'CONNECT')"),
                {"login": login},
            )
        )

    def share(self, share: Share) -> None:
        """Share a diary, or change a share between read-only and not."""
        self._on_a_server()
        self._session.execute(
            text(
                "INSERT INTO diary_shares (person_id, login, read_only) "
                "VALUES (:person_id, :login, :read_only) "
                "ON CONFLICT (person_id, login) DO UPDATE SET read_only = EXCLUDED.read_only"
            ),
            {"person_id": share.person_id, "login": share.login, "read_only": share.read_only},
        )

    def unshare(self, person_id: PersonId, login: str) -> bool:
        """Take a share back; whether there was one."""
        self._on_a_server()
        result = self._session.execute(
            text("DELETE FROM diary_shares WHERE person_id = :person_id AND login = :login"),
            {"person_id": person_id, "login": login},
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    def list_for(self, person_id: PersonId) -> list[Share]:
        self._on_a_server()
        rows = self._session.execute(
            text(
                "SELECT person_id, login, read_only, shared_by FROM diary_shares "
                "WHERE person_id = :person_id ORDER BY login"
            ),
            {"person_id": person_id},
        )
        return [Share(PersonId(row[0]), str(row[1]), bool(row[2]), str(row[3])) for row in rows]

    def may_write(self, person_id: PersonId) -> bool:
        """Whether this login may change a person's diary (the server's own rule)."""
        self._on_a_server()
        return bool(
            self._session.scalar(text("SELECT st_may_write(:person)"), {"person": person_id})
        )
