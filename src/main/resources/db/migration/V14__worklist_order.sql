-- Indexes for the case list, so that a page of 50 is read from an index instead of sorting every case
-- of the organization (docs/benchmarks.md, "Profiles"): critical first, then the latest change (no risk
-- filter); the latest change within one risk level (a risk filter); and a stage with a risk level,
-- for rare combinations such as newly identified children at low risk.
CREATE INDEX case_file_worklist ON case_file (organization_id, (risk_level = 'CRITICAL') DESC, updated_at DESC);
CREATE INDEX case_file_risk ON case_file (organization_id, risk_level, updated_at DESC);
CREATE INDEX case_file_stage_risk ON case_file (organization_id, stage, risk_level);
