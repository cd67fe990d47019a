// Question: who ultimately depends on $entity (directly or through other providers), and how?
// @param entity: provider name, alias or id, e.g. "NVIDIA"
// @param depth=3: maximum number of DEPENDS_ON hops (1-10)
// One row per dependency path, nearest first; `path` runs from the dependent to $entity;
// for each hop `articles` counts distinct articles, `evidence` is its latest dated sentence
// (the first by article id among equals), `dates` that sentence's article date, `sources` its
// URL ("" where the article has none).
MATCH (root:Entity)
WHERE root.id = $entity OR toLower(root.name) = toLower($entity) OR $entity IN root.aliases
MATCH p = (dependent:Entity)-[:DEPENDS_ON*1..10]->(root)
WHERE length(p) <= $depth
WITH dependent, p, relationships(p) AS rels
WITH dependent, p, rels, [r IN rels | reduce(b = 0, i IN range(0, size(r.evidenceDates) - 1) |
       CASE WHEN r.evidenceDates[i] > r.evidenceDates[b] THEN i ELSE b END)] AS best
RETURN dependent.name AS dependent,
       length(p) AS depth,
       [r IN rels | coalesce(r.dependency, 'unspecified')] AS dependencies,
       [n IN nodes(p) | n.name] AS path,
       [r IN rels | size(r.articles)] AS articles,
       [k IN range(0, size(rels) - 1) | rels[k].evidenceSentences[best[k]]] AS evidence,
       [k IN range(0, size(rels) - 1) | rels[k].evidenceDates[best[k]]] AS dates,
       [k IN range(0, size(rels) - 1) | rels[k].evidenceSourceUrls[best[k]]] AS sources
ORDER BY depth, dependent, path
