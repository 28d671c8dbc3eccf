"""The scales, lists and labels the diary records (see CLINICAL.md for their sources)."""

from __future__ import annotations

from enum import Enum, StrEnum


class Condition(StrEnum):
    """The condition behind a person's spasticity."""

    MULTIPLE_SCLEROSIS = "multiple_sclerosis"
    SPINAL_CORD_INJURY = "spinal_cord_injury"
    CEREBRAL_PALSY = "cerebral_palsy"
    STROKE = "stroke"
    BRAIN_INJURY = "brain_injury"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _CONDITION_LABELS[self]


_CONDITION_LABELS = {
    Condition.MULTIPLE_SCLEROSIS: "Multiple sclerosis",
    Condition.SPINAL_CORD_INJURY: "Spinal cord injury",
    Condition.CEREBRAL_PALSY: "Cerebral palsy",
    Condition.STROKE: "Stroke",
    Condition.BRAIN_INJURY: "Brain injury",
    Condition.OTHER: "Other",
}


class DoseUnit(StrEnum):
    """What a medicine's amounts are counted in."""

    MG = "mg"
    MCG_PER_DAY = "mcg/day"
    SPRAYS = "sprays"
    UNITS = "units"

    @property
    def max_amount(self) -> float:
        """The largest single amount the diary accepts: far above any real dose, to catch typos."""
        return _MAX_AMOUNT[self]


_MAX_AMOUNT = {
    DoseUnit.MG: 1000.0,
    DoseUnit.MCG_PER_DAY: 3000.0,
    DoseUnit.SPRAYS: 24.0,
    DoseUnit.UNITS: 1000.0,
}


class Route(StrEnum):
    """How a medicine is given."""

    ORAL = "oral"
    INTRATHECAL = "intrathecal"
    OROMUCOSAL_SPRAY = "oromucosal_spray"
    INJECTION = "injection"

    @property
    def label(self) -> str:
        return _ROUTE_LABELS[self]

    @property
    def default_unit(self) -> DoseUnit:
        return _ROUTE_UNITS[self]

    @property
    def is_continuous(self) -> bool:
        """A pump gives a continuous rate per day instead of doses at times of day."""
        return self is Route.INTRATHECAL


_ROUTE_LABELS = {
    Route.ORAL: "Tablet or liquid",
    Route.INTRATHECAL: "Intrathecal pump",
    Route.OROMUCOSAL_SPRAY: "Mouth spray",
    Route.INJECTION: "Injection",
}
_ROUTE_UNITS = {
    Route.ORAL: DoseUnit.MG,
    Route.INTRATHECAL: DoseUnit.MCG_PER_DAY,
    Route.OROMUCOSAL_SPRAY: DoseUnit.SPRAYS,
    Route.INJECTION: DoseUnit.UNITS,
}


class Form(StrEnum):
    """The form a medicine comes in; each form has one route."""

    TABLET = "tablet"
    ORAL_LIQUID = "oral_liquid"
    GRANULES = "granules"
    INTRATHECAL_PUMP = "intrathecal_pump"
    SPRAY = "spray"
    INJECTION = "injection"

    @property
    def label(self) -> str:
        return _FORM_LABELS[self]

    @property
    def route(self) -> Route:
        return _FORM_ROUTES[self]


_FORM_LABELS = {
    Form.TABLET: "Tablet",
    Form.ORAL_LIQUID: "Oral liquid",
    Form.GRANULES: "Granules",
    Form.INTRATHECAL_PUMP: "Intrathecal pump",
    Form.SPRAY: "Mouth spray",
    Form.INJECTION: "Injection",
}
_FORM_ROUTES = {
    Form.TABLET: Route.ORAL,
    Form.ORAL_LIQUID: Route.ORAL,
    Form.GRANULES: Route.ORAL,
    Form.INTRATHECAL_PUMP: Route.INTRATHECAL,
    Form.SPRAY: Route.OROMUCOSAL_SPRAY,
    Form.INJECTION: Route.INJECTION,
}


class DoseStatus(StrEnum):
    """What happened to one dose."""

    TAKEN = "taken"
    LATE = "late"
    MISSED = "missed"
    EXTRA = "extra"

    @property
    def was_taken(self) -> bool:
        return self is not DoseStatus.MISSED


class Severity(Enum):
    """How bad a side effect was."""

    MILD = 1
    MODERATE = 2
    SEVERE = 3

    @property
    def label(self) -> str:
        return self.name.capitalize()


# Baclofen side effects, most common first (US label frequencies, CLINICAL.md).
SIDE_EFFECTS: tuple[tuple[str, str], ...] = (
    ("drowsiness", "Drowsiness"),
    ("dizziness", "Dizziness"),
    ("weakness", "Weakness"),
    ("confusion", "Confusion"),
    ("nausea", "Nausea"),
    ("headache", "Headache"),
    ("fatigue", "Fatigue"),
    ("insomnia", "Trouble sleeping"),
    ("low_blood_pressure", "Light-headed (low blood pressure)"),
    ("urinary_frequency", "Passing urine often"),
    ("constipation", "Constipation"),
    ("mood_change", "Mood change"),
)
SIDE_EFFECT_LABELS: dict[str, str] = dict(SIDE_EFFECTS)


