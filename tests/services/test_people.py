"""The people service: unique names, carers, and clear errors."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from spasticity_tracker.domain.entities import Person
from spasticity_tracker.domain.errors import ConflictError, ValidationError
from spasticity_tracker.services.changes import DataChange
from spasticity_tracker.services.people import PeopleService


def test_add_and_list_people(people: PeopleService) -> None:
    saved = people.add_person(Person(name="  Bea ", date_of_birth=date(1980, 5, 1)))
    assert saved.change is DataChange.PEOPLE
    assert saved.value.name == "Bea"
    assert people.people() == [saved.value]
    assert people.find_person("Bea") == saved.value


def test_a_name_already_used_is_a_clear_conflict(people: PeopleService, person: Person) -> None:
    with pytest.raises(ConflictError, match="A person called 'Alex' already exists"):
        people.add_person(Person(name="Alex"))
    other = people.add_person(Person(name="Bea")).value
    with pytest.raises(ConflictError):
        people.update_person(replace(other, name="Alex"))


def test_an_empty_name_is_refused(people: PeopleService) -> None:
    with pytest.raises(ValidationError, match="Name must not be empty"):
        people.add_person(Person(name="   "))
    assert people.people() == []


def test_a_birth_date_in_the_future_is_refused(people: PeopleService) -> None:
    with pytest.raises(ValidationError, match="Date of birth cannot be in the future"):
        people.add_person(Person(name="Bea", date_of_birth=date(2030, 1, 1)))


def test_adding_a_carer_twice_returns_the_first(people: PeopleService, person: Person) -> None:
    assert person.id is not None
    first = people.add_carer(person.id, "Jo")
    again = people.add_carer(person.id, " Jo ")
    assert first.change is DataChange.CARERS
    assert again.change is DataChange.NONE
    assert again.value == first.value
    assert people.carers(person.id) == [first.value]


def test_delete_person(people: PeopleService, person: Person) -> None:
    assert person.id is not None
    assert people.delete_person(person.id).change is DataChange.ALL
    assert people.people() == []
