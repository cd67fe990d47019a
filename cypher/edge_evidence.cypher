// Question: which articles support the edge $source -[$relation]-> $target, and with what words?
// @param source: name, alias or id of the source entity, e.g. "Mistral AI"
// @param relation: relationship type, e.g. "DEPENDS_ON"
// @param target: name, alias or id of the target entity, e.g. "Microsoft"
// Evidence lives on the relationship as parallel lists (evidenceArticles[i] stated
// evidenceSentences[i] in evidenceLangs[i]); each article id leads to its Article node.
MATCH (s:Entity)-[r]->(t:Entity)
WHERE type(r) = $relation
  AND (s.id = $source OR toLower(s.name) = toLower($source) OR $source IN s.aliases)
  AND (t.id = $target OR toLower(t.name) = toLower($target) OR $target IN t.aliases)
UNWIND range(0, size(r.evidenceArticles) - 1) AS i
WITH r.evidenceArticles[i] AS id, r.evidenceSentences[i] AS sentence,
     r.evidenceLangs[i] AS lang
MATCH (article:Article {id: id})
WITH article, collect(sentence) AS sentences, collect(lang) AS langs
RETURN article.id AS article,
       article.title AS title,
       article.published AS published,
       article.url AS url,
       sentences,
       langs
ORDER BY article
