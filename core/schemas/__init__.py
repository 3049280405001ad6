"""JSON Schemas (2020-12) of LinReg Lab's files, read by core.json_schema; data, no code."""
