"""Dependency: who runs on whose chips, cloud or models. "xAI trains Grok on Nvidia GPUs",
"Nvidia supplies GPUs to xAI", "Google Cloud is the main cloud provider for Anthropic",
"depends on X", "dépend des GPU de X", "阿里云为月之暗面提供算力", "从英伟达采购芯片"."""

from __future__ import annotations

import re

from kg.extract.clauses import relative_antecedent
from kg.extract.facts import Found, dependency_kind, resource_word
from kg.extract.mentions import Mention
from kg.extract.patterns import Trigger, lexicon
from kg.extract.slots import FIRMS, Ctx, before, expand, gov_left, left, right
from kg.extract.sources import sourced
from kg.extract.structure import conjuncts
from kg.schema import EntityKind, RelationType


def depend(ctx: Ctx, trig: Trigger, start: int, end: int, found: Found, status: str | None) -> None:
    if trig.agent in ("source", "dependence"):
        sourced(ctx, trig, start, end, found, status)
        return
    if trig.agent == "deal":
        _supply_deal(ctx, trig, start, end, found, status)
        return
    if trig.agent == "facility":  # "the GPU campus it runs for A and B"
        _facility(ctx, trig, start, end, found, status)
        return
    if trig.agent == "customer":  # "Oracle named Kyutai as the anchor customer"
        if not _AS_THE.search(ctx.text, 0, start):
            client, seller = _customer_of(ctx, start, end)
        else:
            client = left(ctx, start, FIRMS) or before(ctx, start, FIRMS)
            seller = left(ctx, client.start, _KINDS, [client.eid]) if client else None
        if client is not None and seller is not None:
            _add_dependency(ctx, found, client, seller, status, ctx.text[start:end])
        return
    if trig.agent in ("zh_supplier", "supplier", "provider", "powers"):
        user, provider = _supplied(ctx, trig.agent, start, end)
        providers = [provider] if provider else []
        if provider is not None and trig.agent == "supplier":  # "A and B supply chips to X"
            providers = [
                m for m in conjuncts(ctx, provider, False, _KINDS) if m.eid != user_id(user)
            ]
    else:
        user, providers = _used(ctx, trig, start, end)
        user = _coordinated_subject(ctx, found, user, start) or _round_raiser(ctx, found, start)
    if user is None or lexicon().not_dependency.search(ctx.text, end):
        return  # "relies on Amazon for funding": an investment, not a supply
    users = [user]
    if trig.agent == "uses" and user.via != "pronoun" and user.end <= start:  # "A et B utilisent X"
        users = _coordinated(ctx, user)
    if trig.agent == "supplier" and user.start > end:  # "a data center it runs for A and B"
        users = [u for u in expand(ctx, user, True, FIRMS) if u.eid not in _ids(providers)]
    for one in users:
        for provider in providers:
            _add_dependency(ctx, found, one, provider, status, ctx.text[start:end])


def _round_raiser(ctx: Ctx, found: Found, start: int) -> Mention | None:
    """ "X raised $500m. The money will buy Nvidia GPUs", "这笔资金将用于购买英伟达的GPU": the
    raiser of the round just told buys with it."""
    recent = found.round_sentence is not None and ctx.sent.index - found.round_sentence <= 1
    eid = found.last_investee
    if not recent or eid is None or not _MONEY_SUBJECT.search(ctx.text, 0, start):
        return None
    return Mention(start, start, eid, ctx.doc.kind(eid), "pronoun")


_MONEY_SUBJECT = re.compile(
    r"(?:^|[,;:]\s*)(?:the|this|that|these|its|the\s+new)\s+(?:new\s+|fresh\s+)?(?:money|funds|"
    r"funding|capital|proceeds|cash|financing|round|investment)\b|"
    r"(?:^|[,;:]\s*)(?:les|ces|ses|leurs)\s+(?:nouveaux\s+)?fonds\b|(?:^|[,;:]\s*)(?:l[’']argent|"
    r"cette\s+(?:levée|somme|enveloppe|manne)|ce\s+financement|le\s+financement)\b|"
    r"(?:^|[，,；;：:])\s*(?:这笔|這筆|该笔|該筆|本轮|本輪|此次|本次|所筹|所籌|募集)[^，。；]{0,12}?"
    r"(?:资金|資金|款项|款項|融资|融資|筹资|籌資)",
    re.I,
)


