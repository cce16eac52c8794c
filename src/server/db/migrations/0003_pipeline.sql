-- Pipeline: stage models, opportunities, their change events and review commitments.
CREATE TABLE IF NOT EXISTS pipeline_placeholder (id TEXT PRIMARY KEY);
