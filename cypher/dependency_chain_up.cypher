// Question: who ultimately depends on $entity (directly or through other providers), and how?
// @param entity: provider name, alias or id, e.g. "NVIDIA"
// @param depth=3: maximum number of DEPENDS_ON hops (1-10)
// One row per dependency path, nearest first; `path` runs from the dependent to $entity;
// for each hop `articles` counts distinct articles, `evidence` is its first sentence.
MATCH (root:Entity)
WHERE root.id = $entity OR toLower(root.name) = toLower($entity) OR $entity IN root.aliases
MATCH p = (dependent:Entity)-[:DEPENDS_ON*1..10]->(root)
WHERE length(p) <= $depth
RETURN dependent.name AS dependent,
       length(p) AS depth,
       [r IN relationships(p) | coalesce(r.dependency, 'unspecified')] AS dependencies,
       [n IN nodes(p) | n.name] AS path,
       [r IN relationships(p) | size(r.articles)] AS articles,
       [r IN relationships(p) | r.evidenceSentences[0]] AS evidence
ORDER BY depth, dependent, path
