// Question: what has $entity acquired, and when (oldest first)?
// @param entity: acquirer name, alias or id, e.g. "Mistral AI"
// Dates come from the acquisition Deal when there is one (amount and status too), else from
// the ACQUIRES relationship itself.
MATCH (acquirer:Entity)
WHERE acquirer.id = $entity OR toLower(acquirer.name) = toLower($entity)
   OR $entity IN acquirer.aliases
MATCH (acquirer)-[a:ACQUIRES]->(target:Entity)
OPTIONAL MATCH (acquirer)-[pa:PARTY_TO]->(deal:Deal)<-[pt:PARTY_TO]-(target)
WHERE pa.role = 'acquirer' AND pt.role = 'target'
RETURN target.name AS target,
       coalesce(deal.date, a.date) AS date,
       deal.amount AS amount,
       deal.currency AS currency,
       deal.status AS status
ORDER BY date, target
