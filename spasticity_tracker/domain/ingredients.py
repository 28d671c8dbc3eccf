"""Active ingredients: what a medicine is whatever its name, and the facts its cautions use.

The cautions work on the ingredient, never on the name a person typed: "Lyflex" is oral
baclofen, and so is a misspelt "Baclophen" once the person confirms the suggestion. Facts and
names come from CLINICAL.md and the products' labels.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from enum import StrEnum

from spasticity_tracker.domain.scales import Form, Route


class Ingredient(StrEnum):
    """The active ingredients the app knows facts about, and "other" for the rest."""

    BACLOFEN = "baclofen"
    TIZANIDINE = "tizanidine"
    DANTROLENE = "dantrolene"
    GABAPENTIN = "gabapentin"
    DIAZEPAM = "diazepam"
    CLONAZEPAM = "clonazepam"
    NABIXIMOLS = "nabiximols"
    OTHER = "other"

    @property
    def facts(self) -> IngredientFacts:
        return FACTS[self]

    @property
    def label(self) -> str:
        """For a list: "Baclofen", "THC:CBD spray (nabiximols)"."""
        return FACTS[self].label

    @property
    def word(self) -> str:
        """For a sentence: "baclofen", "THC:CBD spray"."""
        return FACTS[self].word


@dataclass(frozen=True)
class IngredientFacts:
    """What the cautions need to know of one ingredient."""

    label: str
    word: str
    usual_form: Form
    # Generic and brand names (lower case), each with the form its name implies, if any.
    names: dict[str, Form | None] = field(default_factory=dict)
    # The usual maximum per day, by route, in the route's unit (mg, sprays).
    usual_max: dict[Route, float] = field(default_factory=dict)
    # What stopping suddenly can do, as a phrase after "can cause"; None: no stop caution.
    withdrawal: str | None = None
    # How it is normally reduced instead, as a sentence.
    reduce: str = ""
    # What to do if withdrawal signs appear after missed doses.
    seek_help: str = "Seek medical help at once if any of these appear."
    # Said with "above the usual maximum" (a boxed warning, tests during treatment).
    max_note: str = ""


BACLOFEN_WITHDRAWAL = (
    "withdrawal (hallucinations, seizures, confusion, a high temperature, or stiffness and "
    "spasms coming back much worse)"
)
BENZODIAZEPINE_WITHDRAWAL = "withdrawal, including seizures"

FACTS: dict[Ingredient, IngredientFacts] = {
    Ingredient.BACLOFEN: IngredientFacts(
        label="Baclofen",
        word="baclofen",
        usual_form=Form.TABLET,
        names={
            "baclofen": None,
            "lioresal": None,
            "gablofen": Form.INTRATHECAL_PUMP,
            "lyflex": Form.ORAL_LIQUID,
            "ozobax": Form.ORAL_LIQUID,
            "fleqsuvy": Form.ORAL_LIQUID,
            "lyvispah": Form.GRANULES,
            "kemstro": None,
            "liofen": None,
            "baclosal": None,
            "clofen": None,
        },
        usual_max={Route.ORAL: 80.0},  # US and Canadian labels
        withdrawal=BACLOFEN_WITHDRAWAL,
        reduce="Doses are normally reduced gradually over 1-2 weeks.",
    ),
    Ingredient.TIZANIDINE: IngredientFacts(
        label="Tizanidine",
        word="tizanidine",
        usual_form=Form.TABLET,
        names={"tizanidine": None, "zanaflex": None},
        usual_max={Route.ORAL: 36.0},
        withdrawal="rebound high blood pressure, a fast heartbeat and stiffness coming back",
        reduce="Doses are normally reduced gradually.",
        max_note="Liver tests are usual during treatment.",
    ),
    Ingredient.DANTROLENE: IngredientFacts(
        label="Dantrolene",
        word="dantrolene",
        usual_form=Form.TABLET,
        names={"dantrolene": None, "dantrium": None},
        usual_max={Route.ORAL: 400.0},
        max_note="Dantrolene can harm the liver: liver tests are usual during treatment.",
    ),
    Ingredient.GABAPENTIN: IngredientFacts(
        label="Gabapentin",
        word="gabapentin",
        usual_form=Form.TABLET,
        names={"gabapentin": None, "neurontin": None},
        withdrawal="withdrawal effects",
        reduce="Gabapentin is normally stopped gradually, over at least a week.",
        seek_help="Seek medical help if you feel unwell.",
    ),
    Ingredient.DIAZEPAM: IngredientFacts(
        label="Diazepam",
        word="diazepam",
        usual_form=Form.TABLET,
        names={"diazepam": None, "valium": None},
        withdrawal=BENZODIAZEPINE_WITHDRAWAL,
        reduce="Benzodiazepines are normally reduced gradually.",
    ),
    Ingredient.CLONAZEPAM: IngredientFacts(
        label="Clonazepam",
        word="clonazepam",
        usual_form=Form.TABLET,
        names={"clonazepam": None, "klonopin": None, "rivotril": None},
        withdrawal=BENZODIAZEPINE_WITHDRAWAL,
        reduce="Benzodiazepines are normally reduced gradually.",
    ),
    Ingredient.NABIXIMOLS: IngredientFacts(
        label="THC:CBD spray (nabiximols)",
        word="THC:CBD spray",
        usual_form=Form.SPRAY,
        names={"nabiximols": Form.SPRAY, "sativex": Form.SPRAY},
        usual_max={Route.OROMUCOSAL_SPRAY: 12.0},  # sprays a day (SmPC)
    ),
    Ingredient.OTHER: IngredientFacts(label="Other", word="this medicine", usual_form=Form.TABLET),
}

# Words that name a form whatever the ingredient ("Baclofen pump", "baclofen oral solution").
FORM_WORDS: dict[str, Form] = {
    "tablet": Form.TABLET,
    "tablets": Form.TABLET,
    "liquid": Form.ORAL_LIQUID,
    "solution": Form.ORAL_LIQUID,
    "suspension": Form.ORAL_LIQUID,
    "syrup": Form.ORAL_LIQUID,
    "granules": Form.GRANULES,
    "pump": Form.INTRATHECAL_PUMP,
    "intrathecal": Form.INTRATHECAL_PUMP,
    "itb": Form.INTRATHECAL_PUMP,
    "spray": Form.SPRAY,
    "injection": Form.INJECTION,
}
# A name's word this close to a known name (difflib's ratio) is offered as that name.
CLOSE_ENOUGH = 0.8
SHORTEST_GUESSED = 5  # shorter words are too easily close to something
# Other medicines whose names are close to a known one: never offered as that one.
NEVER_GUESSED = frozenset({"lorazepam", "oxazepam", "temazepam", "pregabalin"})

_KNOWN: dict[str, Ingredient] = {
    name: ingredient for ingredient, facts in FACTS.items() for name in facts.names
}


class Certainty(StrEnum):
    """How sure the recognition of a name is."""

    EXACT = "exact"  # a known generic or brand name
    CLOSE = "close"  # a close spelling of one: to be confirmed
    NONE = "none"  # nothing known: "other"


@dataclass(frozen=True)
class Recognised:
    """What a medicine's name says about its ingredient and form."""

    ingredient: Ingredient
    certainty: Certainty
    form: Form | None = None  # a form the name implies, if any
    matched: str = ""  # the known name it matched ("baclofen" for "Baclophen")

    @property
    def is_sure(self) -> bool:
        return self.certainty is Certainty.EXACT