def _coordinated(ctx: Ctx, user: Mention) -> list[Mention]:
    """The user and the firms coordinated before it by "et"/"and" ("A, B et C utilisent")."""
    listed = expand(ctx, user, False, FIRMS)
    if len(listed) > 1 and _AND.search(ctx.text, listed[1].end, user.start):
        return listed
    return [user]


_AND = re.compile(r"\b(?:et|and)\b")


_NAMES_CLIENT = re.compile(
    r"\s*(?:,[^,;.]{1,40},)?\s*(?:,|:|\bis\b|\bwas\b|\bremains\b|\bhas been\b)\s*", re.I
)  # "Y's biggest customer, before the deal, was X"
_ITS = re.compile(r"\b(?:its|their)\s+(?:\w+\s+)?$", re.I)


def _customer_of(ctx: Ctx, start: int, end: int) -> tuple[Mention | None, Mention | None]:
    """(client, seller) of "X is one of Y's biggest customers", "Y's largest customer, X,",
    "X, a major customer of Y", "Y counts X among its biggest customers"."""
    seller = before(ctx, start, _KINDS)
    if seller is not None:
        nxt = right(ctx, end, FIRMS, [seller.eid], reach=60)
        if nxt is not None and _NAMES_CLIENT.fullmatch(ctx.text, end, nxt.start):
            return nxt, seller  # "Y's biggest customer is X"
        return left(ctx, seller.start, FIRMS, [seller.eid]), seller
    seller = right(ctx, end, _KINDS, preps=("of",), reach=6)
    if seller is not None:  # "X, a major customer of Y"
        return left(ctx, start, FIRMS, [seller.eid]), seller
    if _ITS.search(ctx.text, 0, start):  # "Y counts X among its biggest customers"
        client = left(ctx, start, FIRMS)
        return client, left(ctx, client.start, _KINDS, [client.eid]) if client else None
    return None, None


def _coordinated_subject(
    ctx: Ctx, found: Found, user: Mention | None, start: int
) -> Mention | None:
    """ "A uses B and trains on C": B, the first verb's provider, is not the second verb's
    subject; A, who depends on B in this sentence, is."""
    if user is None or user.end > start or not _AND_VERB.search(ctx.text, user.end, start):
        return user
    facts = found.by_sentence.get(ctx.sent.index, [])
    dep = RelationType.DEPENDS_ON
    prior = next((f.source for f in facts if f.relation is dep and f.target == user.eid), None)
    return Mention(start, start, prior, ctx.doc.kind(prior), "pronoun") if prior else user


def _facility(
    ctx: Ctx, trig: Trigger, start: int, end: int, found: Found, status: str | None
) -> None:
    """The operator is the relative clause's subject: a firm named right before the verb, or
    "it"/"they", the firm the article was just about."""
    verb = _OPERATOR.search(ctx.text, start, end)
    if verb is None:
        return
    named = [m for m in ctx.mentions if m.kind in FIRMS and start <= m.start and m.end <= end]
    eid = named[-1].eid if named else None
    if eid is None and verb.group("who").lower() in ("it", "they"):
        subject = left(ctx, start, FIRMS)  # the clause's own firm, else the article's last
        eid = subject.eid if subject else ctx.doc.previous_subject(ctx.sent)
    user = right(ctx, end, FIRMS, reach=8)
    if eid is None or user is None:
        return
    operator = Mention(start, start, eid, ctx.doc.kind(eid), "pronoun")
    for one in expand(ctx, user, True, FIRMS):
        if one.eid != eid:
            _add_dependency(ctx, found, one, operator, status, ctx.text[start:end])


