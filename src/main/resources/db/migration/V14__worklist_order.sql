-- The case list's usual order (critical first, then the latest change), so that a page of 50 is read
-- from the index instead of sorting every case of the organization (docs/benchmarks.md, "Profiles").
CREATE INDEX case_file_worklist ON case_file (organization_id, (risk_level = 'CRITICAL') DESC, updated_at DESC);
