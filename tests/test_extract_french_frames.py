"""French frames beyond the plain verb, on our own sentences: rounds owned after "de",
nominal entries into a capital, "y participent", takeovers told by the target ("intègre le
groupe X", "devient une filiale de X"), partnership, rivalry and dependency wording, titles
("numéro un", "l’actuel PDG"), successions; each family with hard negatives (plans, rumours,
denials, divestments, former roles, customers named in passing)."""

from __future__ import annotations

import pytest

from kg.extract import extract_article
from kg.schema import Article, ArticleFormat


def found(text: str) -> set[tuple[str, str, str]]:
    """(source, relation, target); a round is named by its raiser ("Linkup")."""
    result = extract_article(
        Article(
            id="https://example.org/fr/frames",
            file="/tmp/fr/frames.txt",
            format=ArticleFormat.TEXT,
            text=text,
            lang="fr",
            published="2025-06-02",
        )
    )
    names = {e.id: e.name for e in result.entities}
    return {
        (names[r.source], r.relation.value, names[r.target].split(" €")[0].split(" funding")[0])
        for r in result.relations
    }


def invests(text: str, investor: str, firm: str) -> bool:
    rows = found(text)
    return any(
        s == investor and r in ("INVESTS_IN", "FUNDS") and t.startswith(firm) for s, r, t in rows
    )


@pytest.mark.parametrize(
    ("text", "investor"),
    [
        # the round's owner after "de" / "dans": the lead names it in the same sentence
        ("Partech mène le tour de table de 12 millions d’euros de Linkup.", "Partech"),
        ("Partech a mené la levée de 30 millions d’euros de Linkup.", "Partech"),
        ("Partech a mené une levée de 30 millions d’euros dans Linkup.", "Partech"),
        # an entry into the capital told as a noun
        ("L’entrée de Bpifrance au capital de Linkup a été annoncée lundi.", "Bpifrance"),
        ("L’arrivée d’Eurazeo au capital de Linkup change la donne.", "Eurazeo"),
        # the firm takes its investor in
        ("Linkup accueille Bpifrance à son capital.", "Bpifrance"),
        ("Linkup a fait entrer Eurazeo dans son capital.", "Eurazeo"),
        ("Linkup ouvre son capital à Bpifrance.", "Bpifrance"),
        ("Bpifrance a souscrit à l’augmentation de capital de Linkup.", "Bpifrance"),
        # participants after the round, in the next sentence or a relative clause
        (
            "Linkup a bouclé un tour de table de 15 millions d’euros. "
            "Partech, Elaia et Bpifrance y participent.",
            "Elaia",
        ),
        (
            "Linkup a levé 20 millions d’euros dans un tour piloté par Partech, auquel ont "
            "participé Elaia et Daphni.",
            "Daphni",
        ),
        ("Linkup a réalisé une levée de 8 millions d’euros avec Bpifrance.", "Bpifrance"),
    ],
)
def test_investment_frames(text: str, investor: str) -> None:
    assert invests(text, investor, "Linkup")


@pytest.mark.parametrize(
    "text",
    [
        "Linkup envisage d’ouvrir son capital à Bpifrance.",
        "Bpifrance pourrait faire son entrée au capital de Linkup.",
        "Bpifrance a démenti toute entrée au capital de Linkup.",
        "Bpifrance a cédé sa participation dans Linkup.",
        # a levée "avec" a lower-case purpose, not a firm
        "Linkup a réalisé une levée de 8 millions d’euros avec pour objectif l’Europe.",
    ],
)
def test_investment_negatives(text: str) -> None:
    assert not {f for f in found(text) if f[1] in ("INVESTS_IN", "FUNDS")}


@pytest.mark.parametrize(
    "text",
    [
        "Linkup vient de finaliser une série A de 20 millions d’euros.",
        "Linkup va boucler un tour de table de 20 millions d’euros.",
        "Linkup a sécurisé 20 millions d’euros lors d’une série A.",
    ],
)
def test_raise_verb_forms(text: str) -> None:
    assert any(s == "Linkup" and r == "RAISED" for s, r, _ in found(text))


@pytest.mark.parametrize(
    "text",
    [
        "Linkup, rachetée l’an dernier par Capgemini, recrute.",
        "Capgemini a avalé Linkup.",
        "Linkup intègre le groupe Capgemini.",
        "Linkup rejoint le groupe Capgemini.",
        "Linkup est désormais une filiale de Capgemini.",
        "Linkup devient une filiale à 100 % de Capgemini.",
    ],
)
def test_takeover_told_by_the_target(text: str) -> None:
    assert ("Capgemini", "ACQUIRES", "Linkup") in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Linkup pourrait devenir une filiale de Capgemini.",
        "Capgemini envisage d’avaler Linkup.",
        "Jean Martin rejoint le groupe Capgemini.",  # a person joins: no takeover
        "Le rachat de Linkup par Capgemini a été abandonné.",
    ],
)
def test_takeover_negatives(text: str) -> None:
    assert not {f for f in found(text) if f[1] == "ACQUIRES" and f[2] == "Linkup"}


