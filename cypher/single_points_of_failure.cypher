// Question: which providers are most depended upon, directly and transitively?
// @param limit=10: how many providers to list
// `direct` counts entities with a DEPENDS_ON edge to the provider; `transitive` counts every
// entity that reaches it through a chain of up to 10 DEPENDS_ON edges.
MATCH (dependent:Entity)-[:DEPENDS_ON]->(provider:Entity)
WITH provider, count(DISTINCT dependent) AS direct
MATCH (upstream:Entity)-[:DEPENDS_ON*1..10]->(provider)
WHERE upstream <> provider
WITH provider, direct, count(DISTINCT upstream) AS transitive
RETURN provider.name AS provider, direct, transitive
ORDER BY transitive DESC, direct DESC, provider
LIMIT $limit
