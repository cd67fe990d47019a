// Question: what does $entity depend on, transitively, and through which kind of dependency?
// @param entity: company name, alias or id, e.g. "Mistral AI"
// @param depth=3: maximum number of DEPENDS_ON hops (1-10)
// One row per dependency path, shortest first; for each hop `dependencies` gives its kind,
// `articles` how many distinct articles state it, `evidence` its first sentence.
MATCH (root:Entity)
WHERE root.id = $entity OR toLower(root.name) = toLower($entity) OR $entity IN root.aliases
MATCH p = (root)-[:DEPENDS_ON*1..10]->(provider:Entity)
WHERE length(p) <= $depth
RETURN provider.name AS provider,
       length(p) AS depth,
       [r IN relationships(p) | coalesce(r.dependency, 'unspecified')] AS dependencies,
       [n IN nodes(p) | n.name] AS path,
       [r IN relationships(p) | size(r.articles)] AS articles,
       [r IN relationships(p) | r.evidenceSentences[0]] AS evidence
ORDER BY depth, provider, path
