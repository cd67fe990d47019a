// Question: which deals are under regulatory review, who is party to them, and which regulator?
// (no parameters) A deal counts when its status is under_review or a regulator REVIEWS it.
MATCH (deal:Deal)
OPTIONAL MATCH (regulator:Entity)-[:REVIEWS]->(deal)
WITH deal, collect(DISTINCT regulator.name) AS regulators
WHERE deal.status = 'under_review' OR size(regulators) > 0
OPTIONAL MATCH (party:Entity)-[pt:PARTY_TO]->(deal)
WITH deal, regulators, party, pt ORDER BY party.name
RETURN deal.name AS deal,
       deal.status AS status,
       deal.date AS date,
       collect(party.name + ' (' + coalesce(pt.role, 'party') + ')') AS parties,
       regulators
ORDER BY deal
