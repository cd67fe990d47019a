"""Deals as nodes: funding rounds, investments, partnerships, acquisitions, acqui-hires.

Ids are `deal:<slug of type, parties, round>` so one deal told in zh, en and fr, or by two
articles, is one node. A round is known by its raiser and its label ("Series C"), else its
amount; a pair deal by its type and parties (partners in sorted order: no direction).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.extract.normalize import Money
from kg.schema import DealParty, DealProperties, DealStatus, DealType, Entity, EntityKind, slug

TYPE_WORD = {
    DealType.FUNDING_ROUND: "funding round",
    DealType.INVESTMENT: "investment",
    DealType.PARTNERSHIP: "partnership",
    DealType.ACQUISITION: "acquisition",
    DealType.MERGER: "merger",
    DealType.HIRING: "hiring",
}
_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "CNY": "CN¥"}


def money_words(amount: float, currency: str | None) -> str:
    """13e9, USD -> "$13 billion"; 415e6, USD -> "$415 million"."""
    num, word = f"{amount:,.0f}", ""
    for size, unit in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if amount >= size:
            num, word = f"{amount / size:.2f}".rstrip("0").rstrip("."), unit
            break
    sym = _SYMBOL.get(currency or "", "")
    text = f"{sym}{num} {word}".strip()
    return text if sym else f"{text} {currency or ''}".strip()


@dataclass
class DealDraft:
    key: str
    deal_type: DealType
    parties: list[tuple[str, str]] = field(default_factory=list)  # (entity id, role)
    round: str | None = None
    money: Money | None = None
    valuation: Money | None = None
    date: str | None = None
    date_text: str | None = None
    status: DealStatus | None = None

    def add_party(self, eid: str, role: str) -> None:
        if all(p != eid for p, _ in self.parties):
            self.parties.append((eid, role))

    def name(self, names: dict[str, str]) -> str:
        who = "–".join(self._core(names))
        if self.deal_type is DealType.FUNDING_ROUND:
            label = self.round or (
                money_words(self.money.amount, self.money.currency) if self.money else ""
            )
            return " ".join(x for x in (who, label, "funding round") if x)
        return f"{who} {TYPE_WORD[self.deal_type]}"

    def _core(self, names: dict[str, str]) -> list[str]:
        """Names a deal is known by: a round by its raiser only, a pair deal by both sides."""
        round_ = self.deal_type is DealType.FUNDING_ROUND
        return [names.get(p, p) for p, r in self.parties if not (round_ and r in _OUTSIDE)]

    def id(self, names: dict[str, str]) -> str:
        core = self._core(names)
        if self.deal_type is DealType.PARTNERSHIP:
            core.sort()
        if self.deal_type is DealType.FUNDING_ROUND:
            core = core[:1] + [
                self.round
                or (
                    money_words(self.money.amount, self.money.currency)
                    if self.money
                    else "undisclosed"
                )
            ]
        return "deal:" + slug(" ".join([self.deal_type.value, *core]))

    def entity(self, names: dict[str, str]) -> Entity:
        props = DealProperties(
            deal_type=self.deal_type,
            amount=self.money.amount if self.money else None,
            currency=self.money.currency if self.money else None,
            amount_text=self.money.text if self.money else None,
            valuation=self.valuation.amount if self.valuation else None,
            valuation_currency=self.valuation.currency if self.valuation else None,
            round=self.round,
            date=self.date,
            date_text=self.date_text,
            status=self.status,
            parties=[DealParty(id=p, role=r) for p, r in self.parties],
        )
        data: dict[str, Any] = props.model_dump(mode="json", exclude_none=True)
        name = self.name(names)
        aliases = [a for a in self.other_names(names) if a != name]
        return Entity(
            id=self.id(names), name=name, kind=EntityKind.DEAL, aliases=aliases, properties=data
        )

    def other_names(self, names: dict[str, str]) -> list[str]:
        """A round is also called by its amount, in its currency and converted ("€1.7 billion",
        "$2 billion"), whether or not its label ("Series C") is known."""
        if self.deal_type is not DealType.FUNDING_ROUND:
            return []
        who = " ".join(self._core(names))
        out = []
        for money in (self.money, self.money.converted if self.money else None):
            if money is not None:
                out.append(f"{who} {money_words(money.amount, money.currency)} funding round")
        return list(dict.fromkeys(out))


# investors in a round are parties too, but the round is named after its raiser
_OUTSIDE = {"investor", "lead_investor"}


@dataclass
class Deals:
    drafts: dict[str, DealDraft] = field(default_factory=dict)
    current: dict[str, str] = field(default_factory=dict)  # raiser -> key of its round in topic

    def round_of(self, raiser: str, label: str | None = None) -> DealDraft:
        """The raiser's round in topic; a label stated in the sentence wins over it ("its Series
        A … the C round": two rounds), an unlabelled round takes the first label stated."""
        key = self.current.get(raiser, f"round:{raiser}")
        draft = self.drafts.get(key)
        if draft is None:
            draft = self.drafts[key] = self._new_round(key, raiser)
        if label is None or draft.round in (None, label):
            draft.round = draft.round or label
            return draft
        key = f"round:{raiser}:{slug(label)}"
        labelled = self.drafts.get(key)
        if labelled is None:
            labelled = self.drafts[key] = self._new_round(key, raiser)
            labelled.round = label
        self.current[raiser] = key
        return labelled

    @staticmethod
    def _new_round(key: str, raiser: str) -> DealDraft:
        return DealDraft(key, DealType.FUNDING_ROUND, [(raiser, "issuer")])

    def pair(self, deal_type: DealType, a: str, b: str) -> DealDraft:
        roles = {
            DealType.PARTNERSHIP: ("partner", "partner"),
            DealType.INVESTMENT: ("investor", "investee"),
            DealType.ACQUISITION: ("acquirer", "target"),
            DealType.HIRING: ("acquirer", "target"),
            DealType.MERGER: ("partner", "partner"),
        }[deal_type]
        ends = sorted((a, b)) if deal_type is DealType.PARTNERSHIP else [a, b]
        key = f"{deal_type.value}:{ends[0]}:{ends[1]}"
        if key not in self.drafts:
            self.drafts[key] = DealDraft(key, deal_type, [(a, roles[0]), (b, roles[1])])
        return self.drafts[key]

    def takeover(self, acquirer: str, target: str, props: dict[str, Any]) -> DealDraft:
        """The Deal of a stated takeover (an acqui-hire already drafted, else an acquisition),
        given the amount and date its sentence states when it has none yet."""
        hiring = self.drafts.get(f"{DealType.HIRING.value}:{acquirer}:{target}")
        draft = hiring or self.pair(DealType.ACQUISITION, acquirer, target)
        if draft.money is None and isinstance(props.get("amount"), float):
            draft.money = Money(amount=props["amount"], currency=props.get("currency") or "",
                                text=props.get("amount_text") or "", start=0, end=0)
        if draft.date is None and props.get("date"):
            draft.date, draft.date_text = props["date"], props.get("date_text")
        return draft