@pytest.mark.parametrize(
    "text",
    [
        "Linkup fait équipe avec Capgemini.",
        "Linkup et Capgemini unissent leurs forces.",
        "Linkup unit ses forces avec Capgemini pour viser les banques.",
        "Linkup et Capgemini ont signé un protocole d’accord.",
        "Linkup et Capgemini co-développent un modèle.",
        "Linkup a signé un contrat pluriannuel avec Capgemini.",
        "Linkup et Capgemini lancent ensemble un assistant.",
    ],
)
def test_partnership_wording(text: str) -> None:
    rows = found(text)
    assert ("Linkup", "PARTNERS_WITH", "Capgemini") in rows or (
        "Capgemini",
        "PARTNERS_WITH",
        "Linkup",
    ) in rows


@pytest.mark.parametrize(
    "text",
    [
        "Linkup et Capgemini ont mis fin à leur partenariat.",
        "Linkup pourrait faire équipe avec Capgemini.",
        "Linkup compte parmi ses clients Capgemini et Thales.",
    ],
)
def test_partnership_negatives(text: str) -> None:
    assert not {f for f in found(text) if f[1] == "PARTNERS_WITH"}


@pytest.mark.parametrize(
    ("text", "rivals"),
    [
        ("Kyutai entre en concurrence directe avec OpenAI.", True),
        ("Kyutai fait de l’ombre à OpenAI.", True),
        ("Kyutai talonne OpenAI sur les modèles vocaux.", True),
        ("Kyutai veut détrôner OpenAI.", True),
        ("Kyutai joue dans la même cour qu’OpenAI.", True),
        ("Kyutai dispute à OpenAI le marché des entreprises.", True),
        ("Kyutai est en compétition avec OpenAI.", True),
        ("Kyutai a noué un partenariat avec OpenAI.", False),
        ("Kyutai talonne le marché avec l’aide d’OpenAI.", False),
    ],
)
def test_rivalry_wording(text: str, rivals: bool) -> None:
    pairs = {(s, t) for s, r, t in found(text) if r == "COMPETES_WITH"}
    assert bool(pairs & {("Kyutai", "OpenAI"), ("OpenAI", "Kyutai")}) is rivals


@pytest.mark.parametrize(
    ("text", "provider"),
    [
        (
            "Linkup et Koyeb, qui s’appuient actuellement sur les GPU de Nvidia, recrutent.",
            "NVIDIA",
        ),
        ("Linkup repose sur les modèles d’OpenAI.", "OpenAI"),
        # the antecedent of "qui", whatever governs it ("un tournant pour X, qui s’appuie")
        ("Le choix est simple pour Linkup, qui s’appuie sur les GPU de Nvidia.", "NVIDIA"),
        ("Linkup est tributaire de Nvidia.", "NVIDIA"),
        ("Linkup a commandé des milliers de puces à Nvidia.", "NVIDIA"),
        ("Linkup s’appuie sur la technologie d’OpenAI.", "OpenAI"),
        ("Linkup a recours au cloud de Microsoft.", "Microsoft"),
        ("Linkup est équipé de GPU Nvidia.", "NVIDIA"),
        ("Linkup migre ses données vers Microsoft Azure.", "Microsoft"),
        ("Linkup est client de Google Cloud.", "Google"),
        ("Les modèles de Linkup tournent sur l’infrastructure de Scaleway.", "Scaleway"),
        ("Linkup a signé un contrat avec CoreWeave pour accéder à des GPU.", "CoreWeave"),
    ],
)
def test_dependency_wording(text: str, provider: str) -> None:
    assert ("Linkup", "DEPENDS_ON", provider) in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "Linkup ne dépend plus de Nvidia.",
        "Linkup compte Google parmi ses clients.",  # Google is Linkup's customer
        "Les investisseurs de Linkup s’appuient sur un rapport de Nvidia.",
    ],
)
def test_dependency_negatives(text: str) -> None:
    assert not {f for f in found(text) if f[0] == "Linkup" and f[1] == "DEPENDS_ON"}


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("Jean Martin, numéro un de Linkup, a répondu.", True),
        ("Jean Martin, l’actuel PDG de Linkup, a répondu.", True),
        ("Jean Martin est aux commandes de Linkup.", True),
        ("Jean Martin succède à Paul Durand à la tête de Linkup.", True),
        ("Jean Martin, ancien numéro un de Linkup, a répondu.", False),
        ("Jean Martin, l’ancien PDG de Linkup, a répondu.", False),
    ],
)
def test_french_heads(text: str, held: bool) -> None:
    assert (("Jean Martin", "LEADS", "Linkup") in found(text)) is held


def test_coordinated_users_in_a_relative_clause() -> None:
    rows = found("Le choix est simple pour Linkup et Koyeb, qui s’appuient sur les GPU de Nvidia.")
    assert {("Linkup", "DEPENDS_ON", "NVIDIA"), ("Koyeb", "DEPENDS_ON", "NVIDIA")} <= rows


def test_the_predecessor_does_not_lead() -> None:
    rows = found("Jean Martin succède à Paul Durand à la tête de Linkup.")
    assert ("Paul Durand", "LEADS", "Linkup") not in rows


