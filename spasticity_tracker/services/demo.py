"""Create an example person filled with a realistic diary, in one transaction."""

from __future__ import annotations

from datetime import timedelta

from spasticity_tracker.domain import demo
from spasticity_tracker.domain.entities import Carer, Medicine, Person
from spasticity_tracker.domain.errors import ConflictError, ValidationError
from spasticity_tracker.domain.ingredients import Ingredient
from spasticity_tracker.domain.scales import Condition, Form
from spasticity_tracker.services.base import Service
from spasticity_tracker.services.changes import DataChange, Saved

DEMO_CARER = "Sam"
MAX_YEARS = 20


class DemoService(Service):
    """Example data for exploring the app, screenshots and benchmarks."""

    def create_demo_person(self, name: str, years: float = 1.0, seed: int = 1) -> Saved[Person]:
        """A person marked as example data, with `years` of diary ending today."""
        if not 0 < years <= MAX_YEARS:
            raise ValidationError("Years", years, f"a number above 0 and at most {MAX_YEARS}")
        last_day = self.today()
        first_day = last_day - timedelta(days=max(14, round(years * 365.25)) - 1)
        person = Person(name=name.strip(), condition=Condition.MULTIPLE_SCLEROSIS, is_example=True)
        with self._db.unit_of_work() as uow:
            if uow.people.find_by_name(person.name) is not None:
                raise ConflictError(
                    f"A person called {person.name!r} already exists; choose another name."
                )
            stored = uow.people.add(person)
            assert stored.id is not None
            carer = uow.carers.add(Carer(person_id=stored.id, name=DEMO_CARER))
            baclofen = uow.medicines.add(
                Medicine(
                    person_id=stored.id,
                    name="Baclofen",
                    ingredient=Ingredient.BACLOFEN,
                    form=Form.TABLET,
                )
            )
            assert carer.id is not None
            assert baclofen.id is not None
            records = demo.generate(
                person_id=stored.id,
                carer_id=carer.id,
                medicine_id=baclofen.id,
                first_day=first_day,
                last_day=last_day,
                seed=seed,
                until=self.now(),
            )
            uow.regimens.add_many(records.regimens)
            uow.doses.add_many(records.doses)
            uow.entries.add_many(records.entries)
            uow.side_effects.add_many(records.side_effects)
            uow.events.add_many(records.events)
            uow.appointments.add_many(records.appointments)
            uow.check_ins.add_many(records.check_ins)
        return Saved(stored, DataChange.ALL)
