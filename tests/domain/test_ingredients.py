"""Active ingredients: names recognised whatever their case, brand or spelling, and their facts."""

from __future__ import annotations

import difflib
from collections.abc import Callable

import pytest

from spasticity_tracker.domain.ingredients import (
    CLOSE_ENOUGH,
    COMMON_MEDICINES,
    FACTS,
    FORM_WORDS,
    NEVER_GUESSED,
    SHORTEST_GUESSED,
    Certainty,
    Ingredient,
    Recognised,
    form_for,
    recognise,
)
from spasticity_tracker.domain.scales import Form, Route

BACLOFEN, TIZANIDINE, DANTROLENE = Ingredient.BACLOFEN, Ingredient.TIZANIDINE, Ingredient.DANTROLENE
GABAPENTIN, DIAZEPAM, CLONAZEPAM = Ingredient.GABAPENTIN, Ingredient.DIAZEPAM, Ingredient.CLONAZEPAM
NABIXIMOLS, OTHER = Ingredient.NABIXIMOLS, Ingredient.OTHER
EXACT, CLOSE, NONE = Certainty.EXACT, Certainty.CLOSE, Certainty.NONE

# Every generic and brand name of CLINICAL.md (and a few more labels), with the form it implies.
NAMES: dict[str, tuple[Ingredient, Form | None]] = {
    "baclofen": (BACLOFEN, None),
    "lioresal": (BACLOFEN, None),  # tablets and Lioresal Intrathecal: the name alone says neither
    "gablofen": (BACLOFEN, Form.INTRATHECAL_PUMP),
    "lyflex": (BACLOFEN, Form.ORAL_LIQUID),
    "ozobax": (BACLOFEN, Form.ORAL_LIQUID),
    "fleqsuvy": (BACLOFEN, Form.ORAL_LIQUID),
    "lyvispah": (BACLOFEN, Form.GRANULES),
    "kemstro": (BACLOFEN, None),
    "liofen": (BACLOFEN, None),
    "baclosal": (BACLOFEN, None),
    "clofen": (BACLOFEN, None),
    "tizanidine": (TIZANIDINE, None),
    "zanaflex": (TIZANIDINE, None),
    "dantrolene": (DANTROLENE, None),
    "dantrium": (DANTROLENE, None),
    "gabapentin": (GABAPENTIN, None),
    "neurontin": (GABAPENTIN, None),
    "diazepam": (DIAZEPAM, None),
    "valium": (DIAZEPAM, None),
    "clonazepam": (CLONAZEPAM, None),
    "klonopin": (CLONAZEPAM, None),
    "rivotril": (CLONAZEPAM, None),
    "nabiximols": (NABIXIMOLS, Form.SPRAY),
    "sativex": (NABIXIMOLS, Form.SPRAY),
}


def test_the_table_lists_every_known_name() -> None:
    known = {name for facts in FACTS.values() for name in facts.names}
    assert known == set(NAMES)


@pytest.mark.parametrize(
    "spelling", [str.lower, str.upper, str.title], ids=["lower", "upper", "title"]
)
@pytest.mark.parametrize(("name", "expected"), list(NAMES.items()), ids=list(NAMES))
def test_every_generic_and_brand_name_in_any_case(
    name: str, expected: tuple[Ingredient, Form | None], spelling: Callable[[str], str]
) -> None:
    ingredient, form = expected
    assert recognise(spelling(name)) == Recognised(ingredient, EXACT, form, name)


@pytest.mark.parametrize(("name", "expected"), list(NAMES.items()), ids=list(NAMES))
def test_names_with_strengths_and_other_words(
    name: str, expected: tuple[Ingredient, Form | None]
) -> None:
    ingredient, form = expected
    for typed in (f"{name.title()} 10 mg", f"10mg {name}", f"{name.upper()}-5mg/5ml (generic)"):
        assert recognise(typed) == Recognised(ingredient, EXACT, form, name), typed