def _words(name: str) -> list[str]:
    return re.findall(r"[a-z]+", name.casefold())


def recognise(name: str) -> Recognised:
    """The ingredient a medicine's name names: generic or brand, any case, close spellings."""
    words = _words(name)
    implied = next((FORM_WORDS[word] for word in words if word in FORM_WORDS), None)
    if {"thc", "cbd"} <= set(words):
        return Recognised(Ingredient.NABIXIMOLS, Certainty.EXACT, implied or Form.SPRAY, "thc:cbd")
    for word in words:
        if word in _KNOWN:
            ingredient = _KNOWN[word]
            form = implied or FACTS[ingredient].names[word]
            return Recognised(ingredient, Certainty.EXACT, form, word)
    for word in words:
        if len(word) < SHORTEST_GUESSED or word in FORM_WORDS or word in NEVER_GUESSED:
            continue
        close = difflib.get_close_matches(word, _KNOWN, n=1, cutoff=CLOSE_ENOUGH)
        if close:
            ingredient = _KNOWN[close[0]]
            form = implied or FACTS[ingredient].names[close[0]]
            return Recognised(ingredient, Certainty.CLOSE, form, close[0])
    return Recognised(Ingredient.OTHER, Certainty.NONE, implied)


def form_for(recognised: Recognised, route: Route) -> Form:
    """The form to store for a medicine known to be given by `route` (e.g. an mg column)."""
    if recognised.form is not None and recognised.form.route is route:
        return recognised.form
    usual = recognised.ingredient.facts.usual_form
    if usual.route is route:
        return usual
    return next(form for form in Form if form.route is route)


# The medicines offered first when adding one: (name, ingredient, form).
COMMON_MEDICINES: tuple[tuple[str, Ingredient, Form], ...] = (
    ("Baclofen", Ingredient.BACLOFEN, Form.TABLET),
    ("Baclofen (intrathecal pump)", Ingredient.BACLOFEN, Form.INTRATHECAL_PUMP),
    ("Baclofen oral liquid", Ingredient.BACLOFEN, Form.ORAL_LIQUID),
    ("Tizanidine", Ingredient.TIZANIDINE, Form.TABLET),
    ("Gabapentin", Ingredient.GABAPENTIN, Form.TABLET),
    ("Dantrolene", Ingredient.DANTROLENE, Form.TABLET),
    ("Diazepam", Ingredient.DIAZEPAM, Form.TABLET),
    ("Clonazepam", Ingredient.CLONAZEPAM, Form.TABLET),
    ("THC:CBD spray", Ingredient.NABIXIMOLS, Form.SPRAY),
)
