// Question: what is the shortest chain of relationships between $source and $target?
// @param source: name, alias or id of one entity, e.g. "Koyeb"
// @param target: name, alias or id of the other, e.g. "TSMC"
// Any stated relationship type, either direction, at most 8 hops; articles are not part of chains.
// `steps` keeps each relationship's own direction: Koyeb <-ACQUIRES- Mistral AI means
// Mistral AI acquires Koyeb.
MATCH (a:Entity)
WHERE a.id = $source OR toLower(a.name) = toLower($source) OR $source IN a.aliases
MATCH (b:Entity)
WHERE b.id = $target OR toLower(b.name) = toLower($target) OR $target IN b.aliases
// Every relationship type kg states (articles' MENTIONS left out: chains go between entities).
MATCH p = shortestPath((a)-[:INVESTS_IN|FUNDS|RAISED|ACQUIRES|REVIEWS|PARTNERS_WITH|DEPENDS_ON|COMPETES_WITH|FOUNDED|LEADS|WORKS_AT|BOARD_MEMBER_OF|PARTY_TO|LOCATED_IN|DEVELOPS|REGULATES*..8]-(b))
WITH p, nodes(p) AS ns, relationships(p) AS rs
RETURN length(p) AS hops,
       [n IN ns | n.name] AS chain,
       [r IN rs | type(r)] AS relations,
       reduce(s = ns[0].name, i IN range(0, size(rs) - 1) |
              s + CASE WHEN startNode(rs[i]) = ns[i] THEN ' -' + type(rs[i]) + '-> '
                       ELSE ' <-' + type(rs[i]) + '- ' END + ns[i + 1].name) AS steps