_OPERATOR = re.compile(r"(?P<who>[\w’'-]+)\s+\w+\s+for$")


def _ids(mentions: list[Mention]) -> set[str]:
    return {m.eid for m in mentions}


_KINDS = (*FIRMS, EntityKind.PRODUCT)


def _supply_deal(
    ctx: Ctx, trig: Trigger, start: int, end: int, found: Found, status: str | None
) -> None:
    """ "Orbit Cloud … has a compute deal with the startup": of the two parties, the
    cloud or chip firm is the provider."""
    one, other = left(ctx, start, FIRMS), right(ctx, end, FIRMS, reach=30)
    if one is None or other is None or one.eid == other.eid:
        return
    if provider_after(ctx.text, end):  # "an agreement with cloud provider X": X provides
        user, provider = one, other
    elif _sells(ctx, one) and not _sells(ctx, other):
        user, provider = other, one
    elif _sells(ctx, other) and not _sells(ctx, one):
        user, provider = one, other
    else:
        return  # who supplies whom is not said
    _add_dependency(ctx, found, user, provider, status, ctx.text[start:end])


# the firm after "with" described as a provider: "a deal with GPU-heavy cloud service X"
_PROVIDER_AFTER = re.compile(
    r"\s*,?\s*(?:an?\s+|the\s+)?(?:[\w\-]+\s+){0,2}?(?:cloud|compute|computing|GPU|chip|"
    r"data[- ]cent(?:er|re)|hosting)\s+(?:provider|service|company|firm|operator|supplier|"
    r"vendor|maker|specialist|platform)s?\b",
    re.I,
)


def provider_after(text: str, end: int) -> bool:
    """Is the party after a deal word at `end` described as a supplier of compute?"""
    return bool(_PROVIDER_AFTER.match(text, end))


def _sells(ctx: Ctx, m: Mention) -> bool:
    known = ctx.doc.entity(m.eid).known
    return bool(known and {"cloud", "chips"} & set(known.tags))


def user_id(user: Mention | None) -> str | None:
    return user.eid if user else None


def _supplied(ctx: Ctx, how: str, start: int, end: int) -> tuple[Mention | None, Mention | None]:
    """(user, provider) when the provider is the subject: "Nvidia supplies GPUs to xAI"."""
    if how == "zh_supplier":  # 阿里云为月之暗面提供算力
        user = gov_left(ctx, start, ("为", "為", "向", "给", "給"), FIRMS, reach=15)
        return user, left(ctx, user.start, _KINDS, [user.eid]) if user else None
    if how == "powers":  # "其晶片驱动OpenAI模型", "Nvidia’s chips power xAI’s models"
        user = right(ctx, end, FIRMS, reach=8)
        return user, before(ctx, start, _KINDS) or left(ctx, start, _KINDS)
    if how == "supplier":  # "Nvidia supplies GPUs to xAI", "supply the ChatGPT maker with"
        user = right(
            ctx, end, FIRMS, preps=("to", "for", "à", "au", "aux", "pour"), reach=60
        ) or right(ctx, end, FIRMS, reach=20)
        provider = left(ctx, start, _KINDS)
        if user is None and _IT.match(ctx.text, end):  # "invest in Vega AI and supply it with"
            user = left(ctx, start, FIRMS, [provider.eid] if provider else []) or next(
                (
                    m
                    for m in reversed(ctx.mentions)
                    if m.end <= start
                    and m.kind in FIRMS
                    and (provider is None or m.eid != provider.eid)
                ),
                None,
            )
        return user, provider
    user = before(ctx, start, FIRMS + (EntityKind.PRODUCT,)) or right(
        ctx, end, FIRMS, preps=("to", "for", "of", "de", "pour", "d’", "d'"), reach=20
    )
    provider = left(ctx, start, _KINDS, [user.eid] if user else [])
    if provider is not None and user is None:
        user = left(ctx, provider.start, FIRMS, [provider.eid]) or _any_left(ctx, provider)
    return user, provider