FORMS_FROM_WORDS = {
    "tablets": ("Baclofen 10 mg tablets", BACLOFEN, Form.TABLET),
    "tablet": ("Tizanidine 4 mg tablet", TIZANIDINE, Form.TABLET),
    "oral-solution": ("Baclofen oral solution 5 mg/5 ml", BACLOFEN, Form.ORAL_LIQUID),
    "liquid": ("baclofen liquid", BACLOFEN, Form.ORAL_LIQUID),
    "suspension": ("Baclofen suspension", BACLOFEN, Form.ORAL_LIQUID),
    "syrup": ("Baclofen syrup", BACLOFEN, Form.ORAL_LIQUID),
    "granules": ("Baclofen granules", BACLOFEN, Form.GRANULES),
    "pump": ("Baclofen pump", BACLOFEN, Form.INTRATHECAL_PUMP),
    "intrathecal-first": ("Intrathecal baclofen", BACLOFEN, Form.INTRATHECAL_PUMP),
    "itb": ("ITB baclofen", BACLOFEN, Form.INTRATHECAL_PUMP),
    "lioresal-intrathecal": ("Lioresal Intrathecal", BACLOFEN, Form.INTRATHECAL_PUMP),
    "spray": ("Sativex spray", NABIXIMOLS, Form.SPRAY),
    "injection": ("Baclofen injection", BACLOFEN, Form.INJECTION),
    "word-beats-brand": ("Gablofen tablets", BACLOFEN, Form.TABLET),
    "first-form-word": ("baclofen liquid pump", BACLOFEN, Form.ORAL_LIQUID),
    "hyphenated": ("baclofen-tablets", BACLOFEN, Form.TABLET),
}


@pytest.mark.parametrize(
    ("name", "ingredient", "form"), list(FORMS_FROM_WORDS.values()), ids=list(FORMS_FROM_WORDS)
)
def test_form_words_imply_a_form(name: str, ingredient: Ingredient, form: Form) -> None:
    recognised = recognise(name)
    assert (recognised.ingredient, recognised.certainty, recognised.form) == (
        ingredient,
        EXACT,
        form,
    )


@pytest.mark.parametrize("word", sorted(FORM_WORDS), ids=sorted(FORM_WORDS))
def test_a_form_word_alone_names_a_form_but_no_ingredient(word: str) -> None:
    assert recognise(word.upper()) == Recognised(OTHER, NONE, FORM_WORDS[word])


CLOSE_SPELLINGS = {
    "Baclophen": ("baclofen", BACLOFEN, None),
    "baclofem": ("baclofen", BACLOFEN, None),
    "lioresall": ("lioresal", BACLOFEN, None),
    "Osobax": ("ozobax", BACLOFEN, Form.ORAL_LIQUID),
    "lyvispa": ("lyvispah", BACLOFEN, Form.GRANULES),
    "tizanadine": ("tizanidine", TIZANIDINE, None),
    "tizanidin": ("tizanidine", TIZANIDINE, None),
    "zanaflx": ("zanaflex", TIZANIDINE, None),
    "dantroline": ("dantrolene", DANTROLENE, None),
    "gabapentine": ("gabapentin", GABAPENTIN, None),
    "diazapam": ("diazepam", DIAZEPAM, None),
    "valum": ("valium", DIAZEPAM, None),  # five letters: the shortest guessed
    "clonazepan": ("clonazepam", CLONAZEPAM, None),
    "klonopen": ("klonopin", CLONAZEPAM, None),
    "sativx": ("sativex", NABIXIMOLS, Form.SPRAY),
    "nabiximol": ("nabiximols", NABIXIMOLS, Form.SPRAY),
}


@pytest.mark.parametrize(
    ("typed", "expected"), list(CLOSE_SPELLINGS.items()), ids=list(CLOSE_SPELLINGS)
)
def test_close_spellings_are_offered_to_confirm(
    typed: str, expected: tuple[str, Ingredient, Form | None]
) -> None:
    matched, ingredient, form = expected
    recognised = recognise(f"{typed} 10 mg")
    assert recognised == Recognised(ingredient, CLOSE, form, matched)
    assert not recognised.is_sure


def test_a_close_spelling_keeps_the_form_its_words_say() -> None:
    assert recognise("Baclophen pump") == Recognised(
        BACLOFEN, CLOSE, Form.INTRATHECAL_PUMP, "baclofen"
    )


def test_an_exact_name_wins_over_a_close_spelling_before_it() -> None:
    assert recognise("Baclophen (Zanaflex)") == Recognised(TIZANIDINE, EXACT, None, "zanaflex")


def test_the_guessing_threshold() -> None:
    assert CLOSE_ENOUGH == 0.8
    assert SHORTEST_GUESSED == 5


@pytest.mark.parametrize("name", sorted(NEVER_GUESSED), ids=sorted(NEVER_GUESSED))
def test_never_guessed_names_are_other(name: str) -> None:
    assert recognise(f"{name.title()} 1 mg tablets") == Recognised(OTHER, NONE, Form.TABLET)


def test_lorazepam_would_be_guessed_as_clonazepam_without_the_list() -> None:
    known = [name for facts in FACTS.values() for name in facts.names]
    assert difflib.get_close_matches("lorazepam", known, n=1, cutoff=CLOSE_ENOUGH) == ["clonazepam"]