def side_effect_label(effect: str) -> str:
    """The display label of a listed side effect, or the person's own words for another."""
    return SIDE_EFFECT_LABELS.get(effect, effect)


class EventKind(StrEnum):
    """Triggers and events a clinician asks about (MS Trust spasticity leaflet)."""

    INFECTION = "infection"
    BLADDER_BOWEL = "bladder_bowel"
    PRESSURE_SORE = "pressure_sore"
    TEMPERATURE = "temperature"
    RELAPSE = "relapse"
    FALL = "fall"
    PHYSIO = "physio"
    PUMP_REFILL = "pump_refill"
    POSTURE = "posture"
    CLOTHING = "clothing_splints"
    STRESS = "stress"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _EVENT_LABELS[self]


_EVENT_LABELS = {
    EventKind.INFECTION: "Infection or UTI",
    EventKind.BLADDER_BOWEL: "Bladder or bowel problem",
    EventKind.PRESSURE_SORE: "Skin or pressure sore",
    EventKind.TEMPERATURE: "Cold or heat",
    EventKind.RELAPSE: "Relapse",
    EventKind.FALL: "Fall",
    EventKind.PHYSIO: "Physio",
    EventKind.PUMP_REFILL: "Pump refill",
    EventKind.POSTURE: "Posture",
    EventKind.CLOTHING: "Tight clothing or splints",
    EventKind.STRESS: "Stress",
    EventKind.OTHER: "Other",
}


# -- the appointment cycle (CLINICAL.md, "The appointment cycle") ----------------------------


class Ashworth(StrEnum):
    """The Modified Ashworth Scale: a clinician's measure, entered from the clinic letter."""

    ZERO = "0"
    ONE = "1"
    ONE_PLUS = "1+"
    TWO = "2"
    THREE = "3"
    FOUR = "4"


class BodySide(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"

    @property
    def label(self) -> str:
        return self.value.capitalize()


GOALS_MAX = 3  # goals agreed at one appointment
# Goal attainment scaling: how a goal went, -2 to +2.
GAS_LABELS: dict[int, str] = {
    -2: "Much less than expected",
    -1: "Less than expected",
    0: "The expected outcome",
    1: "More than expected",
    2: "Much more than expected",
}
GAS_MIN, GAS_MAX = min(GAS_LABELS), max(GAS_LABELS)
# Patient global impression of change, asked before an appointment.
PGIC_QUESTION = "Since the last appointment, my spasticity is..."
PGIC_LABELS: dict[int, str] = {
    1: "Very much improved",
    2: "Much improved",
    3: "Minimally improved",
    4: "No change",
    5: "Minimally worse",
    6: "Much worse",
    7: "Very much worse",
}
PGIC_MIN, PGIC_MAX = min(PGIC_LABELS), max(PGIC_LABELS)

STIFFNESS_MIN, STIFFNESS_MAX = 0, 10
NRS_MIN, NRS_MAX = 0, 10
STIFFNESS_ANCHORS = ("No stiffness", "Worst imaginable")

# Penn Spasm Frequency Scale (NINDS CDE), in plain words.
PENN_FREQUENCY: tuple[str, ...] = (
    "No spasms",
    "Spasms only when touched or moved",
    "Full spasms less than once an hour",
    "Full spasms more than once an hour",
    "Full spasms more than 10 times an hour",
)
# The same five levels, short enough for a button or a table cell.
PENN_SHORT: tuple[str, ...] = (
    "No spasms",
    "Only when touched or moved",
    "Less than once an hour",
    "More than once an hour",
    "More than 10 an hour",
)
SPASM_SEVERITY: tuple[str, ...] = ("Mild", "Moderate", "Severe")  # PSFS part 2: 1, 2, 3


class StiffnessBand(StrEnum):
    """Severity bands of the stiffness NRS (Patti et al. 2023)."""

    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"


def stiffness_band(score: float) -> StiffnessBand:
    """Below 4 mild, 4 to below 7 moderate, 7 and above severe."""
    if score < 4:
        return StiffnessBand.MILD
    if score < 7:
        return StiffnessBand.MODERATE
    return StiffnessBand.SEVERE


class ToxinProduct(StrEnum):
    """Botulinum toxin products; their units are not interchangeable (CLINICAL.md)."""

    ONABOTULINUMTOXIN_A = "onabotulinumtoxinA"
    ABOBOTULINUMTOXIN_A = "abobotulinumtoxinA"
    INCOBOTULINUMTOXIN_A = "incobotulinumtoxinA"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _TOXIN_LABELS[self]


_TOXIN_LABELS = {
    ToxinProduct.ONABOTULINUMTOXIN_A: "onabotulinumtoxinA (Botox)",
    ToxinProduct.ABOBOTULINUMTOXIN_A: "abobotulinumtoxinA (Dysport)",
    ToxinProduct.INCOBOTULINUMTOXIN_A: "incobotulinumtoxinA (Xeomin)",
    ToxinProduct.OTHER: "Another product",
}
