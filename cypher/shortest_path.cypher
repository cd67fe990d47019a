// Question: what is the shortest chain of relationships between $source and $target?
// @param source: name, alias or id of one entity, e.g. "Koyeb"
// @param target: name, alias or id of the other, e.g. "TSMC"
// Any relationship type, either direction, at most 8 hops; articles are not part of chains.
MATCH (a:Entity)
WHERE a.id = $source OR toLower(a.name) = toLower($source) OR $source IN a.aliases
MATCH (b:Entity)
WHERE b.id = $target OR toLower(b.name) = toLower($target) OR $target IN b.aliases
MATCH p = shortestPath((a)-[*..8]-(b))
RETURN length(p) AS hops,
       [n IN nodes(p) | n.name] AS chain,
       [r IN relationships(p) | type(r)] AS relations