UNRELATED = {
    "paracetamol": "Paracetamol 500 mg",
    "pregabalin-brand": "Lyrica",
    "toxin": "Botox",
    "amitriptyline": "Amitriptyline",
    "other-tizanidine-brand": "Sirdalud",  # not in the list: other, never a guess
    "cbd-only": "CBD oil",
    "thc-only": "THC drops",
    "empty": "",
    "digits": "10 mg",
}


@pytest.mark.parametrize("name", list(UNRELATED.values()), ids=list(UNRELATED))
def test_unrelated_medicines_are_other(name: str) -> None:
    recognised = recognise(name)
    assert (recognised.ingredient, recognised.certainty, recognised.matched) == (OTHER, NONE, "")
    assert not recognised.is_sure


SHORT_WORDS = {
    "four-letters-close-to-clofen": "clof",  # ratio 0.8 to "clofen", but too short to guess
    "three-letters": "val",
    "baclo-prefix-four": "bacl",
    "form-abbreviation": "itb",
}


@pytest.mark.parametrize("name", list(SHORT_WORDS.values()), ids=list(SHORT_WORDS))
def test_short_words_are_never_guessed(name: str) -> None:
    assert recognise(name).ingredient is OTHER


def test_a_four_letter_word_would_match_without_the_length_rule() -> None:
    assert difflib.get_close_matches("clof", ["clofen"], cutoff=CLOSE_ENOUGH) == ["clofen"]


THC_CBD = {
    "colon": ("THC:CBD", Form.SPRAY),
    "spray": ("THC:CBD spray", Form.SPRAY),
    "spaced-lower": ("thc cbd", Form.SPRAY),
    "reversed": ("CBD/THC mouth spray", Form.SPRAY),
    "form-word-wins": ("THC:CBD liquid", Form.ORAL_LIQUID),
}


@pytest.mark.parametrize(("name", "form"), list(THC_CBD.values()), ids=list(THC_CBD))
def test_thc_and_cbd_together_are_nabiximols(name: str, form: Form) -> None:
    assert recognise(name) == Recognised(NABIXIMOLS, EXACT, form, "thc:cbd")


FORM_FOR = {
    # The name's form, when it is the route's.
    "liquid-brand-oral": ("Ozobax", Route.ORAL, Form.ORAL_LIQUID),
    "granules-brand-oral": ("Lyvispah", Route.ORAL, Form.GRANULES),
    "pump-brand-intrathecal": ("Gablofen", Route.INTRATHECAL, Form.INTRATHECAL_PUMP),
    "pump-word-intrathecal": ("Baclofen pump", Route.INTRATHECAL, Form.INTRATHECAL_PUMP),
    "spray-brand": ("Sativex", Route.OROMUCOSAL_SPRAY, Form.SPRAY),
    # Otherwise the ingredient's usual form, when it is the route's.
    "pump-brand-in-an-mg-column": ("Gablofen", Route.ORAL, Form.TABLET),
    "generic-oral": ("Baclofen", Route.ORAL, Form.TABLET),
    "tizanidine-oral": ("Tizanidine", Route.ORAL, Form.TABLET),
    "other-oral": ("Paracetamol", Route.ORAL, Form.TABLET),
    # Otherwise the route's first form.
    "generic-intrathecal": ("Baclofen", Route.INTRATHECAL, Form.INTRATHECAL_PUMP),
    "liquid-brand-intrathecal": ("Lyflex", Route.INTRATHECAL, Form.INTRATHECAL_PUMP),
    "other-spray": ("Paracetamol", Route.OROMUCOSAL_SPRAY, Form.SPRAY),
    "other-injection": ("Botox", Route.INJECTION, Form.INJECTION),
    "spray-brand-oral": ("Sativex", Route.ORAL, Form.TABLET),
    "spray-brand-injection": ("Sativex", Route.INJECTION, Form.INJECTION),
}


@pytest.mark.parametrize(("name", "route", "form"), list(FORM_FOR.values()), ids=list(FORM_FOR))
def test_form_for_a_route(name: str, route: Route, form: Form) -> None:
    stored = form_for(recognise(name), route)
    assert stored is form
    assert stored.route is route


@pytest.mark.parametrize("route", list(Route), ids=[route.value for route in Route])
@pytest.mark.parametrize("ingredient", list(Ingredient), ids=[i.value for i in Ingredient])
def test_form_for_always_gives_a_form_of_the_route(ingredient: Ingredient, route: Route) -> None:
    for form in [None, *Form]:
        assert form_for(Recognised(ingredient, EXACT, form), route).route is route


