// Question: who depends directly on $entity, for what, and how many articles say so?
// @param entity: provider name, alias or id, e.g. "Microsoft"
// `articles` counts distinct articles (one stating it in zh, en and fr counts once).
MATCH (provider:Entity)
WHERE provider.id = $entity OR toLower(provider.name) = toLower($entity)
   OR $entity IN provider.aliases
MATCH (dependent:Entity)-[r:DEPENDS_ON]->(provider)
RETURN dependent.name AS dependent,
       coalesce(r.dependency, 'unspecified') AS dependency,
       size(r.articles) AS articles
ORDER BY dependent