def _used(ctx: Ctx, trig: Trigger, start: int, end: int) -> tuple[Mention | None, list[Mention]]:
    """(user, providers) when the user is the subject: "xAI trains Grok on Nvidia GPUs",
    "OpenAI depends on Microsoft Azure and on Oracle Cloud"."""
    if _PASSIVE_ZH.search(ctx.text[max(0, start - 5) : start]):
        return None, []  # "被广泛采用的模型": adopted by others, the subject uses nothing
    if _FORMERLY.search(ctx.text[max(0, start - 14) : start]):
        return None, []  # "曾主要使用X", "used to rely on X": a past supply
    subject = left(ctx, start, FIRMS)
    own = _owned_by(ctx, subject.eid) if subject else set()
    preps = _PROVIDER_PREPS_STRONG if trig.strong else _PROVIDER_PREPS
    provider = gov_left(ctx, start, preps, _KINDS, reach=20) or right(
        ctx, end, _KINDS, own, reach=40
    )  # "xAI trains Grok on Nvidia GPUs": its own product is not the provider
    if provider is None:
        return None, []
    gap = ctx.text[end : provider.start] if provider.start > end else ""
    if ctx.sent.lang == "zh" and re.search(r"[，,；;：:]", gap):
        return None, []  # "推出基于自研模型的产品，并与X合作": X is in another clause
    if trig.strong and not _plain_object(gap):
        return None, []  # "relies on customers such as Oracle": Oracle is no provider
    if not (trig.strong or _is_resource(ctx, provider) or resource_word(gap)):
        return None, []  # "rents GPUs from Orbit Cloud": the resource is named before the provider
    listed = expand(ctx, provider, True, _KINDS) if provider.start > end else [provider]
    providers = [p for p in listed if p.eid not in own and (trig.strong or _is_resource(ctx, p))]
    user = (
        left(ctx, provider.start, FIRMS, [provider.eid])
        or relative_antecedent(ctx, start, FIRMS)  # "pour X, qui s’appuie sur"
        or _possessor_subject(ctx, start)
    )
    return user, [provider, *providers[1:]]


# a French subject named by what it owns: "Les modèles de X tournent sur …", "L’assistant d’X"
_OWNED_THING = re.compile(
    r"(?:^|[,;:]\s*)(?:les?|la|l[’']|ses|son|sa)\s*(?:modèles?|puces?|serveurs?|services?|produits?|"
    r"outils?|assistants?|agents?|applications?|solutions?|plateformes?|logiciels?|chatbots?|"
    r"infrastructures?|systèmes?|technologies?|IA|LLM)\s+(?:[\w-]+\s+)?$",
    re.I,
)


_OF = re.compile(r"(?:de|d[’'])\s*$")


def _possessor_subject(ctx: Ctx, pos: int) -> Mention | None:
    """The firm after "de" in the noun phrase that opens the clause before the verb at `pos`
    ("Les puces de X équipent…" is said of X); none once a verb or another name stands between."""
    for m in ctx.mentions:
        if m.end > pos:
            return None
        head = _OF.sub("", ctx.text[: m.start])
        if m.kind in FIRMS and m.gov in ("de", "d’", "d'") and _OWNED_THING.search(head):
            gap = ctx.text[m.end : pos]
            return m if len(gap) < 30 and not re.search(r"[,;]", gap) else None
    return None


_AND_VERB = re.compile(r"\b(?:and|et)\s+(?:also\s+|now\s+|still\s+|aussi\s+)?$")
_AS_THE = re.compile(r"\bas\s+(?:an?\s+|the\s+|its\s+|their\s+)?[“\"]?$")
_IT = re.compile(r"\s+(?:it|them)\b")
_FORMERLY = re.compile(
    r"(?:曾|曾经|曾經|以前|过去|過去)[\u4e00-\u9fff]{0,4}$|\bformerly\s+$|"
    # "used to rely on X", not the passive "will be used to buy X"
    r"(?<!\bbe )(?<!\bis )(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbeen )\bused to\s+$"
)
_PASSIVE_ZH = re.compile(r"被[\u4e00-\u9fff]{0,3}$")
# the provider put before the verb: 在昇腾上训练, 从英伟达采购芯片, 向英伟达购买 (and for
# 依赖 only: 对英伟达的依赖)
_PROVIDER_PREPS = ("在", "从", "從", "向", "on", "sur")
_PROVIDER_PREPS_STRONG = (*_PROVIDER_PREPS, "对", "對")


