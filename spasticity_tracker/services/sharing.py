"""Sharing a person's diary with other logins of a shared diary's server."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spasticity_tracker.domain.entities import Carer, Person, PersonId, Share
from spasticity_tracker.domain.errors import NotFoundError, ValidationError
from spasticity_tracker.services.base import Service

if TYPE_CHECKING:
    from spasticity_tracker.storage.server import Listener


@dataclass(frozen=True)
class Shared:
    """A share made, and what the login still needs before it can use it (or nothing)."""

    share: Share
    warning: str = ""


class SharingService(Service):
    """Share a diary with a login, take it back, list who it is shared with.

    The server decides: only the login that made a diary (or the diary's administrator) may
    share it, and a read-only login's writes are refused by the server itself.
    """

    @property
    def login(self) -> str | None:
        """This connection's login; None for a diary file."""
        return None if self._db.server is None else self._db.server.login

    @property
    def address(self) -> str | None:
        """The shared diary's address (no password); None for a diary file."""
        return None if self._db.server is None else self._db.server.address

    @property
    def database_name(self) -> str | None:
        return None if self._db.server is None else self._db.server.database

    def may_change(self, person_id: PersonId) -> bool:
        """Whether this login may change a person's diary (always, for a diary file that can
        be written)."""
        if self._db.server is None:
            return True
        with self._db.unit_of_work() as uow:
            return uow.shares.may_write(person_id)

    def listen(self) -> Listener | None:
        """Notices of what other logins change; None for a diary file."""
        return self._db.listen()

    def _person(self, name: str) -> Person:
        with self._db.unit_of_work() as uow:
            person = uow.people.find_by_name(name.strip())
        if person is None or person.id is None:
            raise NotFoundError(f"There is no person called {name.strip()!r} in this diary.")
        return person

    def share(self, person_name: str, login: str, *, read_only: bool = False) -> Shared:
        """Share a person's diary with a login (again: change it to or from read-only)."""
        person = self._person(person_name)
        assert person.id is not None
        login = login.strip()
        with self._db.unit_of_work() as uow:
            if not uow.shares.login_exists(login):
                raise ValidationError(
                    "Login",
                    login,
                    "a login on this server",
                    message=f"There is no login called {login!r} on this server. Its "
                    f"administrator creates logins (createuser {login or 'LOGIN'}; see the "
                    "README).",
                )
            if login == self.login:
                raise ValidationError(
                    "Login", login, "another login", message="A diary is not shared with yourself."
                )
            share = Share(person.id, login, read_only)
            uow.shares.share(share)
            if not read_only and not any(c.name == login for c in uow.carers.list_for(person.id)):
                # What this login enters is entered by it, by default (its name, as a carer).
                uow.carers.add(Carer(person_id=person.id, name=login))
            may_connect = uow.shares.may_connect(login)
        warning = (
            ""
            if may_connect
            else f"{login} may not connect to this database yet: its administrator allows it "
            f"with GRANT CONNECT ON DATABASE {self.database_name} TO {login};"
        )
        return Shared(share, warning)

    def unshare(self, person_name: str, login: str) -> bool:
        """Take a share back; whether the diary was shared with that login."""
        person = self._person(person_name)
        assert person.id is not None
        with self._db.unit_of_work() as uow:
            return uow.shares.unshare(person.id, login.strip())

    def shares(self, person_name: str) -> list[Share]:
        """Who a person's diary is shared with, by login."""
        person = self._person(person_name)
        assert person.id is not None
        with self._db.unit_of_work() as uow:
            return uow.shares.list_for(person.id)


def check_address(address: str) -> str:
    """A shared diary's address as written, checked (ServerError says what is wrong)."""
    from spasticity_tracker.storage.server import server_url

    server_url(address)
    return address.strip()
