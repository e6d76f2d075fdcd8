-- 003: lead terms by cluster. The partial unique index cluster_lead_open serves only the open
-- term; a cluster's lead at a date and its lead history (every cluster show, org import row and
-- report) scanned the whole table without this one.
CREATE INDEX IF NOT EXISTS cluster_lead_cluster ON cluster_lead(cluster_id, from_date);