# what the user builds itself is not what the provider supplies
_OWN_THING = re.compile(
    r"\b(?:its|their|his|her)\s+own\s+[\w-]+|\b(?:son|sa|ses|leurs?)\s+propres?\s+[\w-]+"
    # what the user does with the supply: "to train its models", "pour entraîner ses modèles"
    r"|\b(?:to|pour)\s+(?:train|serve|run|deploy|host|entraîner|servir|déployer|héberger)\s+"
    r"(?:its|their|ses|son|sa|leurs?)\s+[\w-]+"
    r"|(?:自己|自身|自有)的?[\u4e00-\u9fff]{1,4}",
    re.I,
)
_DETERMINER = re.compile(r"\s*(?:the|its|their|le|la|les|des|du|de|d[’']|l[’'])?\s*")


def _plain_object(gap: str) -> bool:
    """ "depends on Nvidia", "dépend des GPU de Nvidia", but not "relies on customers such as
    Oracle": only a determiner or a resource stands between the verb and the provider."""
    return bool(_DETERMINER.fullmatch(gap) or resource_word(gap))


def _any_left(ctx: Ctx, provider: Mention) -> Mention | None:
    for m in reversed([m for m in ctx.mentions if m.end <= provider.start]):
        if m.kind in FIRMS and m.eid != provider.eid:
            return m
    return None


def _owned_by(ctx: Ctx, eid: str) -> set[str]:
    return ctx.doc.gaz.owned_by(ctx.doc.entity(eid).name)


def _is_resource(ctx: Ctx, provider: Mention) -> bool:
    known = ctx.doc.entity(provider.eid).known
    if provider.kind is EntityKind.PRODUCT or (known and {"cloud", "chips"} & set(known.tags)):
        return True  # a product, or a cloud or chip company ("hosted on AWS")
    after = ctx.text[provider.end : provider.end + 30]
    return dependency_kind(after, "") != ""


def _add_dependency(
    ctx: Ctx,
    found: Found,
    user: Mention,
    provider: Mention,
    status: str | None,
    trigger_text: str,
) -> None:
    what = ctx.text[provider.start : provider.end]
    if provider.via == "description":  # "the software giant" says less than the trigger
        what = trigger_text
    eid = provider.eid
    known = ctx.doc.entity(eid).known
    if provider.kind is EntityKind.PRODUCT:
        owner = known.owner if known else None
        eid = ctx.doc.gaz.by_alias.get(owner or "", "")
        if not eid:
            return
        ctx.doc.entity(eid)
    later = [m.start for m in ctx.mentions if m.start >= provider.end and m.kind in FIRMS]
    stop = min([*later, provider.end + 30])
    earlier = [m.end for m in ctx.mentions if m.end <= provider.start]
    # "Azure and on NVIDIA GPUs", "buys GPUs from NVIDIA": each provider by its own words
    after = _OWN_THING.sub(" ", ctx.text[provider.end : stop])  # "pour son propre cloud"
    ahead = _OWN_THING.sub(" ", ctx.text[max([*earlier, 0]) : provider.start])
    near = after + " " + ahead
    if provider.kind is not EntityKind.PRODUCT:  # "使用华为的昇腾芯片" -> what = 昇腾
        what = resource_word(after) or resource_word(ahead) or what
    kind = (
        (known.dependency if known and known.dependency else None)
        or dependency_kind(near, "")
        or next((t for t in ("cloud", "chips") if known and t in known.tags), "")
        or dependency_kind(ctx.text)
    )
    found.add(
        ctx, user.eid, RelationType.DEPENDS_ON, eid, dependency=kind, what=what, status=status
    )
