// Question: what does $entity depend on, transitively, and through which kind of dependency?
// @param entity: company name, alias or id, e.g. "Mistral AI"
// @param depth=3: maximum number of DEPENDS_ON hops (1-10)
// One row per dependency path, shortest first; for each hop `dependencies` gives its kind,
// `articles` how many distinct articles state it, `evidence` its latest dated sentence (the
// first by article id among equals), `dates` that sentence's article date, `sources` its URL
// ("" where the article has none).
MATCH (root:Entity)
WHERE root.id = $entity OR toLower(root.name) = toLower($entity) OR $entity IN root.aliases
MATCH p = (root)-[:DEPENDS_ON*1..10]->(provider:Entity)
WHERE length(p) <= $depth
WITH provider, p, relationships(p) AS rels
WITH provider, p, rels, [r IN rels | reduce(b = 0, i IN range(0, size(r.evidenceDates) - 1) |
       CASE WHEN r.evidenceDates[i] > r.evidenceDates[b] THEN i ELSE b END)] AS best
RETURN provider.name AS provider,
       length(p) AS depth,
       [r IN rels | coalesce(r.dependency, 'unspecified')] AS dependencies,
       [n IN nodes(p) | n.name] AS path,
       [r IN rels | size(r.articles)] AS articles,
       [k IN range(0, size(rels) - 1) | rels[k].evidenceSentences[best[k]]] AS evidence,
       [k IN range(0, size(rels) - 1) | rels[k].evidenceDates[best[k]]] AS dates,
       [k IN range(0, size(rels) - 1) | rels[k].evidenceSourceUrls[best[k]]] AS sources
ORDER BY depth, provider, path
