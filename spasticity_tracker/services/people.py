"""People and their carers: add, edit, remove, and list them."""

from __future__ import annotations

from dataclasses import replace

from spasticity_tracker.domain.entities import Carer, Person, PersonId
from spasticity_tracker.domain.errors import ConflictError
from spasticity_tracker.domain.validation import day_not_in_future
from spasticity_tracker.services.base import Service
from spasticity_tracker.services.changes import DataChange, Saved


class PeopleService(Service):
    """The people whose diaries the app keeps, and who enters records for them."""

    def people(self) -> list[Person]:
        with self._db.unit_of_work() as uow:
            return uow.people.list_all()

    def person(self, person_id: PersonId) -> Person:
        with self._db.unit_of_work() as uow:
            return uow.people.get(person_id)

    def find_person(self, name: str) -> Person | None:
        with self._db.unit_of_work() as uow:
            return uow.people.find_by_name(name)

    def add_person(self, person: Person) -> Saved[Person]:
        """Add a person; names are unique, so that commands can name them."""
        person = replace(person, name=person.name.strip())
        self._check_birth(person)
        taken = f"A person called {person.name!r} already exists."
        try:
            with self._db.unit_of_work() as uow:
                if uow.people.find_by_name(person.name) is not None:
                    raise ConflictError(taken)
                return Saved(uow.people.add(person), DataChange.PEOPLE)
        except ConflictError as error:
            if str(error) == taken:
                raise
            # On a shared diary, a name taken by a diary not shared with this login.
            raise ConflictError(
                f"{taken[:-1]} in this shared diary (not shared with you); please tell them "
                "apart, for example with a surname or an initial."
            ) from None

    def update_person(self, person: Person) -> Saved[Person]:
        person = replace(person, name=person.name.strip())
        self._check_birth(person)
        with self._db.unit_of_work() as uow:
            other = uow.people.find_by_name(person.name)
            if other is not None and other.id != person.id:
                raise ConflictError(f"A person called {person.name!r} already exists.")
            return Saved(uow.people.update(person), DataChange.PEOPLE)

    def delete_person(self, person_id: PersonId) -> Saved[Person]:
        """Remove a person and everything recorded for them (the UI asks first)."""
        with self._db.unit_of_work() as uow:
            return Saved(uow.people.delete(person_id), DataChange.ALL)

    def carers(self, person_id: PersonId) -> list[Carer]:
        with self._db.unit_of_work() as uow:
            return uow.carers.list_for(person_id)

    def add_carer(self, person_id: PersonId, name: str) -> Saved[Carer]:
        """Add a carer for a person, or return the one with that name already there."""
        carer = Carer(person_id=person_id, name=name.strip())
        with self._db.unit_of_work() as uow:
            uow.people.get(person_id)
            existing = uow.carers.find_by_name(person_id, carer.name)
            if existing is not None:
                return Saved(existing, DataChange.NONE)
            return Saved(uow.carers.add(carer), DataChange.CARERS)

    def _check_birth(self, person: Person) -> None:
        if person.date_of_birth is not None:
            day_not_in_future("Date of birth", person.date_of_birth, self.today())