# Names no list holds, found by the French clause they open or the frame they fill
@pytest.mark.parametrize(
    ("text", "fact"),
    [
        ("Velkor a levé 12 millions d’euros auprès de Partech.", ("Partech", "FUNDS", "Velkor")),
        (
            "Lundi, Velkor annonce une levée de 12 millions d’euros menée par Partech.",
            ("Partech", "FUNDS", "Velkor"),
        ),
        ("Velkor, soutenue par Partech et Eurazeo, recrute.", ("Eurazeo", "INVESTS_IN", "Velkor")),
        ("Partech investit dans Velkor.", ("Partech", "INVESTS_IN", "Velkor")),
        ("Bpifrance est entré au capital de Velkor.", ("Bpifrance", "INVESTS_IN", "Velkor")),
        ("Capgemini s’empare de Velkor.", ("Capgemini", "ACQUIRES", "Velkor")),
        ("Capgemini a absorbé Velkor.", ("Capgemini", "ACQUIRES", "Velkor")),
        ("Velkor passe sous le contrôle de Capgemini.", ("Capgemini", "ACQUIRES", "Velkor")),
        ("Velkor s’allie à Capgemini.", ("Velkor", "PARTNERS_WITH", "Capgemini")),
        (
            "Velkor et Capgemini nouent un partenariat stratégique.",
            ("Velkor", "PARTNERS_WITH", "Capgemini"),
        ),
        ("Velkor s’appuie sur les GPU de Nvidia.", ("Velkor", "DEPENDS_ON", "NVIDIA")),
        (
            "La directrice technique de Velkor, Marie Durand, a répondu.",
            ("Marie Durand", "WORKS_AT", "Velkor"),
        ),
        ("Jean Martin dirige Velkor depuis 2020.", ("Jean Martin", "LEADS", "Velkor")),
        (
            "Fondée en 2021 par Jean Martin et Paul Durand, Velkor recrute.",
            ("Paul Durand", "FOUNDED", "Velkor"),
        ),
    ],
)
def test_unlisted_french_names_in_frames(text: str, fact: tuple[str, str, str]) -> None:
    rows = found(text)
    flipped = (fact[2], fact[1], fact[0])
    assert fact in rows or (fact[1] == "PARTNERS_WITH" and flipped in rows)


@pytest.mark.parametrize(
    ("text", "not_a_name"),
    [
        ("Résistant, le marché semble repartir.", "Résistant"),
        ("D’après Jean Martin, le marché est mûr.", "D’après Jean Martin"),
        ("L’entreprise a levé 12 millions d’euros.", "L’entreprise"),
        ("Enfin, la start-up vise l’Europe.", "Enfin"),
        ("Qu’importe, la start-up vise l’Europe.", "Qu’importe"),
    ],
)
def test_openers_are_no_names(text: str, not_a_name: str) -> None:
    result = extract_article(
        Article(
            id="https://example.org/fr/openers",
            file="/tmp/fr/openers.txt",
            format=ArticleFormat.TEXT,
            text=text,
            lang="fr",
            published="2025-06-02",
        )
    )
    assert not_a_name not in {e.name for e in result.entities}


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # the journalistic conditional reports what is not confirmed
        ("Selon la presse, Capgemini aurait racheté Linkup.", ("Capgemini", "ACQUIRES", "Linkup")),
        (
            "Partech aurait investi 10 millions d’euros dans Linkup.",
            ("Partech", "INVESTS_IN", "Linkup"),
        ),
        (
            "Linkup et Capgemini auraient signé un partenariat.",
            ("Capgemini", "PARTNERS_WITH", "Linkup"),
        ),
        # given up
        (
            "Capgemini a jeté l’éponge dans le rachat de Linkup.",
            ("Capgemini", "ACQUIRES", "Linkup"),
        ),
    ],
)
def test_unconfirmed_or_abandoned(text: str, fact: tuple[str, str, str]) -> None:
    rows = found(text)
    assert fact not in rows and (fact[2], fact[1], fact[0]) not in rows


@pytest.mark.parametrize(
    ("text", "fact"),
    [
        # a description opening the sentence names the firm after it
        (
            "La pépite lyonnaise Velkor a annoncé ce mardi une levée de 8 millions d’euros.",
            ("Velkor", "RAISED", "Velkor"),
        ),
        ("Le groupe Velkor rachète Mindee.", ("Velkor", "ACQUIRES", "Mindee")),
        # a provider chosen for what it supplies
        (
            "Velkor a choisi Microsoft Azure pour héberger ses modèles.",
            ("Velkor", "DEPENDS_ON", "Microsoft"),
        ),
    ],
)
def test_sentence_opening_descriptions_and_chosen_providers(
    text: str, fact: tuple[str, str, str]
) -> None:
    assert fact in found(text)


def test_a_consultancy_chosen_is_no_provider() -> None:
    assert not {
        f
        for f in found("Linkup a choisi Capgemini pour déployer son offre.")
        if f[1] == "DEPENDS_ON"
    }
