// Question: who invested in $entity, and in whom else have those investors invested?
// @param entity: company name, alias or id, e.g. "OpenAI"
MATCH (company:Entity)
WHERE company.id = $entity OR toLower(company.name) = toLower($entity)
   OR $entity IN company.aliases
MATCH (investor:Entity)-[:INVESTS_IN|FUNDS]->(company)
OPTIONAL MATCH (investor)-[:INVESTS_IN|FUNDS]->(other:Entity)
WHERE other <> company AND NOT other:Deal
WITH investor, collect(DISTINCT other.name) AS others
RETURN investor.name AS investor, others AS other_holdings
ORDER BY investor