@pytest.mark.parametrize(
    ("name", "ingredient", "form"),
    COMMON_MEDICINES,
    ids=[name for name, _, _ in COMMON_MEDICINES],
)
def test_common_medicines_are_recognised_as_listed(
    name: str, ingredient: Ingredient, form: Form
) -> None:
    recognised = recognise(name)
    assert (recognised.ingredient, recognised.certainty) == (ingredient, EXACT)
    assert form_for(recognised, form.route) is form


def test_common_medicines_cover_every_known_ingredient_once_by_form() -> None:
    names = [name for name, _, _ in COMMON_MEDICINES]
    assert len(set(names)) == len(names)
    assert {ingredient for _, ingredient, _ in COMMON_MEDICINES} == set(Ingredient) - {OTHER}
    assert len({(i, f) for _, i, f in COMMON_MEDICINES}) == len(COMMON_MEDICINES)


USUAL_MAXIMA = {
    "baclofen": (BACLOFEN, {Route.ORAL: 80.0}),
    "tizanidine": (TIZANIDINE, {Route.ORAL: 36.0}),
    "dantrolene": (DANTROLENE, {Route.ORAL: 400.0}),
    "gabapentin": (GABAPENTIN, {}),
    "diazepam": (DIAZEPAM, {}),
    "clonazepam": (CLONAZEPAM, {}),
    "nabiximols": (NABIXIMOLS, {Route.OROMUCOSAL_SPRAY: 12.0}),
    "other": (OTHER, {}),
}


@pytest.mark.parametrize(
    ("ingredient", "maxima"), list(USUAL_MAXIMA.values()), ids=list(USUAL_MAXIMA)
)
def test_usual_maxima_from_clinical_md(ingredient: Ingredient, maxima: dict[Route, float]) -> None:
    assert ingredient.facts.usual_max == maxima


WITHDRAWAL = {
    "baclofen": (BACLOFEN, True),
    "tizanidine": (TIZANIDINE, True),
    "gabapentin": (GABAPENTIN, True),
    "diazepam": (DIAZEPAM, True),
    "clonazepam": (CLONAZEPAM, True),
    "dantrolene": (DANTROLENE, False),
    "nabiximols": (NABIXIMOLS, False),
    "other": (OTHER, False),
}


@pytest.mark.parametrize(("ingredient", "risk"), list(WITHDRAWAL.values()), ids=list(WITHDRAWAL))
def test_which_ingredients_have_a_withdrawal_risk(ingredient: Ingredient, risk: bool) -> None:
    facts = ingredient.facts
    assert (facts.withdrawal is not None) is risk
    assert bool(facts.reduce) is risk


def _withdrawal(ingredient: Ingredient) -> str:
    """The ingredient's withdrawal wording, which it must have."""
    wording = ingredient.facts.withdrawal
    assert wording is not None, f"{ingredient} has no withdrawal wording"
    return wording


def test_the_withdrawal_wordings_name_the_label_signs() -> None:
    assert "hallucinations, seizures" in _withdrawal(BACLOFEN)
    assert "rebound high blood pressure" in _withdrawal(TIZANIDINE)
    assert "seizures" in _withdrawal(DIAZEPAM)
    assert "seizures" in _withdrawal(CLONAZEPAM)
    assert BACLOFEN.facts.reduce == "Doses are normally reduced gradually over 1-2 weeks."
    assert "at least a week" in GABAPENTIN.facts.reduce
    assert "liver" in DANTROLENE.facts.max_note.lower()
    assert "liver" in TIZANIDINE.facts.max_note.lower()


LABELS = {
    "baclofen": (BACLOFEN, "Baclofen", "baclofen", Form.TABLET),
    "nabiximols": (NABIXIMOLS, "THC:CBD spray (nabiximols)", "THC:CBD spray", Form.SPRAY),
    "other": (OTHER, "Other", "this medicine", Form.TABLET),
}


@pytest.mark.parametrize(
    ("ingredient", "label", "word", "usual_form"), list(LABELS.values()), ids=list(LABELS)
)
def test_labels_words_and_usual_forms(
    ingredient: Ingredient, label: str, word: str, usual_form: Form
) -> None:
    assert (ingredient.label, ingredient.word, ingredient.facts.usual_form) == (
        label,
        word,
        usual_form,
    )


def test_every_ingredient_has_facts() -> None:
    assert set(FACTS) == set(Ingredient)
