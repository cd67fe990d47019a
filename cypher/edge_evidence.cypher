// Question: which articles support the edge $source -[$relation]-> $target, and with what words?
// @param source: name, alias or id of the source entity, e.g. "Mistral AI"
// @param relation: relationship type, e.g. "DEPENDS_ON"
// @param target: name, alias or id of the target entity, e.g. "Microsoft"
MATCH (s:Entity)-[r]->(t:Entity)
WHERE type(r) = $relation
  AND (s.id = $source OR toLower(s.name) = toLower($source) OR $source IN s.aliases)
  AND (t.id = $target OR toLower(t.name) = toLower($target) OR $target IN t.aliases)
MATCH (e:Evidence {rel_key: r.key})-[:FROM]->(article:Article)
RETURN article.id AS article,
       article.title AS title,
       article.published AS published,
       article.url AS url,
       e.sentences AS sentences,
       e.langs AS langs
ORDER BY article
